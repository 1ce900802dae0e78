/**
 * The commit path every snapshot-producing operation shares (spec:
 * "Optimistic Concurrency", ICEBERG.md §4.1): write the new files' manifests
 * once, then per attempt rewrite the manifests that lose files, write a
 * manifest list with the next sequence number, and commit `add-snapshot` +
 * `set-snapshot-ref main` guarded by `assert-ref-snapshot-id`. A lost race
 * refreshes, re-validates and retries with exponential backoff and jitter;
 * retries redo metadata only, never data files.
 */
import type { LoadedTable, TableIdentifier } from '../catalog/catalog.ts';
import { IcebergError, isIcebergError } from '../errors.ts';
import { keyOf } from '../io/locations.ts';
import { writeManifest } from '../manifest/manifest.ts';
import { EntryStatus, type ManifestEntry, type ManifestFile } from '../manifest/manifest-file.ts';
import { writeManifestList } from '../manifest/manifest-list.ts';
import type { DataFile } from '../spec/data-file.ts';
import { MAIN_BRANCH, type Snapshot, type SnapshotOperation } from '../spec/snapshot.ts';
import { currentSchema, currentSnapshot, specById, type TableMetadata } from '../spec/table-metadata.ts';
import { manifestListName, manifestName, metadataDir } from './file-names.ts';
import { snapshotSummary } from './snapshot-summary.ts';
import type { TableEnv } from './table-env.ts';
import { backoffMs, retryPolicy } from './table-properties.ts';

/** What one operation changes. */
export interface SnapshotChange {
  readonly operation: SnapshotOperation;
  /** New data files (ADDED entries). */
  readonly added: readonly DataFile[];
  /** New position or equality delete files (ADDED entries of a delete manifest). */
  readonly addedDeletes?: readonly DataFile[];
  /** Data files to remove (DELETED entries); each must still be live at commit time. */
  readonly deleted: readonly DataFile[];
  /**
   * Called before every attempt with the latest metadata; throws `commit-failed`
   * when a concurrent commit invalidated this change (e.g. an overwrite's inputs).
   */
  readonly validate?: (current: TableMetadata) => Promise<void>;
  /** Extra summary properties (e.g. a writer's flush id). */
  readonly summary?: Readonly<Record<string, string>>;
}

/** The committed table and the snapshot this commit added. */
export interface CommitResult extends LoadedTable {
  readonly snapshot: Snapshot;
  /** Attempts it took (1 = no conflict). */
  readonly attempts: number;
}

async function put(env: TableEnv, path: string, bytes: Uint8Array): Promise<void> {
  await env.io.store.put(keyOf(env.io, path), bytes, { contentType: 'application/octet-stream' });
}

/**
 * Commits a snapshot for `change`, retrying on conflicts as the table's
 * `commit.retry.*` properties say. `loaded` (the table as the operation read
 * it) saves one catalog round trip; a stale one just costs a retry.
 */
export async function commitSnapshot(
  env: TableEnv,
  id: TableIdentifier,
  change: SnapshotChange,
  loaded?: LoadedTable,
): Promise<CommitResult> {
  const snapshotId = env.newSnapshotId();
  const commitUuid = env.newUuid();
  let current = loaded ?? (await env.catalog.loadTable(id));
  const policy = retryPolicy(current.metadata);
  let manifestCount = 0;
  let addedManifests: ManifestFile[] | undefined;
  const cleanUp = async (paths: readonly string[]) => {
    if (paths.length > 0) await env.io.store.delete(paths.map((p) => keyOf(env.io, p)));
  };

  for (let attempt = 1; ; attempt++) {
    const m = current.metadata;
    const dir = metadataDir(m.location, m.properties);
    // Validate on every attempt: even the first load may be newer than what the operation planned against.
    if (change.validate) await change.validate(m);
    const parent = currentSnapshot(m);
    const schema = currentSchema(m);

    if (addedManifests === undefined) {
      addedManifests = [];
      const bySpec = new Map<number, DataFile[]>();
      for (const f of change.added) bySpec.set(f.specId, [...(bySpec.get(f.specId) ?? []), f]);
      for (const f of change.addedDeletes ?? [])
        bySpec.set(-1 - f.specId, [...(bySpec.get(-1 - f.specId) ?? []), f]);
      for (const [key, files] of bySpec) {
        // Keys below zero hold delete files: they go to a delete manifest of spec -1 - key.
        const specId = key < 0 ? -1 - key : key;
        const path = `${dir}/${manifestName(commitUuid, manifestCount++)}`;
        const written = await writeManifest({
          path,
          schema,
          spec: specById(m, specId),
          content: key < 0 ? 1 : 0,
          snapshotId,
          entries: files.map((dataFile) => ({
            status: EntryStatus.ADDED,
            snapshotId,
            sequenceNumber: undefined,
            fileSequenceNumber: undefined,
            dataFile,
          })),
        });
        await put(env, path, written.bytes);
        addedManifests.push(written.manifest);
      }
    }

    const attemptFiles: string[] = [];
    const manifests: ManifestFile[] = [...addedManifests];
    const deletedPaths = new Set(change.deleted.map((f) => f.filePath));
    const found = new Set<string>();
    const parentManifests = parent ? await env.cache.manifestList(env.io, parent.manifestList) : [];
    let liveRecords = 0n;
    let liveFiles = 0n;
    for (const pm of parentManifests) {
      if (deletedPaths.size === 0 || pm.content !== 0) {
        manifests.push(pm);
        continue;
      }
      const read = await env.cache.manifest(env.io, pm);
      const live = read.entries.filter((e) => e.status !== EntryStatus.DELETED);
      if (!live.some((e) => deletedPaths.has(e.dataFile.filePath))) {
        manifests.push(pm);
        continue;
      }
      // Rewrite: removed files become DELETED by this snapshot, the rest EXISTING; old DELETED entries are dropped.
      const entries: ManifestEntry[] = live.map((e) => {
        const gone = deletedPaths.has(e.dataFile.filePath);
        if (gone) found.add(e.dataFile.filePath);
        return {
          status: gone ? EntryStatus.DELETED : EntryStatus.EXISTING,
          snapshotId: gone ? snapshotId : e.snapshotId,
          sequenceNumber: e.sequenceNumber,
          fileSequenceNumber: e.fileSequenceNumber,
          dataFile: e.dataFile,
        };
      });
      const path = `${dir}/${manifestName(commitUuid, manifestCount++)}`;
      const written = await writeManifest({
        path,
        schema,
        spec: specById(m, pm.partitionSpecId),
        snapshotId,
        entries,
      });
      await put(env, path, written.bytes);
      attemptFiles.push(path);
      manifests.push(written.manifest);
    }
    for (const path of deletedPaths) {
      if (!found.has(path)) {
        await cleanUp([...attemptFiles, ...addedManifests.map((x) => x.manifestPath)]);
        throw new IcebergError(
          'commit-failed',
          `Cannot commit ${change.operation}: data file ${path} is no longer in the table (removed by a concurrent commit)`,
          {
            file: path,
          },
        );
      }
    }
    for (const mf of manifests) {
      if (mf.content !== 0) continue;
      liveRecords += mf.addedRowsCount + mf.existingRowsCount;
      liveFiles += BigInt(mf.addedFilesCount + mf.existingFilesCount);
    }

    const sequenceNumber = m.lastSequenceNumber + 1n;
    const listPath = `${dir}/${manifestListName(snapshotId, attempt, commitUuid)}`;
    const list = await writeManifestList({
      snapshotId,
      parentSnapshotId: parent?.snapshotId,
      sequenceNumber,
      manifests,
    });
    await put(env, listPath, list.bytes);
    attemptFiles.push(listPath);
    const snapshot: Snapshot = {
      snapshotId,
      ...(parent ? { parentSnapshotId: parent.snapshotId } : {}),
      sequenceNumber,
      timestampMs: env.now(),
      manifestList: listPath,
      summary: snapshotSummary(
        change.operation,
        change.added,
        change.deleted,
        parent,
        { records: liveRecords, files: liveFiles },
        change.summary,
        change.addedDeletes,
      ),
      schemaId: m.currentSchemaId,
    };
    try {
      const committed = await env.catalog.commitTable(
        id,
        [
          { type: 'assert-table-uuid', uuid: m.tableUuid },
          { type: 'assert-ref-snapshot-id', ref: MAIN_BRANCH, snapshotId: parent?.snapshotId ?? null },
        ],
        [
          { action: 'add-snapshot', snapshot },
          { action: 'set-snapshot-ref', refName: MAIN_BRANCH, ref: { snapshotId, type: 'branch' } },
        ],
      );
      return { ...committed, snapshot, attempts: attempt };
    } catch (e) {
      if (!isIcebergError(e, 'commit-failed')) throw e; // commit-state-unknown: keep every file
      await cleanUp(attemptFiles);
      if (attempt > policy.numRetries) {
        await cleanUp(addedManifests.map((x) => x.manifestPath));
        throw new IcebergError(
          'commit-failed',
          `Commit of ${change.operation} failed after ${attempt} attempts: ${e.message}`,
          e.context,
          {
            cause: e,
          },
        );
      }
      await env.sleep(backoffMs(policy, attempt, env.random()));
      current = await env.catalog.loadTable(id);
    }
  }
}
