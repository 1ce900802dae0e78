import type { EventRow, EventTableName } from '@analytics/events';
import type { FlushBatch, FlushCommit, FlushTarget } from './flush-target.ts';

/** One committed flush in the in-memory target. */
export interface MemorySnapshot {
  readonly snapshotId: bigint;
  readonly flushId: string;
  readonly rows: readonly EventRow[];
}

/**
 * The in-memory `FlushTarget`, for tests of the buffer: snapshots per table,
 * plus switches to make the next appends fail before committing
 * (`failNext`) or after committing, as when the commit answer is lost
 * (`loseNextAnswer`).
 */
export class MemoryFlushTarget implements FlushTarget {
  readonly #tables = new Map<EventTableName, MemorySnapshot[]>();
  #failures = 0;
  #lostAnswers = 0;
  #nextSnapshotId = 1n;
  /** Every call, including failed ones. */
  calls = 0;

  /** The next `count` appends throw without committing. */
  failNext(count: number): void {
    this.#failures = count;
  }

  /** The next `count` appends commit and then throw, as if the answer were lost. */
  loseNextAnswer(count: number): void {
    this.#lostAnswers = count;
  }

  async appendOnce(batch: FlushBatch): Promise<FlushCommit> {
    this.calls++;
    if (this.#failures > 0) {
      this.#failures--;
      throw new Error('catalog unavailable (simulated)');
    }
    const snapshots = this.#tables.get(batch.table) ?? [];
    const earlier = snapshots.find((s) => s.flushId === batch.flushId);
    if (earlier !== undefined) return { snapshotId: earlier.snapshotId, bytes: 0, alreadyCommitted: true };
    const snapshot = { snapshotId: this.#nextSnapshotId++, flushId: batch.flushId, rows: [...batch.rows] };
    snapshots.push(snapshot);
    this.#tables.set(batch.table, snapshots);
    if (this.#lostAnswers > 0) {
      this.#lostAnswers--;
      throw new Error('commit answer lost (simulated)');
    }
    return {
      snapshotId: snapshot.snapshotId,
      bytes: JSON.stringify(batch.rows).length,
      alreadyCommitted: false,
    };
  }

  /** Committed snapshots of a table, oldest first. */
  snapshots(table: EventTableName): readonly MemorySnapshot[] {
    return this.#tables.get(table) ?? [];
  }

  /** Every committed row of a table. */
  rows(table: EventTableName): readonly EventRow[] {
    return this.snapshots(table).flatMap((s) => s.rows);
  }
}
