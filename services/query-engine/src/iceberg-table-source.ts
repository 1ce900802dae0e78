import {
  and,
  appendedFilesBetween,
  type Expression,
  type FileIO,
  type FileScanTask,
  fileIO,
  gtEq,
  lt,
  ManifestCache,
  planFiles,
  type Snapshot,
  type TableMetadata,
} from '@analytics/iceberg';
import { columnsOf } from './duckdb-types.ts';
import { QueryError } from './errors.ts';
import { type StoreForBucket, splitS3Uri } from './object-stores.ts';
import type { LoadedMetadata } from './rest-catalog-reader.ts';
import type {
  IncrementalPlan,
  PlannedFile,
  ScanPlan,
  SnapshotSelector,
  TableName,
  TableSource,
  TableSummary,
  TimeFilter,
} from './table-source.ts';
import { expiredHistoryError, qualifiedName } from './table-source.ts';

/** What the source needs from a catalog: `RestCatalogReader` in production. */
export interface CatalogReader {
  listTables(): Promise<TableName[]>;
  loadTable(table: TableName): Promise<LoadedMetadata>;
}

/**
 * Tables from an Iceberg REST catalog, planned with the table engine's scan
 * planner (`@analytics/iceberg` `planFiles`: snapshot selection for time
 * travel, manifests pruned by partition summaries, files by partition tuple
 * and column metrics), incremental appends with `appendedFilesBetween`, and
 * one manifest cache shared by every scan.
 *
 * Merge-on-read delete files are not applied yet: a table that has them is
 * refused with a clear error rather than read wrong.
 */
export class IcebergTableSource implements TableSource {
  readonly #catalog: CatalogReader;
  readonly #stores: StoreForBucket;
  readonly #tables = new Map<string, LoadedMetadata>();
  /** Decoded manifest lists and manifests (immutable), for every scan. */
  readonly manifestCache = new ManifestCache(5_000);

  constructor(catalog: CatalogReader, stores: StoreForBucket) {
    this.#catalog = catalog;
    this.#stores = stores;
  }

  /** Manifest cache hits and misses, for /metrics. */
  get cacheStats(): { hits: number; misses: number } {
    return { hits: this.manifestCache.hits, misses: this.manifestCache.misses };
  }

  async listTables(): Promise<readonly TableSummary[]> {
    const names = await this.#catalog.listTables();
    const out: TableSummary[] = [];
    for (const table of names) {
      const loaded = await this.#catalog.loadTable(table);
      this.#tables.set(qualifiedName(table), loaded);
      out.push(summaryOf(table, loaded.metadata));
    }
    return out;
  }

  async plan(table: TableName, at?: SnapshotSelector, filter?: TimeFilter): Promise<ScanPlan> {
    const m = await this.#metadata(table);
    if (at && 'timestampMs' in at && !m.snapshotLog.some((e) => e.timestampMs <= at.timestampMs)) {
      // No snapshot-log entry that old. If the oldest one kept is the table's first
      // commit (no parent), the table was empty then; if it has a parent, the
      // history before it was expired and what was current is unknown: an error,
      // not a silently empty table.
      const first = m.snapshotLog[0];
      const oldest = first && m.snapshots.find((s) => s.snapshotId === first.snapshotId);
      if (first && oldest && oldest.parentSnapshotId !== undefined) {
        throw expiredHistoryError(table, at.timestampMs, first);
      }
      const schema = m.schemas.find((s) => s.schemaId === m.currentSchemaId);
      return {
        table,
        snapshotId: null,
        snapshotTimestampMs: null,
        columns: schema ? columnsOf(schema) : [],
        files: [],
      };
    }
    const expression =
      filter && m.schemas.some((s) => s.fields.some((f) => f.name === filter.column))
        ? timeRange(filter)
        : undefined;
    try {
      const plan = await planFiles(this.#io(m), m, {
        ...(at === undefined
          ? {}
          : 'snapshotId' in at
            ? { snapshotId: at.snapshotId }
            : { asOfTimestampMs: at.timestampMs }),
        ...(expression ? { filter: expression } : {}),
        cache: this.manifestCache,
      });
      return {
        table,
        snapshotId: plan.snapshot?.snapshotId ?? null,
        snapshotTimestampMs: plan.snapshot?.timestampMs ?? null,
        columns: columnsOf(plan.schema),
        files: filesOf(table, plan.tasks),
      };
    } catch (e) {
      if ((e as { kind?: string }).kind === 'not-found') {
        throw new QueryError(
          'not-found',
          `${qualifiedName(table)}: ${(e as Error).message}`,
          {},
          { cause: e },
        );
      }
      throw e;
    }
  }

  async planIncremental(table: TableName, fromSnapshotId: bigint | null): Promise<IncrementalPlan> {
    const m = await this.#metadata(table);
    const head = current(m);
    const schema = m.schemas.find((s) => s.schemaId === m.currentSchemaId);
    const columns = schema ? columnsOf(schema) : [];
    if (!head) return { toSnapshotId: null, columns, addedFiles: [], reset: fromSnapshotId !== null };
    // "Files added since" describes the change only if every snapshot since is an append
    // or a `replace` and `from` is still an ancestor. A replace (compaction, manifest merge,
    // partition tiering) rewrites files without changing the table's rows (spec: "replace"),
    // so the rollups stand; its new files are not counted again (appendedFilesBetween reads
    // appends only). Deletes, overwrites or expired history reset the rollups.
    // From nothing, the live files of the current snapshot are the answer: the appends
    // still in the metadata miss the data of expired snapshots.
    let appendOnly = fromSnapshotId !== null;
    let reached = fromSnapshotId === null;
    for (let s: Snapshot | undefined = head; s && fromSnapshotId !== null; s = parentOf(m, s)) {
      if (s.snapshotId === fromSnapshotId) {
        reached = true;
        break;
      }
      const operation = s.summary.operation;
      if (operation !== 'append' && operation !== 'replace') appendOnly = false;
    }
    if (!reached || !appendOnly) {
      const full = await this.plan(table);
      return {
        toSnapshotId: head.snapshotId,
        columns,
        addedFiles: full.files,
        reset: fromSnapshotId !== null,
      };
    }
    const tasks = await appendedFilesBetween(
      this.#io(m),
      m,
      this.manifestCache,
      fromSnapshotId ?? undefined,
      head.snapshotId,
    );
    return { toSnapshotId: head.snapshotId, columns, addedFiles: filesOf(table, tasks), reset: false };
  }

  async #metadata(table: TableName): Promise<TableMetadata> {
    let loaded = this.#tables.get(qualifiedName(table));
    if (!loaded) {
      loaded = await this.#catalog.loadTable(table);
      this.#tables.set(qualifiedName(table), loaded);
    }
    return loaded.metadata;
  }

  #io(m: TableMetadata): FileIO {
    const { bucket } = splitS3Uri(`${m.location.replace(/\/$/, '')}/x`);
    return fileIO(this.#stores(bucket), `s3://${bucket}/`);
  }
}

function timeRange(f: TimeFilter): Expression {
  return and(gtEq(f.column, new Date(f.startMs)), lt(f.column, new Date(f.endMs)));
}

function filesOf(table: TableName, tasks: readonly FileScanTask[]): PlannedFile[] {
  return tasks.map((t) => {
    // The planner attaches the delete files that apply to each data file; reading
    // the data file alone would return deleted rows, so refuse instead.
    if (t.deletes.length > 0) {
      throw new QueryError(
        'internal',
        `Table ${qualifiedName(table)} has delete files (merge-on-read), which the query engine does not apply yet.`,
        { file: t.file.filePath, deletes: t.deletes.map((d) => d.file.filePath) },
      );
    }
    return { uri: t.file.filePath, recordCount: t.file.recordCount, sizeInBytes: t.file.fileSizeInBytes };
  });
}

function current(m: TableMetadata): Snapshot | undefined {
  return m.currentSnapshotId === undefined
    ? undefined
    : m.snapshots.find((s) => s.snapshotId === m.currentSnapshotId);
}

function parentOf(m: TableMetadata, s: Snapshot): Snapshot | undefined {
  const parent = s.parentSnapshotId;
  return parent === undefined ? undefined : m.snapshots.find((x) => x.snapshotId === parent);
}

function summaryOf(table: TableName, m: TableMetadata): TableSummary {
  const head = current(m);
  const sum = head?.summary as Readonly<Record<string, string>> | undefined;
  const big = (k: string) => {
    const v = sum?.[k];
    return v && /^\d+$/.test(v) ? BigInt(v) : 0n;
  };
  return {
    table,
    location: m.location,
    currentSnapshotId: head?.snapshotId ?? null,
    lastUpdatedMs: m.lastUpdatedMs,
    recordCount: big('total-records'),
    sizeInBytes: big('total-files-size'),
    fileCount: big('total-data-files'),
    formatVersion: m.formatVersion,
    snapshots: [...m.snapshots]
      .sort((a, b) => b.timestampMs - a.timestampMs)
      .map((s) => ({
        snapshotId: s.snapshotId,
        parentSnapshotId: s.parentSnapshotId ?? null,
        sequenceNumber: s.sequenceNumber,
        timestampMs: s.timestampMs,
        operation: String(s.summary.operation ?? ''),
        summary: { ...(s.summary as Readonly<Record<string, string>>) },
      })),
  };
}
