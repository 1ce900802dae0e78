/**
 * The maintenance tasks of contracts/ops.yaml, run table by table over the
 * table engine: partition tiering (aged files rewritten under coarser
 * specs), compaction (small files rewritten to the target size), manifest
 * merging (the one-manifest-per-flush lists), snapshot expiry (the table's
 * `history.expire.*` properties) and orphan-file removal (files no metadata
 * reaches, older than a safety window).
 */
import type { MaintenanceTask, MaintenanceTaskResult } from '@analytics/generated/ops/types';
import { zMaintenanceTask } from '@analytics/generated/ops/zod';
import {
  compactTable,
  currentSnapshot,
  expireSnapshots,
  formatIdentifier,
  isIcebergError,
  manifestMinCountToMerge,
  manifestTargetSizeBytes,
  removeOrphanFiles,
  rewriteManifests,
  type TableEnv,
  type TableIdentifier,
  tierPartitions,
} from '@analytics/iceberg';

/**
 * Every task, in the contract's order, which is also the order that wastes
 * least work: tiering first (compacting hours about to be rewritten into a
 * day would be wasted), manifests merged after the rewrites that add
 * manifests, expiry and orphan removal last.
 */
export const ALL_TASKS: readonly MaintenanceTask[] = zMaintenanceTask.options;

export interface TaskOptions {
  /** Orphan safety window in ms. */
  readonly orphanMinAgeMs: number;
}

/** Where a run is: which table and task, how many task runs are done, and the task's groups when it has some. */
export interface MaintenanceProgress {
  readonly table: string;
  readonly task: MaintenanceTask;
  readonly done: number;
  readonly total: number;
  /** Groups finished of the task's groups (compaction, tier-partitions), after each group. */
  readonly group?: number;
  readonly groups?: number;
}

/** Told where a run is, before each task and after each group. */
export type Progress = (p: MaintenanceProgress) => void;

type TaskOutcome = Omit<MaintenanceTaskResult, 'table' | 'task' | 'duration_ms'>;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

async function runTask(
  env: TableEnv,
  id: TableIdentifier,
  task: MaintenanceTask,
  options: TaskOptions,
  onGroup: (group: number, groups: number) => void,
): Promise<TaskOutcome> {
  switch (task) {
    case 'tier-partitions': {
      // One replace snapshot per group, oldest partition first, at most max-groups-per-run groups.
      const r = await tierPartitions(env, id, { onProgress: (p) => onGroup(p.group, p.groups) });
      const oversized =
        r.oversized > 0
          ? `${plural(r.oversized, 'file')} due to move but larger than maintenance.compaction.max-group-bytes stay where they are`
          : undefined;
      if (r.skipped) return { status: 'skipped', message: [r.skipped, oversized].filter(Boolean).join('; ') };
      const ran = r.groups - r.deferred;
      const last = r.commits.at(-1);
      const counts = {
        files_rewritten: r.filesRewritten,
        files_added: r.filesAdded,
        bytes_rewritten: r.bytesRewritten,
        ...(last ? { snapshot_id: last.snapshot.snapshotId.toString() } : {}),
      };
      const notes = [
        `moved ${plural(r.filesMoved.day, 'file')} to day and ${plural(r.filesMoved.month, 'file')} to month partitions in ${plural(r.commits.length, 'group')}`,
        r.deferred > 0
          ? `${plural(r.deferred, 'more group')} due, left for the next run (maintenance.partition-tiers.max-groups-per-run)`
          : undefined,
        oversized,
      ].filter(Boolean);
      if (r.failures.length === 0) return { status: 'succeeded', ...counts, message: notes.join('; ') };
      const first = r.failures[0]!.error;
      return {
        status: 'failed',
        ...counts,
        message: [
          `${r.failures.length} of ${ran} tier groups failed; first: ${first.kind}: ${first.message}`,
          ...notes,
        ].join('; '),
      };
    }
    case 'compaction': {
      // One replace snapshot per rewrite group; a group that lost a file to a concurrent commit fails alone.
      const result = await compactTable(env, id, { onProgress: (p) => onGroup(p.group, p.groups) });
      if (!result) return { status: 'skipped', message: 'no partition has two or more small files' };
      const last = result.commits.at(-1);
      const counts = {
        files_rewritten: result.filesRewritten,
        files_added: result.filesAdded,
        bytes_rewritten: result.bytesRewritten,
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
    case 'rewrite-manifests': {
      const { metadata } = await env.catalog.loadTable(id);
      const head = currentSnapshot(metadata);
      if (!head) return { status: 'skipped', message: 'the table has no snapshot' };
      const minCount = manifestMinCountToMerge(metadata);
      const targetSizeBytes = manifestTargetSizeBytes(metadata);
      const count = (await env.cache.manifestList(env.io, head.manifestList)).filter(
        (m) => m.content === 0,
      ).length;
      if (count < minCount) {
        return {
          status: 'skipped',
          message: `${plural(count, 'data manifest')}; merging starts at commit.manifest.min-count-to-merge (${minCount})`,
        };
      }
      const r = await rewriteManifests(env, id, { minCount, targetSizeBytes });
      if (!r) {
        return {
          status: 'skipped',
          message: `no two data manifests of one partition spec are smaller than commit.manifest.target-size-bytes (${targetSizeBytes})`,
        };
      }
      const s = r.snapshot.summary;
      return {
        status: 'succeeded',
        manifests_replaced: Number(s['manifests-replaced']),
        manifests_created: Number(s['manifests-created']),
        snapshot_id: r.snapshot.snapshotId.toString(),
        message: `merged ${plural(Number(s['manifests-replaced']), 'manifest')} into ${s['manifests-created']}; ${plural(Number(s['manifests-kept']), 'manifest')} kept as they were`,
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
      const done = results.length;
      progress({ table, task, done, total });
      const started = env.now();
      try {
        const r = await runTask(env, id, task, options, (group, groups) =>
          progress({ table, task, done, total, group, groups }),
        );
        results.push({ table, task, duration_ms: env.now() - started, ...r });
      } catch (err) {
        const message = isIcebergError(err) ? `${err.kind}: ${err.message}` : String(err);
        results.push({ table, task, status: 'failed', duration_ms: env.now() - started, message });
      }
    }
  }
  return results;
}
