/**
 * Replace files (ICEBERG.md §4.4): swap data files for others holding the
 * same rows (compaction, repartitioning). Commits fail when a file to replace was removed
 * concurrently; concurrent appends are kept.
 */
import type { TableIdentifier } from '../catalog/catalog.ts';
import type { Expression } from '../expr/expression.ts';
import { planFiles } from '../scan/plan-files.ts';
import type { DataFile } from '../spec/data-file.ts';
import { currentSchema } from '../spec/table-metadata.ts';
import { type DeleteFileCache, readTaskRows } from './read-task-rows.ts';
import { type CommitResult, commitSnapshot } from './snapshot-producer.ts';
import type { TableEnv } from './table-env.ts';
import { writeRows } from './write-rows.ts';

/** Commits a `replace` snapshot removing `deleted` and adding `added`. */
export function replaceFiles(
  env: TableEnv,
  id: TableIdentifier,
  deleted: readonly DataFile[],
  added: readonly DataFile[],
): Promise<CommitResult> {
  return commitSnapshot(env, id, { operation: 'replace', added, deleted });
}

/**
 * Rewrites the data files that may hold rows matching `filter` under the
 * partition spec `specId` (which need not be the default), in one `replace`
 * snapshot: how aged data moves to coarser partitions (hour → day → month)
 * while new data keeps the default spec. Files already under `specId` are
 * left alone; returns undefined when nothing moved.
 */
export async function repartitionFiles(
  env: TableEnv,
  id: TableIdentifier,
  options: { readonly filter: Expression; readonly specId: number },
): Promise<CommitResult | undefined> {
  const { metadata } = await env.catalog.loadTable(id);
  const plan = await planFiles(env.io, metadata, { cache: env.cache, filter: options.filter });
  const moving = plan.tasks.map((t) => t.file).filter((f) => f.specId !== options.specId);
  if (moving.length === 0) return undefined;
  const schema = currentSchema(metadata);
  const rows: Record<string, unknown>[] = [];
  const deleteCache: DeleteFileCache = new Map();
  for (const t of plan.tasks) {
    if (t.file.specId !== options.specId) rows.push(...(await readTaskRows(env.io, t, schema, deleteCache)));
  }
  return replaceFiles(env, id, moving, await writeRows(env, metadata, rows, options.specId));
}

// Compaction lives in compact-table.ts; re-exported for importers of this module.
export { compactTable } from './compact-table.ts';
