import type { EventRow, EventTableName } from '@analytics/events';

/** One flush: the rows of one buffer, tagged with an id that survives retries. */
export interface FlushBatch {
  readonly table: EventTableName;
  /** Recorded in the snapshot summary as `analytics.flush-id`. */
  readonly flushId: string;
  readonly rows: readonly EventRow[];
}

/** What a flush did. */
export interface FlushCommit {
  /** The snapshot that holds the rows (the earlier one when `alreadyCommitted`). */
  readonly snapshotId?: bigint;
  /** Parquet bytes written by this call (0 when `alreadyCommitted`). */
  readonly bytes: number;
  /** A snapshot with this flush id was already in the table: nothing was written. */
  readonly alreadyCommitted: boolean;
}

/**
 * The port the Buffer Durable Object flushes through: append rows to a table
 * as one snapshot, exactly once per flush id. Implementations must look for
 * the flush id among the table's snapshots before writing, so a retry after a
 * commit whose answer was lost does not commit twice. Throws on failure; the
 * buffer keeps the rows and retries with the same flush id.
 */
export interface FlushTarget {
  appendOnce(batch: FlushBatch): Promise<FlushCommit>;
}
