/**
 * Rewrite manifests (Java `RewriteManifests`): merge a snapshot's data
 * manifests into one per partition spec, entries carried as EXISTING with
 * their original snapshot ids and sequence numbers. Fast appends add one
 * manifest per commit; this keeps planning from reading thousands of them.
 * Commits a `replace` snapshot; table data is unchanged.
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

/**
 * Merges data manifests when there are at least `minCount` of them (default 2).
 * Returns undefined when there was nothing to merge.
 */
export async function rewriteManifests(
  env: TableEnv,
  id: TableIdentifier,
  options: { readonly minCount?: number } = {},
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
    const snapshotId = env.newSnapshotId();
    const commitUuid = env.newUuid();
    const dir = metadataDir(m.location, m.properties);
    const bySpec = new Map<number, ManifestEntry[]>();
    for (const mf of data) {
      for (const e of (await env.cache.manifest(env.io, mf)).entries) {
        if (e.status === EntryStatus.DELETED) continue;
        const entries = bySpec.get(mf.partitionSpecId) ?? [];
        entries.push({ ...e, status: EntryStatus.EXISTING });
        bySpec.set(mf.partitionSpecId, entries);
      }
    }
    const written: string[] = [];
    const merged: ManifestFile[] = [];
    for (const [specId, entries] of bySpec) {
      const path = `${dir}/${manifestName(commitUuid, merged.length)}`;
      const w = await writeManifest({
        path,
        schema: currentSchema(m),
        spec: specById(m, specId),
        snapshotId,
        entries,
      });
      await env.io.store.put(keyOf(env.io, path), w.bytes);
      written.push(path);
      merged.push(w.manifest);
    }
    const sequenceNumber = m.lastSequenceNumber + 1n;
    const listPath = `${dir}/${manifestListName(snapshotId, attempt, commitUuid)}`;
    const list = await writeManifestList({
      snapshotId,
      parentSnapshotId: parent.snapshotId,
      sequenceNumber,
      manifests: [...merged, ...manifests.filter((x) => x.content !== 0)],
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
        'manifests-replaced': String(data.length),
        'entries-processed': String([...bySpec.values()].reduce((n, e) => n + e.length, 0)),
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
