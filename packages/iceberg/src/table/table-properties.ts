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
