/**
 * Rewriting one group of data files (ICEBERG.md §4.4): read their rows with
 * the delete files that apply to them, write the rows again under one
 * partition spec, and commit the swap as a `replace` snapshot. Compaction
 * rewrites a group under its own spec; partition tiering under a coarser one.
 */
import type { TableIdentifier } from '../catalog/catalog.ts';
import { isIcebergError } from '../errors.ts';
import { keyOf } from '../io/locations.ts';
import type { FileScanTask } from '../scan/plan-files.ts';
import type { DataFile, PartitionValue } from '../spec/data-file.ts';
import { currentSchema, type TableMetadata } from '../spec/table-metadata.ts';
import { type DeleteFileCache, readTaskRows } from './read-task-rows.ts';
import { type CommitResult, commitSnapshot } from './snapshot-producer.ts';
import type { TableEnv } from './table-env.ts';
import { writeRows } from './write-rows.ts';

/** Data files one `replace` snapshot rewrites together, and the spec their rows are written under. */
export interface RewriteGroup {
  /** The spec the rows are written under. */
  readonly specId: number;
  /** The partition the group writes to, under `specId` (for reports; rows are partitioned as they are written). */
  readonly partition: readonly PartitionValue[];
  readonly files: readonly DataFile[];
  /** Sum of the files' `file_size_in_bytes`: what the group reads. */
  readonly inputBytes: number;
}

/**
 * Rewrites one group and commits it (retried on conflicts as `commit.retry.*`
 * says; concurrent appends are kept). `tasks` are the planned scan tasks of
 * the group's files, keyed by path. A commit that fails (`commit-failed`)
 * deletes the group's new files; `commit-state-unknown` keeps them, because
 * the commit may have landed.
 */
export async function rewriteGroup(
  env: TableEnv,
  id: TableIdentifier,
  group: RewriteGroup,
  metadata: TableMetadata,
  tasks: ReadonlyMap<string, FileScanTask>,
): Promise<{ commit: CommitResult; added: readonly DataFile[] }> {
  const schema = currentSchema(metadata);
  const rows: Record<string, unknown>[] = [];
  const deleteCache: DeleteFileCache = new Map();
  for (const f of group.files) {
    // Delete files are applied, so rows they deleted are not written back.
    for (const row of await readTaskRows(env.io, tasks.get(f.filePath)!, schema, deleteCache)) rows.push(row);
  }
  const added = await writeRows(env, metadata, rows, group.specId);
  rows.length = 0;
  try {
    const commit = await commitSnapshot(env, id, { operation: 'replace', added, deleted: group.files });
    return { commit, added };
  } catch (e) {
    if (isIcebergError(e, 'commit-failed'))
      await env.io.store.delete(added.map((f) => keyOf(env.io, f.filePath)));
    throw e;
  }
}
