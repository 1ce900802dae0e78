/**
 * Planning a compaction: which small data files are rewritten together. Files
 * are grouped by partition (spec id + partition tuple) and bin-packed, first
 * fit by decreasing size, into rewrite groups whose input bytes stay within a
 * cap, so one group's rows fit in memory (a Durable Object has 128 MB).
 */
import { partitionKey } from '../scan/partition-key.ts';
import type { DataFile, PartitionValue } from '../spec/data-file.ts';

/** Data files of one partition that one replace snapshot rewrites together. */
export interface CompactionGroup {
  readonly specId: number;
  readonly partition: readonly PartitionValue[];
  readonly files: readonly DataFile[];
  /** Sum of the files' `file_size_in_bytes`: what the group reads. */
  readonly inputBytes: number;
}

/** Which files count as small and how much one group may read. */
export interface CompactionLimits {
  /** Files at or above this size are left alone. */
  readonly minFileSizeBytes: number;
  /** A group's input bytes never exceed this; a small file larger than the cap is left alone. */
  readonly maxGroupBytes: number;
}

/**
 * Groups the small files of each partition into bins of at most
 * `maxGroupBytes` input. Bins with a single file are dropped: rewriting one
 * file gains nothing. Groups come out ordered by partition, then largest first.
 */
export function planCompactionGroups(
  files: readonly DataFile[],
  limits: CompactionLimits,
): CompactionGroup[] {
  const byPartition = new Map<string, DataFile[]>();
  for (const f of files) {
    if (f.content !== 0) continue;
    const size = Number(f.fileSizeInBytes);
    if (size >= limits.minFileSizeBytes || size > limits.maxGroupBytes) continue;
    const key = partitionKey(f.specId, f.partition);
    const list = byPartition.get(key);
    if (list) list.push(f);
    else byPartition.set(key, [f]);
  }
  const groups: CompactionGroup[] = [];
  for (const key of [...byPartition.keys()].sort()) {
    const candidates = byPartition.get(key)!;
    if (candidates.length < 2) continue;
    const first = candidates[0]!;
    for (const bin of packBins(candidates, limits.maxGroupBytes)) {
      if (bin.files.length < 2) continue;
      groups.push({
        specId: first.specId,
        partition: first.partition,
        files: bin.files,
        inputBytes: bin.bytes,
      });
    }
  }
  return groups;
}

/**
 * First fit by decreasing size: bins of files whose sizes add up to at most
 * `maxBytes` each (a file larger than `maxBytes` gets a bin of its own).
 * Ties are broken by path, so the same files always pack the same way.
 */
export function packBins(
  files: readonly DataFile[],
  maxBytes: number,
): { files: DataFile[]; bytes: number }[] {
  const sorted = [...files].sort(
    (a, b) => Number(b.fileSizeInBytes) - Number(a.fileSizeInBytes) || a.filePath.localeCompare(b.filePath),
  );
  const bins: { files: DataFile[]; bytes: number }[] = [];
  for (const f of sorted) {
    const size = Number(f.fileSizeInBytes);
    const bin = bins.find((b) => b.bytes + size <= maxBytes);
    if (bin) {
      bin.files.push(f);
      bin.bytes += size;
    } else bins.push({ files: [f], bytes: size });
  }
  return bins;
}
