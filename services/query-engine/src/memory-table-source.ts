import { QueryError } from './errors.ts';
import type {
  ColumnSpec,
  IncrementalPlan,
  PlannedFile,
  ScanPlan,
  SnapshotSelector,
  TableName,
  TableSource,
  TableSummary,
} from './table-source.ts';
import { expiredHistoryError, qualifiedName } from './table-source.ts';

/** One committed state of an in-memory table: its schema and its complete file list. */
export interface MemorySnapshot {
  readonly snapshotId: bigint;
  readonly timestampMs: number;
  readonly columns: readonly ColumnSpec[];
  readonly files: readonly PlannedFile[];
}

interface MemoryTable {
  readonly table: TableName;
  readonly location: string;
  snapshots: MemorySnapshot[];
  /** Snapshots before the oldest kept one were expired (so it is not the first commit). */
  historyExpired: boolean;
}

/**
 * A `TableSource` held in memory over files already on local disk: the
 * reference implementation of the port, used by unit tests and by the
 * benchmark until tables come from the catalog.
 */
export class MemoryTableSource implements TableSource {
  readonly #tables = new Map<string, MemoryTable>();

  /** Create an empty table (no snapshot yet). */
  createTable(table: TableName, location: string): void {
    this.#tables.set(qualifiedName(table), { table, location, snapshots: [], historyExpired: false });
  }

  /** Drop snapshots committed before `olderThanMs`, always keeping the current one (expire-snapshots). */
  expireSnapshots(table: TableName, olderThanMs: number): void {
    const t = this.#get(table);
    const kept = t.snapshots.filter((s, i) => s.timestampMs >= olderThanMs || i === t.snapshots.length - 1);
    if (kept.length < t.snapshots.length) t.historyExpired = true;
    t.snapshots = kept;
  }

  /** Commit a snapshot that appends `files` under `columns` (the schema at commit time). */
  append(
    table: TableName,
    snapshot: {
      snapshotId: bigint;
      timestampMs: number;
      columns: readonly ColumnSpec[];
      files: readonly PlannedFile[];
    },
  ): void {
    const t = this.#get(table);
    const previous = t.snapshots.at(-1)?.files ?? [];
    t.snapshots.push({ ...snapshot, files: [...previous, ...snapshot.files] });
  }

  async listTables(): Promise<readonly TableSummary[]> {
    return [...this.#tables.values()].map((t) => {
      const current = t.snapshots.at(-1);
      const files = current?.files ?? [];
      return {
        table: t.table,
        location: t.location,
        currentSnapshotId: current?.snapshotId ?? null,
        lastUpdatedMs: current?.timestampMs ?? 0,
        recordCount: files.reduce((n, f) => n + f.recordCount, 0n),
        sizeInBytes: files.reduce((n, f) => n + f.sizeInBytes, 0n),
        fileCount: BigInt(files.length),
        formatVersion: 2,
        snapshots: t.snapshots
          .map((s, i) => ({
            snapshotId: s.snapshotId,
            parentSnapshotId: t.snapshots[i - 1]?.snapshotId ?? null,
            sequenceNumber: BigInt(i + 1),
            timestampMs: s.timestampMs,
            operation: 'append',
            summary: {
              'total-records': String(s.files.reduce((n, f) => n + f.recordCount, 0n)),
              'total-data-files': String(s.files.length),
            },
          }))
          .reverse(),
      };
    });
  }

  async plan(table: TableName, at?: SnapshotSelector): Promise<ScanPlan> {
    const t = this.#get(table);
    const snapshot = at === undefined ? t.snapshots.at(-1) : pick(t, at);
    return {
      table,
      snapshotId: snapshot?.snapshotId ?? null,
      snapshotTimestampMs: snapshot?.timestampMs ?? null,
      // Before the first commit the table is empty but still has the schema it was created with.
      columns: snapshot?.columns ?? t.snapshots[0]?.columns ?? [],
      files: snapshot?.files ?? [],
    };
  }

  async planIncremental(table: TableName, fromSnapshotId: bigint | null): Promise<IncrementalPlan> {
    const t = this.#get(table);
    const current = t.snapshots.at(-1);
    const fromIndex =
      fromSnapshotId === null ? -1 : t.snapshots.findIndex((s) => s.snapshotId === fromSnapshotId);
    if (fromSnapshotId !== null && fromIndex < 0) {
      return {
        toSnapshotId: current?.snapshotId ?? null,
        columns: current?.columns ?? [],
        addedFiles: current?.files ?? [],
        reset: true,
      };
    }
    const known = new Set((t.snapshots[fromIndex]?.files ?? []).map((f) => f.uri));
    return {
      toSnapshotId: current?.snapshotId ?? null,
      columns: current?.columns ?? [],
      addedFiles: (current?.files ?? []).filter((f) => !known.has(f.uri)),
      reset: false,
    };
  }

  #get(table: TableName): MemoryTable {
    const t = this.#tables.get(qualifiedName(table));
    if (!t) {
      throw new QueryError('not-found', `Table ${qualifiedName(table)} does not exist.`, {
        table: qualifiedName(table),
      });
    }
    return t;
  }
}

function pick(t: MemoryTable, at: SnapshotSelector): MemorySnapshot | undefined {
  if ('snapshotId' in at) {
    const s = t.snapshots.find((x) => x.snapshotId === at.snapshotId);
    if (!s) {
      throw new QueryError(
        'not-found',
        `Snapshot ${at.snapshotId} of ${qualifiedName(t.table)} does not exist.`,
        { table: qualifiedName(t.table), snapshotId: at.snapshotId.toString() },
      );
    }
    return s;
  }
  // The snapshot current at a timestamp is the last one committed at or before it.
  let found: MemorySnapshot | undefined;
  for (const s of t.snapshots) if (s.timestampMs <= at.timestampMs) found = s;
  const oldest = t.snapshots[0];
  // Before the first commit the table was empty; before expired history nobody knows.
  if (!found && oldest && t.historyExpired) throw expiredHistoryError(t.table, at.timestampMs, oldest);
  return found;
}
