/**
 * Table properties the engine reads, and the defaults of new event tables
 * (the product description's table configuration).
 */
import { intProperty, type TableMetadata } from '../spec/table-metadata.ts';

/** Properties every new event table is created with (SEED "Iceberg Table Configuration"). */
export const EVENT_TABLE_PROPERTIES: Readonly<Record<string, string>> = {
  'write.format.default': 'parquet',
  'write.parquet.compression-codec': 'snappy',
  'write.metadata.compression-codec': 'gzip',
  'write.target-file-size-bytes': '134217728',
  'write.distribution-mode': 'hash',
  'commit.retry.num-retries': '10',
  'commit.retry.min-wait-ms': '100',
  'commit.retry.max-wait-ms': '60000',
};

/** How a writer retries a commit that lost a race (Java `TableProperties.COMMIT_*`). */
export interface RetryPolicy {
  readonly numRetries: number;
  readonly minWaitMs: number;
  readonly maxWaitMs: number;
}

/** The retry policy of a table; Java's defaults (4 retries, 100 ms to 60 s) when unset. */
export function retryPolicy(m: Pick<TableMetadata, 'properties'>): RetryPolicy {
  return {
    numRetries: Math.max(0, intProperty(m, 'commit.retry.num-retries', 4)),
    minWaitMs: Math.max(0, intProperty(m, 'commit.retry.min-wait-ms', 100)),
    maxWaitMs: Math.max(0, intProperty(m, 'commit.retry.max-wait-ms', 60_000)),
  };
}

/**
 * The wait before retry `attempt` (1-based): exponential from `minWaitMs`,
 * capped at `maxWaitMs`, with "equal jitter" (half fixed, half random) so
 * concurrent writers spread out. `random` is in [0, 1).
 */
export function backoffMs(policy: RetryPolicy, attempt: number, random: number): number {
  const exp = Math.min(policy.maxWaitMs, policy.minWaitMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + (exp / 2) * random);
}

/** Default cap on the Parquet input of one compaction group (see `compactionMaxGroupBytes`). */
export const DEFAULT_COMPACTION_MAX_GROUP_BYTES = 2 * 1024 * 1024;

/**
 * `maintenance.compaction.max-group-bytes`: how many bytes of Parquet one
 * compaction group may read. A group holds its rows decoded (about 12× the
 * Parquet size) plus the Arrow and Parquet copies of the writer: measured in
 * bench/compaction, a 1.6 MB group runs in a 48 MB V8 heap and a 3.3 MB group
 * needs more than 48 MB, besides parquet-wasm's memory, which never shrinks.
 * The 2 MiB default leaves headroom in a Worker's 128 MB.
 */
export function compactionMaxGroupBytes(m: Pick<TableMetadata, 'properties'>): number {
  return Math.max(
    1,
    intProperty(m, 'maintenance.compaction.max-group-bytes', DEFAULT_COMPACTION_MAX_GROUP_BYTES),
  );
}

/** Java's `commit.manifest.min-count-to-merge` default. */
export const DEFAULT_MANIFEST_MIN_COUNT_TO_MERGE = 100;

/** Java's `commit.manifest.target-size-bytes` default (8 MiB). */
export const DEFAULT_MANIFEST_TARGET_SIZE_BYTES = 8 * 1024 * 1024;

/**
 * `commit.manifest.min-count-to-merge`: how many data manifests a snapshot
 * may carry before they are merged. Java and PyIceberg read the same
 * property when they merge manifests inline on append; our writers append
 * fast and the maintenance Worker merges afterwards at the same threshold,
 * so one knob means the same thing to every writer of the table.
 */
export function manifestMinCountToMerge(m: Pick<TableMetadata, 'properties'>): number {
  return Math.max(
    2,
    intProperty(m, 'commit.manifest.min-count-to-merge', DEFAULT_MANIFEST_MIN_COUNT_TO_MERGE),
  );
}

/**
 * `commit.manifest.target-size-bytes`: the size merged manifests aim for.
 * Manifests already this large are left alone, so a merge reads and rewrites
 * the small recent ones, not the whole table's history every time.
 */
export function manifestTargetSizeBytes(m: Pick<TableMetadata, 'properties'>): number {
  return Math.max(1, intProperty(m, 'commit.manifest.target-size-bytes', DEFAULT_MANIFEST_TARGET_SIZE_BYTES));
}

/** When aged data moves to coarser partitions (SEED "Partitioning Strategy"), and how much per run. */
export interface PartitionTierSettings {
  /** `maintenance.partition-tiers.enabled` (default `true`). */
  readonly enabled: boolean;
  /** `maintenance.partition-tiers.day-after-ms`: days older than this move to day partitions (7 days). */
  readonly dayAfterMs: number;
  /** `maintenance.partition-tiers.month-after-ms`: months older than this move to month partitions (30 days). */
  readonly monthAfterMs: number;
  /** `maintenance.partition-tiers.max-groups-per-run`: rewrite groups one run commits at most (32). */
  readonly maxGroupsPerRun: number;
}

const DAY_MS = 86_400_000;

/** The partition-tier settings of a table (see `PartitionTierSettings` for the properties and defaults). */
export function partitionTierSettings(m: Pick<TableMetadata, 'properties'>): PartitionTierSettings {
  return {
    enabled: (m.properties['maintenance.partition-tiers.enabled'] ?? 'true').trim().toLowerCase() !== 'false',
    dayAfterMs: Math.max(0, intProperty(m, 'maintenance.partition-tiers.day-after-ms', 7 * DAY_MS)),
    monthAfterMs: Math.max(0, intProperty(m, 'maintenance.partition-tiers.month-after-ms', 30 * DAY_MS)),
    maxGroupsPerRun: Math.max(1, intProperty(m, 'maintenance.partition-tiers.max-groups-per-run', 32)),
  };
}
