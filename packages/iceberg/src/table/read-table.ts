/**
 * Reads a table's rows through scan planning: the pruned data files are
 * decoded by the Parquet reader (columns bound by field id, so renamed and
 * added columns read correctly) and the filter is applied to every row.
 */
import type { TableIdentifier } from '../catalog/catalog.ts';
import { evaluateRow } from '../expr/row-evaluator.ts';
import { readFile } from '../io/locations.ts';
import { readParquetRows } from '../parquet/index.ts';
import { type PlanOptions, planFiles, type ScanPlan } from '../scan/plan-files.ts';
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
  for (const task of plan.tasks) {
    const rows = readParquetRows(await readFile(env.io, task.file.filePath), plan.schema);
    for (const row of rows) if (evaluateRow(plan.filter, row)) out.push(row);
  }
  return out;
}
