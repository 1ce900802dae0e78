import { QueryError } from './errors.ts';

/**
 * The port through which the engine learns what to read: which tables exist
 * and, for a table at a point in time, which data files make it up under which
 * schema. The Iceberg adapter plans through the catalog and `@analytics/iceberg`
 * (partition and min/max pruning, manifest cache); `memory-table-source.ts`
 * holds tables in memory for tests and benchmarks.
 */
export interface TableSource {
  /** Every readable table, with its current snapshot id (or null for an empty table). */
  listTables(): Promise<readonly TableSummary[]>;
  /**
   * Files and schema of `table` at `at` (the current snapshot when omitted).
   * With `filter`, files that cannot hold rows in the time range may be left
   * out (partition and min/max pruning); without it every live file is planned.
   */
  plan(table: TableName, at?: SnapshotSelector, filter?: TimeFilter): Promise<ScanPlan>;
  /** Files added by the snapshots after `fromSnapshotId` up to the current one (append-only history). */
  planIncremental(table: TableName, fromSnapshotId: bigint | null): Promise<IncrementalPlan>;
}

/** A table's name inside the catalog: namespace levels and the table name. */
export interface TableName {
  readonly namespace: readonly string[];
  readonly name: string;
}

/** What `catalog { tables }` shows, per SEED.md. */
export interface TableSummary {
  readonly table: TableName;
  readonly location: string;
  readonly currentSnapshotId: bigint | null;
  /** Milliseconds since the epoch of the last metadata change. */
  readonly lastUpdatedMs: number;
  readonly recordCount: bigint;
  readonly sizeInBytes: bigint;
  readonly fileCount: bigint;
  readonly formatVersion: number;
  /** Snapshots, newest first. */
  readonly snapshots: readonly SnapshotSummary[];
}

/** One snapshot as `catalog { tables { snapshots } }` shows it. */
export interface SnapshotSummary {
  readonly snapshotId: bigint;
  readonly parentSnapshotId: bigint | null;
  readonly sequenceNumber: bigint;
  readonly timestampMs: number;
  readonly operation: string;
  readonly summary: Readonly<Record<string, string>>;
}

/** Rows with `column` in [startMs, endMs): what dashboard scans prune by. */
export interface TimeFilter {
  readonly column: string;
  readonly startMs: number;
  readonly endMs: number;
}

/** Time travel: a snapshot id, or the snapshot current at a timestamp (ms since epoch). */
export type SnapshotSelector = { readonly snapshotId: bigint } | { readonly timestampMs: number };

/** A column of the table's schema, identified by its Iceberg field id. */
export interface ColumnSpec {
  readonly fieldId: number;
  readonly name: string;
  /** DuckDB type the view exposes, e.g. `VARCHAR`, `BIGINT`, `TIMESTAMPTZ`. */
  readonly duckdbType: string;
}

/** A data file to read; `uri` is what the file resolver fetches (s3://… or a local path). */
export interface PlannedFile {
  readonly uri: string;
  readonly recordCount: bigint;
  readonly sizeInBytes: bigint;
}

/** The result of planning one table at one snapshot. */
export interface ScanPlan {
  readonly table: TableName;
  readonly snapshotId: bigint | null;
  /** Commit time of that snapshot, ms since the epoch; null without a snapshot. */
  readonly snapshotTimestampMs: number | null;
  /** The schema of the snapshot read (time travel reads the schema of its own snapshot). */
  readonly columns: readonly ColumnSpec[];
  readonly files: readonly PlannedFile[];
}

/** Files added since a snapshot; `reset` when history was rewritten and the caller must rebuild. */
export interface IncrementalPlan {
  readonly toSnapshotId: bigint | null;
  readonly columns: readonly ColumnSpec[];
  readonly addedFiles: readonly PlannedFile[];
  readonly reset: boolean;
}

/**
 * The error for time travel to `timestampMs` when the table's oldest kept
 * snapshot is younger and not its first commit: what was current then is no
 * longer known (expired history), so an empty answer would be wrong. Before a
 * table's first commit, by contrast, the table was empty: sources return an
 * empty plan for that.
 */
export function expiredHistoryError(
  table: TableName,
  timestampMs: number,
  oldest: { readonly snapshotId: bigint; readonly timestampMs: number },
): QueryError {
  const at = new Date(timestampMs).toISOString();
  const since = new Date(oldest.timestampMs).toISOString();
  return new QueryError(
    'expired',
    `Time travel to ${at}: ${qualifiedName(table)} no longer has the snapshot that was current then; its history before ${since} was expired. The oldest snapshot kept is ${oldest.snapshotId} (${since}): use a timestamp at or after it.`,
    {
      table: qualifiedName(table),
      timestamp: at,
      oldestSnapshotId: oldest.snapshotId.toString(),
      oldestSnapshotTimestamp: since,
    },
  );
}

/** `namespace.name` with dots between namespace levels. */
export function qualifiedName(t: TableName): string {
  return [...t.namespace, t.name].join('.');
}
