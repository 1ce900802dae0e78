/**
 * Expire snapshots (ICEBERG.md §4.6): remove old snapshots from the
 * metadata, then delete the files only they could reach — their manifest
 * lists, manifests no retained snapshot lists, and data files no retained
 * snapshot has live. Files are deleted only after the commit succeeded.
 */
import type { TableIdentifier } from '../catalog/catalog.ts';
import { keyOf } from '../io/locations.ts';
import { EntryStatus } from '../manifest/manifest-file.ts';
import type { Snapshot } from '../spec/snapshot.ts';
import { ancestorsOf, intProperty, type TableMetadata } from '../spec/table-metadata.ts';
import type { TableEnv } from './table-env.ts';

/** Which snapshots to expire. Defaults come from `history.expire.*` table properties. */
export interface ExpireOptions {
  /** Expire snapshots older than this (epoch ms); default now − `history.expire.max-snapshot-age-ms` (5 days). */
  readonly olderThanMs?: number;
  /** Always keep this many of main's newest ancestors; default `history.expire.min-snapshots-to-keep` (1). */
  readonly retainLast?: number;
}

/** What expiry removed. */
export interface ExpireResult {
  readonly expiredSnapshotIds: bigint[];
  readonly deletedDataFiles: number;
  readonly deletedManifests: number;
  readonly deletedManifestLists: number;
}

/** The snapshots to keep: everything refs point at, recent or protected ancestors of branches. */
export function retainedSnapshots(m: TableMetadata, olderThanMs: number, retainLast: number): Set<bigint> {
  const keep = new Set<bigint>();
  for (const [, ref] of Object.entries(m.refs)) {
    keep.add(ref.snapshotId);
    if (ref.type !== 'branch') continue;
    const minKeep = ref.minSnapshotsToKeep ?? retainLast;
    ancestorsOf(m, ref.snapshotId).forEach((s, i) => {
      if (i < minKeep || s.timestampMs >= olderThanMs) keep.add(s.snapshotId);
    });
  }
  // Unreferenced snapshots (not on any branch) survive while they are young.
  for (const s of m.snapshots) if (s.timestampMs >= olderThanMs && !isOnBranch(m, s)) keep.add(s.snapshotId);
  return keep;
}

function isOnBranch(m: TableMetadata, s: Snapshot): boolean {
  return Object.values(m.refs).some((r) =>
    ancestorsOf(m, r.snapshotId).some((a) => a.snapshotId === s.snapshotId),
  );
}

/** Expires snapshots and deletes the files only they reached. */
export async function expireSnapshots(
  env: TableEnv,
  id: TableIdentifier,
  options: ExpireOptions = {},
): Promise<ExpireResult> {
  const { metadata } = await env.catalog.loadTable(id);
  const olderThanMs =
    options.olderThanMs ??
    env.now() - intProperty(metadata, 'history.expire.max-snapshot-age-ms', 5 * 86_400_000);
  const retainLast = options.retainLast ?? intProperty(metadata, 'history.expire.min-snapshots-to-keep', 1);
  const keep = retainedSnapshots(metadata, olderThanMs, retainLast);
  const expired = metadata.snapshots.filter((s) => !keep.has(s.snapshotId));
  if (expired.length === 0)
    return { expiredSnapshotIds: [], deletedDataFiles: 0, deletedManifests: 0, deletedManifestLists: 0 };

  const committed = await env.catalog.commitTable(
    id,
    [
      { type: 'assert-table-uuid', uuid: metadata.tableUuid },
      { type: 'assert-ref-snapshot-id', ref: 'main', snapshotId: metadata.refs.main?.snapshotId ?? null },
    ],
    [{ action: 'remove-snapshots', snapshotIds: expired.map((s) => s.snapshotId) }],
  );

  // Reachability after the commit: manifests and live data files of every retained snapshot.
  const retainedManifests = new Set<string>();
  const retainedFiles = new Set<string>();
  for (const s of committed.metadata.snapshots) {
    for (const mf of await env.cache.manifestList(env.io, s.manifestList)) {
      if (retainedManifests.has(mf.manifestPath)) continue;
      retainedManifests.add(mf.manifestPath);
      for (const e of (await env.cache.manifest(env.io, mf)).entries) {
        if (e.status !== EntryStatus.DELETED) retainedFiles.add(e.dataFile.filePath);
      }
    }
  }
  const manifestsToDelete = new Set<string>();
  const filesToDelete = new Set<string>();
  for (const s of expired) {
    for (const mf of await env.cache.manifestList(env.io, s.manifestList)) {
      if (retainedManifests.has(mf.manifestPath)) continue;
      manifestsToDelete.add(mf.manifestPath);
      for (const e of (await env.cache.manifest(env.io, mf)).entries) {
        if (!retainedFiles.has(e.dataFile.filePath)) filesToDelete.add(e.dataFile.filePath);
      }
    }
  }
  const lists = expired.map((s) => s.manifestList);
  await env.io.store.delete([...filesToDelete, ...manifestsToDelete, ...lists].map((p) => keyOf(env.io, p)));
  return {
    expiredSnapshotIds: expired.map((s) => s.snapshotId),
    deletedDataFiles: filesToDelete.size,
    deletedManifests: manifestsToDelete.size,
    deletedManifestLists: lists.length,
  };
}
