/**
 * Overwrite by filter with copy-on-write (ICEBERG.md §4.3): every data file
 * that may hold a matching row is read; files with matches are removed and
 * their other rows rewritten; new rows are added. The commit fails with
 * `commit-failed` instead of losing data when a concurrent commit removed one
 * of the files or added files that may match the filter.
 */
import type { TableIdentifier } from '../catalog/catalog.ts';
import { IcebergError } from '../errors.ts';
import { type BoundExpression, bindExpression } from '../expr/bound-expression.ts';
import type { Expression } from '../expr/expression.ts';
import { dataFileStats, mightMatch } from '../expr/metrics-evaluator.ts';
import { partitionRow, projectInclusive } from '../expr/projection.ts';
import { evaluateRow } from '../expr/row-evaluator.ts';
import { EntryStatus } from '../manifest/manifest-file.ts';
import type { Row } from '../parquet/index.ts';
import { planTasks } from '../scan/plan-files.ts';
import type { DataFile } from '../spec/data-file.ts';
import {
  ancestorsOf,
  currentSchema,
  currentSnapshot,
  specById,
  type TableMetadata,
} from '../spec/table-metadata.ts';
import { type DeleteFileCache, readTaskRows } from './read-task-rows.ts';
import { type CommitResult, commitSnapshot } from './snapshot-producer.ts';
import type { TableEnv } from './table-env.ts';
import { writeRows } from './write-rows.ts';

/** What an overwrite did. */
export interface OverwriteResult extends CommitResult {
  readonly deletedRows: number;
  readonly rewrittenFiles: number;
}

/** Throws `commit-failed` when a snapshot after `baseId` added a file that may match `filter`. */
async function validateNoConflictingAppends(
  env: TableEnv,
  current: TableMetadata,
  baseId: bigint | undefined,
  filter: BoundExpression,
): Promise<void> {
  const newer = [];
  for (const s of ancestorsOf(current, current.currentSnapshotId)) {
    if (s.snapshotId === baseId) break;
    newer.push(s);
  }
  if (baseId !== undefined && newer.length === ancestorsOf(current, current.currentSnapshotId).length) {
    throw new IcebergError(
      'commit-failed',
      `Cannot commit overwrite: its base snapshot ${baseId} is no longer an ancestor of main`,
    );
  }
  for (const s of newer) {
    for (const m of await env.cache.manifestList(env.io, s.manifestList)) {
      if (m.addedSnapshotId !== s.snapshotId || m.content !== 0) continue;
      const spec = specById(current, m.partitionSpecId);
      const projected = projectInclusive(filter, spec);
      for (const e of (await env.cache.manifest(env.io, m)).entries) {
        if (e.status !== EntryStatus.ADDED) continue;
        if (!evaluateRow(projected, partitionRow(spec, e.dataFile.partition))) continue;
        if (!mightMatch(filter, (id, type) => dataFileStats(e.dataFile, id, type))) continue;
        throw new IcebergError(
          'commit-failed',
          `Cannot commit overwrite: concurrent snapshot ${s.snapshotId} added ${e.dataFile.filePath}, which may match the filter`,
          { snapshotId: s.snapshotId, file: e.dataFile.filePath },
        );
      }
    }
  }
}

/**
 * Deletes the rows matching `filter` and adds `rows`, in one snapshot:
 * `overwrite` when files are added, `delete` when only removed.
 */
export async function overwrite(
  env: TableEnv,
  id: TableIdentifier,
  filter: Expression,
  rows: readonly Row[] = [],
  summary?: Readonly<Record<string, string>>,
): Promise<OverwriteResult> {
  const loaded = await env.catalog.loadTable(id);
  const { metadata } = loaded;
  const base = currentSnapshot(metadata);
  const schema = currentSchema(metadata);
  const bound = bindExpression(schema, filter);
  const { tasks } = await planTasks(env.io, metadata, base, bound, env.cache);
  const deleted: DataFile[] = [];
  const kept: Record<string, unknown>[] = [];
  let deletedRows = 0;
  const deleteCache: DeleteFileCache = new Map();
  for (const task of tasks) {
    // Rows already deleted by delete files must not come back in the rewritten file.
    const fileRows = await readTaskRows(env.io, task, schema, deleteCache);
    const remaining = fileRows.filter((r) => !evaluateRow(bound, r));
    if (remaining.length === fileRows.length) continue;
    deletedRows += fileRows.length - remaining.length;
    deleted.push(task.file);
    kept.push(...remaining);
  }
  const added = [...(await writeRows(env, metadata, kept)), ...(await writeRows(env, metadata, rows))];
  if (added.length === 0 && deleted.length === 0) {
    throw new IcebergError(
      'invalid-argument',
      'Nothing to overwrite: no row matches the filter and no rows were given',
    );
  }
  const result = await commitSnapshot(
    env,
    id,
    {
      operation: added.length > 0 ? 'overwrite' : 'delete',
      added,
      deleted,
      validate: (current) => validateNoConflictingAppends(env, current, base?.snapshotId, bound),
      ...(summary ? { summary } : {}),
    },
    loaded,
  );
  return { ...result, deletedRows, rewrittenFiles: deleted.length };
}
