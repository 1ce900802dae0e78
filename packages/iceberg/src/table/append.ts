/**
 * Fast append (spec: "Optimistic Concurrency"; ICEBERG.md §4.2): one new
 * manifest, every parent manifest carried over. Appends never conflict: a
 * lost race rebases onto the new head and retries.
 */
import type { LoadedTable, TableIdentifier } from '../catalog/catalog.ts';
import type { Row } from '../parquet/index.ts';
import type { DataFile } from '../spec/data-file.ts';
import { type CommitResult, commitSnapshot } from './snapshot-producer.ts';
import type { TableEnv } from './table-env.ts';
import { writeRows } from './write-rows.ts';

/** Appends data files already written (e.g. by `writeDataFiles`). */
export function appendFiles(
  env: TableEnv,
  id: TableIdentifier,
  files: readonly DataFile[],
  summary?: Readonly<Record<string, string>>,
  loaded?: LoadedTable,
): Promise<CommitResult> {
  const change = { operation: 'append' as const, added: files, deleted: [], ...(summary ? { summary } : {}) };
  return commitSnapshot(env, id, change, loaded);
}

/** Writes rows as Parquet data files with the table's spec and sort order, then appends them. */
export async function appendRows(
  env: TableEnv,
  id: TableIdentifier,
  rows: readonly Row[],
  summary?: Readonly<Record<string, string>>,
): Promise<CommitResult> {
  const loaded = await env.catalog.loadTable(id);
  const files = await writeRows(env, loaded.metadata, rows);
  return appendFiles(env, id, files, summary, loaded);
}
