/**
 * Compaction with bounded memory: small data files are rewritten partition
 * by partition, one rewrite group at a time (see `compaction-groups.ts`),
 * and every group is committed as its own `replace` snapshot.
 *
 * One snapshot per group, not one per batch: a group's work is durable as
 * soon as it is written, so a Durable Object evicted mid-run or a group that
 * fails loses nothing else; a group that lost a file to a concurrent commit
 * fails alone (`commit-failed`) and its new files are deleted; and each commit
 * is small, so a concurrent append only costs a cheap rebase. The price is
 * one snapshot per group, which snapshot expiry removes later.
 */
import type { TableIdentifier } from '../catalog/catalog.ts';
import { type IcebergError, isIcebergError } from '../errors.ts';
import type { Expression } from '../expr/expression.ts';
import { planFiles } from '../scan/plan-files.ts';
import type { PartitionValue } from '../spec/data-file.ts';
import { planCompactionGroups } from './compaction-groups.ts';
import { rewriteGroup } from './rewrite-group.ts';
import type { CommitResult } from './snapshot-producer.ts';
import type { TableEnv } from './table-env.ts';
import { compactionMaxGroupBytes } from './table-properties.ts';

/** Where a compaction run is, reported after every group (committed or failed). */
export interface CompactionProgress {
  /** 1-based number of the group just finished. */
  readonly group: number;
  readonly groups: number;
  /** Files removed by the groups committed so far. */
  readonly filesRewritten: number;
  /** Input bytes of the groups committed so far. */
  readonly bytesRewritten: number;
}

/** Options of `compactTable`. */
export interface CompactionOptions {
  /** Only files that may hold matching rows are considered. */
  readonly filter?: Expression;
  /** Files smaller than this are compacted (default: `write.target-file-size-bytes`). */
  readonly minFileSizeBytes?: number;
  /** Cap on one group's input bytes (default: `maintenance.compaction.max-group-bytes`, 2 MiB). */
  readonly maxGroupBytes?: number;
  readonly onProgress?: (progress: CompactionProgress) => void;
}

/** A group whose commit failed; the table still has its input files. */
export interface CompactionFailure {
  readonly specId: number;
  readonly partition: readonly PartitionValue[];
  readonly files: readonly string[];
  readonly error: IcebergError;
}

/** What a compaction run did. */
export interface CompactionResult {
  /** Groups planned. */
  readonly groups: number;
  /** One commit per group that succeeded, in order. */
  readonly commits: readonly CommitResult[];
  readonly failures: readonly CompactionFailure[];
  readonly filesRewritten: number;
  readonly filesAdded: number;
  readonly bytesRewritten: number;
}

/**
 * Compacts the small files of the table, one bounded group at a time, each
 * group committed as a `replace` snapshot (retried on conflicts as
 * `commit.retry.*` says; concurrent appends are kept). A group whose input
 * was removed concurrently is reported in `failures` and the run goes on;
 * any other error stops the run, keeping the groups already committed.
 * Rows are sorted by the table's sort order. Returns undefined when no
 * partition has two or more small files.
 */
export async function compactTable(
  env: TableEnv,
  id: TableIdentifier,
  options: CompactionOptions = {},
): Promise<CompactionResult | undefined> {
  const { metadata } = await env.catalog.loadTable(id);
  const target = Number(metadata.properties['write.target-file-size-bytes'] ?? 536_870_912);
  const plan = await planFiles(env.io, metadata, {
    cache: env.cache,
    ...(options.filter ? { filter: options.filter } : {}),
  });
  const groups = planCompactionGroups(
    plan.tasks.map((t) => t.file),
    {
      minFileSizeBytes: options.minFileSizeBytes ?? target,
      maxGroupBytes: options.maxGroupBytes ?? compactionMaxGroupBytes(metadata),
    },
  );
  if (groups.length === 0) return undefined;
  const tasks = new Map(plan.tasks.map((t) => [t.file.filePath, t]));
  const commits: CommitResult[] = [];
  const failures: CompactionFailure[] = [];
  let filesRewritten = 0;
  let filesAdded = 0;
  let bytesRewritten = 0;
  for (const [i, group] of groups.entries()) {
    try {
      // The group's own spec: rows stay in their partition, and files that
      // tierPartitions moved to a coarser spec are not pulled back to the default.
      const { commit, added } = await rewriteGroup(env, id, group, metadata, tasks);
      commits.push(commit);
      filesRewritten += group.files.length;
      filesAdded += added.length;
      bytesRewritten += group.inputBytes;
    } catch (e) {
      if (!isIcebergError(e, 'commit-failed')) throw e;
      failures.push({
        specId: group.specId,
        partition: group.partition,
        files: group.files.map((f) => f.filePath),
        error: e,
      });
    }
    options.onProgress?.({ group: i + 1, groups: groups.length, filesRewritten, bytesRewritten });
  }
  return { groups: groups.length, commits, failures, filesRewritten, filesAdded, bytesRewritten };
}
