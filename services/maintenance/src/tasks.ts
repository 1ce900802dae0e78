/**
 * The maintenance tasks of contracts/ops.yaml, run table by table over the
 * table engine: compaction (small files rewritten to the target size),
 * snapshot expiry (the table's `history.expire.*` properties) and orphan-file
 * removal (files no metadata reaches, older than a safety window).
 */
import type { MaintenanceTask, MaintenanceTaskResult } from '@analytics/generated/ops/types';
import {
  compactTable,
  expireSnapshots,
  formatIdentifier,
  isIcebergError,
  removeOrphanFiles,
  type TableEnv,
  type TableIdentifier,
} from '@analytics/iceberg';

export const ALL_TASKS: readonly MaintenanceTask[] = [
  'compaction',
  'expire-snapshots',
  'remove-orphan-files',
];

export interface TaskOptions {
  /** Orphan safety window in ms. */
  readonly orphanMinAgeMs: number;
}

/** Progress callback: which table and task is running, and how far the run is. */
export type Progress = (p: { table: string; task: MaintenanceTask; done: number; total: number }) => void;

async function runTask(
  env: TableEnv,
  id: TableIdentifier,
  task: MaintenanceTask,
  options: TaskOptions,
): Promise<Omit<MaintenanceTaskResult, 'table' | 'task' | 'duration_ms'>> {
  switch (task) {
    case 'compaction': {
      // One replace snapshot per rewrite group; a group that lost a file to a concurrent commit fails alone.
      const result = await compactTable(env, id);
      if (!result) return { status: 'skipped', message: 'no partition has two or more small files' };
      const last = result.commits.at(-1);
      const counts = {
        files_rewritten: result.filesRewritten,
        files_added: result.filesAdded,
        ...(last ? { snapshot_id: last.snapshot.snapshotId.toString() } : {}),
      };
      if (result.failures.length === 0) return { status: 'succeeded', ...counts };
      const first = result.failures[0]!.error;
      return {
        status: 'failed',
        ...counts,
        message: `${result.failures.length} of ${result.groups} compaction groups failed; first: ${first.kind}: ${first.message}`,
      };
    }
    case 'expire-snapshots': {
      const r = await expireSnapshots(env, id);
      if (r.expiredSnapshotIds.length === 0)
        return { status: 'skipped', message: 'no snapshot is old enough to expire' };
      return {
        status: 'succeeded',
        snapshots_expired: r.expiredSnapshotIds.length,
        files_removed: r.deletedDataFiles + r.deletedManifests + r.deletedManifestLists,
      };
    }
    case 'remove-orphan-files': {
      const r = await removeOrphanFiles(env, id, { olderThanMs: env.now() - options.orphanMinAgeMs });
      return r.orphans.length === 0
        ? { status: 'skipped', message: 'no orphan files' }
        : { status: 'succeeded', files_removed: r.orphans.length };
    }
  }
}

/**
 * Runs the tasks on every table, in order. A failing task is reported and
 * the run goes on with the next one: one bad table never blocks the others.
 */
export async function runMaintenance(
  env: TableEnv,
  tables: readonly TableIdentifier[],
  tasks: readonly MaintenanceTask[],
  options: TaskOptions,
  progress: Progress = () => {},
): Promise<MaintenanceTaskResult[]> {
  const results: MaintenanceTaskResult[] = [];
  const total = tables.length * tasks.length;
  for (const id of tables) {
    const table = formatIdentifier(id);
    for (const task of tasks) {
      progress({ table, task, done: results.length, total });
      const started = env.now();
      try {
        const r = await runTask(env, id, task, options);
        results.push({ table, task, duration_ms: env.now() - started, ...r });
      } catch (err) {
        const message = isIcebergError(err) ? `${err.kind}: ${err.message}` : String(err);
        results.push({ table, task, status: 'failed', duration_ms: env.now() - started, message });
      }
    }
  }
  return results;
}
