/**
 * Rewrite manifests (Java `RewriteManifests`): merge a snapshot's small data
 * manifests into fewer, entries carried as EXISTING with their original
 * snapshot ids and sequence numbers. Fast appends add one manifest per
 * commit; this keeps planning from reading thousands of them. Commits a
 * `replace` snapshot; table data is unchanged.
 */
import type { LoadedTable, TableIdentifier } from '../catalog/catalog.ts';
import { IcebergError, isIcebergError } from '../errors.ts';
import { keyOf } from '../io/locations.ts';
import { writeManifest } from '../manifest/manifest.ts';
import { EntryStatus, type ManifestEntry, type ManifestFile } from '../manifest/manifest-file.ts';
import { writeManifestList } from '../manifest/manifest-list.ts';
import { MAIN_BRANCH, type Snapshot } from '../spec/snapshot.ts';
import { currentSchema, currentSnapshot, specById } from '../spec/table-metadata.ts';
import { manifestListName, manifestName, metadataDir } from './file-names.ts';
import type { TableEnv } from './table-env.ts';
import { backoffMs, retryPolicy } from './table-properties.ts';

/** Options of `rewriteManifests`. */
export interface RewriteManifestsOptions {
  /** Merge only when the snapshot has at least this many data manifests (default 2). */
  readonly minCount?: number;
  /**
   * Manifests at least this large are kept as they are, and merged manifests
   * are cut when their inputs reach it (default: no limit, one manifest per spec).
   */
  readonly targetSizeBytes?: number;
}

/**
 * The manifests to merge together: per partition spec, the data manifests
 * smaller than `targetSizeBytes`, in manifest-list order, cut into runs whose
 * input stays within it. A run of one manifest is rewritten only to drop its
 * DELETED entries (they keep removed files' column bounds, see the GDPR
 * runbook); otherwise it is not worth rewriting.
 */
export function planManifestMerge(
  manifests: readonly ManifestFile[],
  targetSizeBytes = Number.POSITIVE_INFINITY,
): ManifestFile[][] {
  const bySpec = new Map<number, ManifestFile[][]>();
  for (const mf of manifests) {
    if (mf.content !== 0 || Number(mf.manifestLength) >= targetSizeBytes) continue;
    const bins = bySpec.get(mf.partitionSpecId) ?? [];
    bySpec.set(mf.partitionSpecId, bins);
    const last = bins.at(-1);
    const bytes = (bin: readonly ManifestFile[]) => bin.reduce((n, x) => n + Number(x.manifestLength), 0);
    if (last && bytes(last) + Number(mf.manifestLength) <= targetSizeBytes) last.push(mf);
    else bins.push([mf]);
  }
  return [...bySpec.values()].flat().filter((bin) => bin.length > 1 || bin[0]!.deletedFilesCount > 0);
}

/**
 * Merges small data manifests when the snapshot has at least `minCount` data
 * manifests (see `RewriteManifestsOptions`). Delete manifests, large
 * manifests and lone small ones are carried over unchanged. Returns
 * undefined when there was nothing to merge.
 */
export async function rewriteManifests(
  env: TableEnv,
  id: TableIdentifier,
  options: RewriteManifestsOptions = {},
): Promise<(LoadedTable & { snapshot: Snapshot }) | undefined> {
  let loaded = await env.catalog.loadTable(id);
  const policy = retryPolicy(loaded.metadata);
  for (let attempt = 1; ; attempt++) {
    const m = loaded.metadata;
    const parent = currentSnapshot(m);
    if (!parent) return undefined;
    const manifests = await env.cache.manifestList(env.io, parent.manifestList);
    const data = manifests.filter((x) => x.content === 0);
    if (data.length < (options.minCount ?? 2)) return undefined;
    const bins = planManifestMerge(manifests, options.targetSizeBytes);
    if (bins.length === 0) return undefined;
    const snapshotId = env.newSnapshotId();
    const commitUuid = env.newUuid();
    const dir = metadataDir(m.location, m.properties);
    const written: string[] = [];
    const merged: ManifestFile[] = [];
    const replaced = new Set<string>();
    let entriesProcessed = 0;
    // One bin at a time, so only one bin's entries are held at once.
    for (const bin of bins) {
      const entries: ManifestEntry[] = [];
      for (const mf of bin) {
        replaced.add(mf.manifestPath);
        for (const e of (await env.cache.manifest(env.io, mf)).entries) {
          if (e.status !== EntryStatus.DELETED) entries.push({ ...e, status: EntryStatus.EXISTING });
        }
      }
      entriesProcessed += entries.length;
      // Manifests left with only DELETED entries (files compaction replaced) simply go.
      if (entries.length === 0) continue;
      const path = `${dir}/${manifestName(commitUuid, merged.length)}`;
      const w = await writeManifest({
        path,
        schema: currentSchema(m),
        spec: specById(m, bin[0]!.partitionSpecId),
        snapshotId,
        entries,
      });
      await env.io.store.put(keyOf(env.io, path), w.bytes);
      written.push(path);
      merged.push(w.manifest);
    }
    const kept = manifests.filter((x) => !replaced.has(x.manifestPath));
    const sequenceNumber = m.lastSequenceNumber + 1n;
    const listPath = `${dir}/${manifestListName(snapshotId, attempt, commitUuid)}`;
    const list = await writeManifestList({
      snapshotId,
      parentSnapshotId: parent.snapshotId,
      sequenceNumber,
      manifests: [...merged, ...kept],
    });
    await env.io.store.put(keyOf(env.io, listPath), list.bytes);
    written.push(listPath);
    const totals = Object.fromEntries(Object.entries(parent.summary).filter(([k]) => k.startsWith('total-')));
    const snapshot: Snapshot = {
      snapshotId,
      parentSnapshotId: parent.snapshotId,
      sequenceNumber,
      timestampMs: env.now(),
      manifestList: listPath,
      summary: {
        ...totals,
        operation: 'replace',
        'manifests-created': String(merged.length),
        'manifests-replaced': String(replaced.size),
        'manifests-kept': String(kept.length),
        'entries-processed': String(entriesProcessed),
      },
      schemaId: m.currentSchemaId,
    };
    try {
      const committed = await env.catalog.commitTable(
        id,
        [
          { type: 'assert-table-uuid', uuid: m.tableUuid },
          { type: 'assert-ref-snapshot-id', ref: MAIN_BRANCH, snapshotId: parent.snapshotId },
        ],
        [
          { action: 'add-snapshot', snapshot },
          { action: 'set-snapshot-ref', refName: MAIN_BRANCH, ref: { snapshotId, type: 'branch' } },
        ],
      );
      return { ...committed, snapshot };
    } catch (e) {
      if (!isIcebergError(e, 'commit-failed')) throw e;
      await env.io.store.delete(written.map((p) => keyOf(env.io, p)));
      if (attempt > policy.numRetries) {
        throw new IcebergError(
          'commit-failed',
          `Rewrite manifests failed after ${attempt} attempts: ${e.message}`,
          e.context,
          { cause: e },
        );
      }
      await env.sleep(backoffMs(policy, attempt, env.random()));
      loaded = await env.catalog.loadTable(id);
    }
  }
}
