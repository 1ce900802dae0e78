/**
 * Moving aged data to coarser partitions (see `partition-tiers.ts` for what
 * moves where): the tier specs are added to the table when missing (never
 * made the default), then each planned group is rewritten under its tier
 * spec and committed as its own `replace` snapshot, oldest partition first,
 * at most `maintenance.partition-tiers.max-groups-per-run` groups per run.
 * Groups are bounded like compaction's (`maintenance.compaction.max-group-bytes`
 * of input), for the same reason: a group's rows are held in memory.
 *
 * Why rewrite rather than re-register a file under the coarser spec (its
 * rows already fit the coarser partition): an entry removed and re-added
 * with the same path looks like a deleted file to other engines' snapshot
 * expiry (Java's incremental cleanup deletes files a DELETED entry names),
 * which would delete live data. Rewriting also merges a day's hour files.
 */
import type { TableIdentifier } from '../catalog/catalog.ts';
import { type IcebergError, isIcebergError } from '../errors.ts';
import { lt } from '../expr/expression.ts';
import { planFiles } from '../scan/plan-files.ts';
import type { PartitionValue } from '../spec/data-file.ts';
import type { TableMetadata } from '../spec/table-metadata.ts';
import type { CompactionProgress } from './compact-table.ts';
import {
  findSpec,
  type PartitionTier,
  planTierGroups,
  type TierLadder,
  tierLadder,
  tierSpecFields,
} from './partition-tiers.ts';
import { rewriteGroup } from './rewrite-group.ts';
import type { CommitResult } from './snapshot-producer.ts';
import type { TableEnv } from './table-env.ts';
import {
  compactionMaxGroupBytes,
  type PartitionTierSettings,
  partitionTierSettings,
} from './table-properties.ts';

/** Options of `tierPartitions`; each defaults to the table's properties. */
export interface TierOptions {
  readonly settings?: Partial<PartitionTierSettings>;
  /** Cap on one group's input bytes (default: `maintenance.compaction.max-group-bytes`). */
  readonly maxGroupBytes?: number;
  /** Called after every group, committed or failed. */
  readonly onProgress?: (progress: CompactionProgress) => void;
}

/** A group whose commit failed; the table still has its input files where they were. */
export interface TierFailure {
  readonly unit: PartitionTier['unit'];
  readonly partition: readonly PartitionValue[];
  readonly files: readonly string[];
  readonly error: IcebergError;
}

/** What a tiering run did. */
export interface TierResult {
  /** Why nothing was planned (not a time-partitioned table, tiering disabled, nothing old enough). */
  readonly skipped?: string;
  /** Groups due in total; `groups - deferred` ran this time. */
  readonly groups: number;
  /** Groups left for a later run by `max-groups-per-run`. */
  readonly deferred: number;
  readonly commits: readonly CommitResult[];
  readonly failures: readonly TierFailure[];
  readonly filesRewritten: number;
  readonly filesAdded: number;
  readonly bytesRewritten: number;
  /** Files moved into day and into month partitions by the committed groups. */
  readonly filesMoved: Readonly<Record<PartitionTier['unit'], number>>;
  /** Files due to move but larger than `maxGroupBytes`; they stay where they are. */
  readonly oversized: number;
}

const nothing = (skipped: string, oversized = 0): TierResult => ({
  skipped,
  groups: 0,
  deferred: 0,
  commits: [],
  failures: [],
  filesRewritten: 0,
  filesAdded: 0,
  bytesRewritten: 0,
  filesMoved: { day: 0, month: 0 },
  oversized,
});

/** The spec id of each tier spec the groups need, adding the missing specs in one commit. */
async function tierSpecIds(
  env: TableEnv,
  id: TableIdentifier,
  metadata: TableMetadata,
  ladder: TierLadder,
  units: ReadonlySet<PartitionTier['unit']>,
): Promise<{ metadata: TableMetadata; specIds: Map<PartitionTier['unit'], number> }> {
  // Finest first, so spec ids read hour < day < month.
  const wanted = ladder.tiers
    .filter((t) => units.has(t.unit))
    .map(({ unit }) => ({ unit, fields: tierSpecFields(metadata, ladder, unit) }));
  const missing = wanted.filter((w) => !findSpec(metadata, w.fields));
  let m = metadata;
  if (missing.length > 0) {
    // add-spec only: the default spec stays, so writers keep partitioning new data by the hour.
    // Field ids are assigned (or reused) by the catalog; concurrent identical adds reuse one spec.
    ({ metadata: m } = await env.catalog.commitTable(
      id,
      [{ type: 'assert-table-uuid', uuid: metadata.tableUuid }],
      missing.map((w) => ({ action: 'add-spec' as const, spec: { fields: w.fields } })),
    ));
  }
  const specIds = new Map<PartitionTier['unit'], number>();
  for (const w of wanted) specIds.set(w.unit, findSpec(m, w.fields)!.specId);
  return { metadata: m, specIds };
}

/**
 * Moves data files older than the tier boundaries into coarser partition
 * specs, rows unchanged (delete files are applied as they are read). A group
 * that lost a file to a concurrent commit fails alone (`failures`); any other
 * error stops the run, keeping the groups already committed.
 */
export async function tierPartitions(
  env: TableEnv,
  id: TableIdentifier,
  options: TierOptions = {},
): Promise<TierResult> {
  const loaded = await env.catalog.loadTable(id);
  let metadata = loaded.metadata;
  const settings = { ...partitionTierSettings(metadata), ...options.settings };
  if (!settings.enabled) return nothing('maintenance.partition-tiers.enabled is false');
  const ladder = tierLadder(metadata, settings);
  if (!ladder) return nothing('the default partition spec has no hour or day field');
  if (ladder.tiers.length === 0) return nothing('no tier is coarser than the default partition spec');
  const now = env.now();
  // Only files holding rows older than the youngest boundary can be due; manifests of newer data are pruned.
  const youngest = Math.min(...ladder.tiers.map((t) => t.afterMs));
  const plan = await planFiles(env.io, metadata, {
    cache: env.cache,
    filter: lt(ladder.column, new Date(now - youngest)),
  });
  const maxGroupBytes = options.maxGroupBytes ?? compactionMaxGroupBytes(metadata);
  const { groups, oversized } = planTierGroups(
    metadata,
    ladder,
    plan.tasks.map((t) => t.file),
    now,
    maxGroupBytes,
  );
  if (groups.length === 0) return nothing('no partition is old enough for a coarser tier', oversized.length);
  const run = groups.slice(0, settings.maxGroupsPerRun);
  let specIds: Map<PartitionTier['unit'], number>;
  ({ metadata, specIds } = await tierSpecIds(env, id, metadata, ladder, new Set(run.map((g) => g.unit))));
  const tasks = new Map(plan.tasks.map((t) => [t.file.filePath, t]));
  const commits: CommitResult[] = [];
  const failures: TierFailure[] = [];
  const filesMoved = { day: 0, month: 0 };
  let filesRewritten = 0;
  let filesAdded = 0;
  let bytesRewritten = 0;
  for (const [i, group] of run.entries()) {
    try {
      const { commit, added } = await rewriteGroup(
        env,
        id,
        { ...group, specId: specIds.get(group.unit)! },
        metadata,
        tasks,
      );
      commits.push(commit);
      filesRewritten += group.files.length;
      filesAdded += added.length;
      bytesRewritten += group.inputBytes;
      filesMoved[group.unit] += group.files.length;
    } catch (e) {
      if (!isIcebergError(e, 'commit-failed')) throw e;
      failures.push({
        unit: group.unit,
        partition: group.partition,
        files: group.files.map((f) => f.filePath),
        error: e,
      });
    }
    options.onProgress?.({ group: i + 1, groups: run.length, filesRewritten, bytesRewritten });
  }
  return {
    groups: groups.length,
    deferred: groups.length - run.length,
    commits,
    failures,
    filesRewritten,
    filesAdded,
    bytesRewritten,
    filesMoved,
    oversized: oversized.length,
  };
}
