/**
 * Incremental reads: the data files appended between two snapshots of main
 * (exclusive `from`, inclusive `to`), for consumers that process only new data.
 * Only `append` snapshots contribute; overwrites and replaces are skipped, as
 * in Java's `IncrementalAppendScan`.
 */
import { IcebergError } from '../errors.ts';
import type { FileIO } from '../io/locations.ts';
import { EntryStatus } from '../manifest/manifest-file.ts';
import { ancestorsOf, type TableMetadata } from '../spec/table-metadata.ts';
import type { ManifestCache } from './manifest-cache.ts';
import type { FileScanTask } from './plan-files.ts';

/** Files added by the append snapshots after `fromSnapshotId` up to and including `toSnapshotId` (default: current). */
export async function appendedFilesBetween(
  io: FileIO,
  metadata: TableMetadata,
  cache: ManifestCache,
  fromSnapshotId: bigint | undefined,
  toSnapshotId: bigint | undefined = metadata.currentSnapshotId,
): Promise<FileScanTask[]> {
  const chain = ancestorsOf(metadata, toSnapshotId);
  const stop =
    fromSnapshotId === undefined ? chain.length : chain.findIndex((s) => s.snapshotId === fromSnapshotId);
  if (stop < 0) {
    throw new IcebergError(
      'invalid-argument',
      `Snapshot ${fromSnapshotId} is not an ancestor of ${toSnapshotId}`,
      {
        fromSnapshotId,
        toSnapshotId,
      },
    );
  }
  const out: FileScanTask[] = [];
  for (const s of chain.slice(0, stop).reverse()) {
    if (s.summary.operation !== 'append') continue;
    for (const m of await cache.manifestList(io, s.manifestList)) {
      if (m.addedSnapshotId !== s.snapshotId || m.content !== 0) continue;
      for (const e of (await cache.manifest(io, m)).entries) {
        if (e.status === EntryStatus.ADDED && e.snapshotId === s.snapshotId) {
          // Appended rows only: deletes committed later are not applied to an incremental read.
          out.push({
            file: e.dataFile,
            dataSequenceNumber: e.sequenceNumber,
            snapshotId: e.snapshotId,
            deletes: [],
          });
        }
      }
    }
  }
  return out;
}
