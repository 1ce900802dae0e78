/**
 * Which snapshot a read sees (spec: "Snapshots"; time travel): the current
 * one, a given id, a branch or tag, or the one current at a timestamp
 * according to the snapshot log.
 */
import { IcebergError } from '../errors.ts';
import type { Snapshot } from '../spec/snapshot.ts';
import { currentSnapshot, refSnapshot, snapshotById, type TableMetadata } from '../spec/table-metadata.ts';

/** How to choose the snapshot of a scan. */
export interface SnapshotSelector {
  readonly snapshotId?: bigint;
  /** Epoch ms: the snapshot that was current at this time. */
  readonly asOfTimestampMs?: number;
  /** A branch or tag name. */
  readonly ref?: string;
}

/** The snapshot current at `timestampMs` per the snapshot log, or undefined when the table was empty then. */
export function snapshotAsOf(m: TableMetadata, timestampMs: number): Snapshot | undefined {
  let id: bigint | undefined;
  for (const e of m.snapshotLog) {
    if (e.timestampMs <= timestampMs) id = e.snapshotId;
  }
  if (id === undefined) {
    throw new IcebergError('not-found', `No snapshot was current at ${new Date(timestampMs).toISOString()}`, {
      timestampMs,
    });
  }
  return snapshotById(m, id);
}

/** The selected snapshot; undefined for an empty table. */
export function selectSnapshot(m: TableMetadata, s: SnapshotSelector = {}): Snapshot | undefined {
  if (s.snapshotId !== undefined) return snapshotById(m, s.snapshotId);
  if (s.asOfTimestampMs !== undefined) return snapshotAsOf(m, s.asOfTimestampMs);
  if (s.ref !== undefined) {
    const snap = refSnapshot(m, s.ref);
    if (!snap) throw new IcebergError('not-found', `Ref ${s.ref} does not exist`, { ref: s.ref });
    return snap;
  }
  return currentSnapshot(m);
}
