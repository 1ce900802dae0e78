import { describe, expect, it } from 'vitest';
import {
  backoffMs,
  EVENT_TABLE_PROPERTIES,
  manifestMinCountToMerge,
  manifestTargetSizeBytes,
  partitionTierSettings,
  retryPolicy,
} from './table-properties.ts';

describe('commit retry policy', () => {
  it('reads commit.retry.* with the Java defaults', () => {
    expect(retryPolicy({ properties: {} })).toEqual({ numRetries: 4, minWaitMs: 100, maxWaitMs: 60_000 });
    expect(retryPolicy({ properties: EVENT_TABLE_PROPERTIES })).toEqual({
      numRetries: 10,
      minWaitMs: 100,
      maxWaitMs: 60_000,
    });
    expect(retryPolicy({ properties: { 'commit.retry.num-retries': 'x' } }).numRetries).toBe(4);
  });

  it('backs off exponentially from min-wait, capped at max-wait, with jitter in the upper half', () => {
    const p = { numRetries: 10, minWaitMs: 100, maxWaitMs: 1000 };
    expect([1, 2, 3, 4, 5].map((a) => backoffMs(p, a, 0))).toEqual([50, 100, 200, 400, 500]);
    expect([1, 2, 3, 4, 5].map((a) => backoffMs(p, a, 0.999999))).toEqual([100, 200, 400, 800, 1000]);
  });

  it('gives new event tables the product defaults', () => {
    expect(EVENT_TABLE_PROPERTIES).toMatchObject({
      'write.parquet.compression-codec': 'snappy',
      'write.metadata.compression-codec': 'gzip',
      'write.target-file-size-bytes': '134217728',
      'commit.retry.num-retries': '10',
    });
  });
});

describe('maintenance properties', () => {
  it('merges manifests at the Java defaults (100 manifests, 8 MiB) unless the table says otherwise', () => {
    expect(manifestMinCountToMerge({ properties: {} })).toBe(100);
    expect(manifestTargetSizeBytes({ properties: {} })).toBe(8_388_608);
    expect(manifestMinCountToMerge({ properties: { 'commit.manifest.min-count-to-merge': '20' } })).toBe(20);
    // Merging one manifest into one gains nothing.
    expect(manifestMinCountToMerge({ properties: { 'commit.manifest.min-count-to-merge': '0' } })).toBe(2);
  });

  it('tiers partitions after 7 and 30 days, 32 groups a run, unless the table says otherwise', () => {
    expect(partitionTierSettings({ properties: {} })).toEqual({
      enabled: true,
      dayAfterMs: 604_800_000,
      monthAfterMs: 2_592_000_000,
      maxGroupsPerRun: 32,
    });
    expect(
      partitionTierSettings({
        properties: {
          'maintenance.partition-tiers.enabled': 'FALSE',
          'maintenance.partition-tiers.day-after-ms': '86400000',
          'maintenance.partition-tiers.max-groups-per-run': '0',
        },
      }),
    ).toMatchObject({ enabled: false, dayAfterMs: 86_400_000, maxGroupsPerRun: 1 });
  });
});
