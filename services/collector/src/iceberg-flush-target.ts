import { EVENT_BUCKET, EVENT_NAMESPACE } from '@analytics/events';
import { CountingStore, type FileIO, fileIO, R2Store } from '@analytics/iceberg';
import type { Env } from './env.ts';
import type { FlushBatch, FlushCommit, FlushTarget } from './flush-target.ts';
import { type AppendContext, appendOnce, randomSnapshotId } from './iceberg/append-once.ts';
import { loadParquetWasmWorkerd } from './iceberg/engine-parquet.ts';
import { loadOrCreateEventTable } from './iceberg/event-table.ts';
import { RestTableCatalog, type TableCatalog } from './iceberg/rest-table-catalog.ts';

/**
 * The real `FlushTarget`: Parquet data files in `analytics-source`, one
 * Iceberg commit per flush through the REST catalog. Creates the namespace and
 * the table (schema, hidden `hour(timestamp)` partitioning, SEED.md's
 * properties) on the first flush of a table.
 */
export class IcebergFlushTarget implements FlushTarget {
  readonly #ctx: AppendContext;
  readonly #afterFlush: (() => Promise<void>) | undefined;

  constructor(deps: {
    catalog: TableCatalog;
    io: FileIO;
    nowMs?: () => number;
    afterFlush?: () => Promise<void>;
  }) {
    this.#afterFlush = deps.afterFlush;
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
    try {
      const loaded = await loadOrCreateEventTable(this.#ctx.catalog, this.#ctx.namespace, batch.table);
      return await appendOnce(this.#ctx, loaded, batch.table, batch.flushId, batch.rows);
    } finally {
      await this.#afterFlush?.();
    }
  }
}

/** The catalog Worker's RPC method that counts R2 operations for `/v1/costs`. */
interface OperationRecorder {
  recordOperations(service: string, classA: number, classB: number): Promise<void>;
}

/** The flush target of a deployed collector: the CATALOG binding and the SOURCE bucket. */
export function icebergFlushTarget(env: Env): FlushTarget {
  if (env.CATALOG === undefined)
    throw new Error('the collector has no CATALOG service binding to commit through');
  loadParquetWasmWorkerd();
  const store = new CountingStore(new R2Store(env.SOURCE));
  const catalog = env.CATALOG;
  return new IcebergFlushTarget({
    catalog: new RestTableCatalog(catalog, { credential: env.CATALOG_CREDENTIAL }),
    io: fileIO(store, `s3://${EVENT_BUCKET}/`),
    // The catalog prices the R2 operations every service makes (`/v1/costs`).
    afterFlush: async () => {
      const { classA, classB } = store.take();
      if (classA === 0 && classB === 0) return;
      try {
        await (catalog as unknown as OperationRecorder).recordOperations('collector', classA, classB);
      } catch (err) {
        console.warn(`could not report R2 operations to the catalog: ${String(err)}`);
      }
    },
  });
}
