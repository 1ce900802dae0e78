/**
 * Reads a table's rows through scan planning: the pruned data files are
 * decoded by the Parquet reader (columns bound by field id, so renamed and
 * added columns read correctly), their delete files are applied and the
 * filter is applied to every row.
 */
import type { TableIdentifier } from '../catalog/catalog.ts';
import { evaluateRow } from '../expr/row-evaluator.ts';
import { type PlanOptions, planFiles, type ScanPlan } from '../scan/plan-files.ts';
import { type DeleteFileCache, readTaskRows } from './read-task-rows.ts';
import type { TableEnv } from './table-env.ts';

/** Plans a scan of the table through the environment's manifest cache. */
export async function scanTable(
  env: TableEnv,
  id: TableIdentifier,
  options: PlanOptions = {},
): Promise<ScanPlan> {
  const { metadata } = await env.catalog.loadTable(id);
  return planFiles(env.io, metadata, { cache: env.cache, ...options });
}

/** All rows of the selected snapshot that match the filter, as canonical values. */
export async function readRows(
  env: TableEnv,
  id: TableIdentifier,
  options: PlanOptions = {},
): Promise<Record<string, unknown>[]> {
  const plan = await scanTable(env, id, options);
  const out: Record<string, unknown>[] = [];
  const deleteCache: DeleteFileCache = new Map();
  for (const task of plan.tasks) {
    const rows = await readTaskRows(env.io, task, plan.schema, deleteCache);
    for (const row of rows) if (evaluateRow(plan.filter, row)) out.push(row);
  }
  return out;
}
