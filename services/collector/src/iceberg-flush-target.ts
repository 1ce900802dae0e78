import {
  EVENT_BUCKET,
  EVENT_NAMESPACE,
  type EventTableName,
  TABLE_PROPERTIES,
  tableLocation,
  tablePartitionSpec,
  tableSchema,
} from '@analytics/events';
import { type FileIO, fileIO, R2Store } from '@analytics/iceberg';
import type { Env } from './env.ts';
import type { FlushBatch, FlushCommit, FlushTarget } from './flush-target.ts';
import { type AppendContext, appendOnce, randomSnapshotId } from './iceberg/append-once.ts';
import { loadParquetWasmWorkerd } from './iceberg/engine-parquet.ts';
import { type LoadedTable, RestTableCatalog, type TableCatalog } from './iceberg/rest-table-catalog.ts';

/**
 * The real `FlushTarget`: Parquet data files in `analytics-source`, one
 * Iceberg commit per flush through the REST catalog. Creates the namespace and
 * the table (schema, hidden `hour(timestamp)` partitioning, SEED.md's
 * properties) on the first flush of a table.
 */
export class IcebergFlushTarget implements FlushTarget {
  readonly #ctx: AppendContext;

  constructor(deps: { catalog: TableCatalog; io: FileIO; nowMs?: () => number }) {
    this.#ctx = {
      catalog: deps.catalog,
      io: deps.io,
      namespace: EVENT_NAMESPACE,
      nowMs: deps.nowMs ?? (() => Date.now()),
      newUuid: () => crypto.randomUUID(),
      newSnapshotId: randomSnapshotId,
    };
  }

  async appendOnce(batch: FlushBatch): Promise<FlushCommit> {
    const loaded = await this.#table(batch.table);
    return appendOnce(this.#ctx, loaded, batch.table, batch.flushId, batch.rows);
  }

  async #table(table: EventTableName): Promise<LoadedTable> {
    const { catalog, namespace } = this.#ctx;
    const loaded = await catalog.loadTable(namespace, table);
    if (loaded !== undefined) return loaded;
    await catalog.createNamespace(namespace);
    return catalog.createTable(namespace, {
      name: table,
      location: tableLocation(table),
      schema: tableSchema(table),
      'partition-spec': tablePartitionSpec(table),
      'write-order': { 'order-id': 0, fields: [] },
      properties: TABLE_PROPERTIES,
    });
  }
}

/** The flush target of a deployed collector: the CATALOG binding and the SOURCE bucket. */
export function icebergFlushTarget(env: Env): FlushTarget {
  if (env.CATALOG === undefined)
    throw new Error('the collector has no CATALOG service binding to commit through');
  loadParquetWasmWorkerd();
  return new IcebergFlushTarget({
    catalog: new RestTableCatalog(env.CATALOG, { credential: env.CATALOG_CREDENTIAL }),
    io: fileIO(new R2Store(env.SOURCE), `s3://${EVENT_BUCKET}/`),
  });
}
