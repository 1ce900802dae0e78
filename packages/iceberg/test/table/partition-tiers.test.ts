import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/catalog/catalog.ts';
import { and, gtEq, lt } from '../../src/expr/expression.ts';
import { FsStore } from '../../src/node.ts';
import type { Schema } from '../../src/spec/types.ts';
import { appendRows } from '../../src/table/append.ts';
import { compactTable } from '../../src/table/compact-table.ts';
import { createTable } from '../../src/table/create-table.ts';
import { unitStartMs } from '../../src/table/partition-tiers.ts';
import { readRows, scanTable } from '../../src/table/read-table.ts';
import { rewriteManifests } from '../../src/table/rewrite-manifests.ts';
import type { TableEnv } from '../../src/table/table-env.ts';
import { tierPartitions } from '../../src/table/tier-partitions.ts';
import { steppingClock, testEnv } from '../helpers/table-env.ts';

const PYTHON = new URL('../../../../.venv/bin/python', import.meta.url).pathname;
const READER = new URL('./python/read_tiered.py', import.meta.url).pathname;

const schema: Schema = {
  schemaId: 0,
  fields: [
    { id: 1, name: 'event_id', required: true, type: { type: 'string' } },
    { id: 2, name: 'ts', required: true, type: { type: 'timestamptz' } },
  ],
};
const id = { namespace: ['events'], name: 'page_views' };
const us = (iso: string) => BigInt(Date.parse(iso)) * 1000n;

/** Batches of rows, one append each, named by when they happened. */
const BATCHES = {
  recent: '2024-03-15T09:10:00Z', // 3 hours before NOW
  lastWeek: '2024-03-10T05:20:00Z', // its day ended 4.5 days before NOW
  earlyMorning: '2024-03-05T01:30:00Z', // its day ended 9.5 days before NOW
  lateEvening: '2024-03-05T22:40:00Z', // the same day
  february: '2024-02-20T10:50:00Z', // February ended 14.5 days before NOW
  january: '2024-01-10T03:00:00Z', // January ended 43.5 days before NOW
  lateJanuary: '2024-01-25T14:00:00Z',
} as const;
const NOW = Date.parse('2024-03-15T12:00:00Z');

function batch(name: string, iso: string) {
  return Array.from({ length: 5 }, (_, i) => ({ event_id: `${name}-${i}`, ts: us(iso) + BigInt(i) }));
}
const ALL_IDS = Object.keys(BATCHES)
  .flatMap((name) => Array.from({ length: 5 }, (_, i) => `${name}-${i}`))
  .sort();

async function tieredTable(
  options: {
    now?: number;
    transform?: string;
    env?: TableEnv;
    location?: string;
    properties?: Record<string, string>;
  } = {},
) {
  const env = options.env ?? testEnv({ now: steppingClock(options.now ?? NOW) });
  await createTable(env, id, {
    location: options.location ?? 's3://warehouse/events/page_views',
    schema,
    partitionBy: [{ column: 'ts', transform: options.transform ?? 'hour' }],
    properties: { 'commit.retry.min-wait-ms': '1', ...options.properties },
  });
  for (const [name, iso] of Object.entries(BATCHES)) await appendRows(env, id, batch(name, iso));
  return env;
}

const ids = (rs: readonly Record<string, unknown>[]) => rs.map((r) => r.event_id as string).sort();

/** Each live file as `unit value-as-date`, e.g. `day 2024-03-05`. */
async function layout(env: TableEnv): Promise<string[]> {
  const { metadata } = await env.catalog.loadTable(id);
  const plan = await scanTable(env, id);
  return plan.tasks
    .map((t) => {
      const field = metadata.partitionSpecs.find((s) => s.specId === t.file.specId)!.fields[0]!;
      const unit = field.transform as 'hour' | 'day' | 'month';
      const start = new Date(unitStartMs(unit, t.file.partition[0] as number)).toISOString();
      return `${unit} ${unit === 'hour' ? start.slice(0, 13) : unit === 'day' ? start.slice(0, 10) : start.slice(0, 7)}`;
    })
    .sort();
}

async function filesMatching(env: TableEnv, from: string, to: string): Promise<number> {
  const plan = await scanTable(env, id, { filter: and(gtEq('ts', us(from)), lt('ts', us(to))) });
  return plan.tasks.length;
}

/** A catalog that runs `before` once, just before its `nth` commit goes through. */
function interleaved(inner: Catalog, nth: number, before: () => Promise<unknown>): Catalog {
  let calls = 0;
  return {
    loadTable: (t) => inner.loadTable(t),
    commitTable: async (t, r, u) => {
      if (++calls === nth) await before();
      return inner.commitTable(t, r, u);
    },
    createTable: (t, u) => inner.createTable(t, u),
  };
}

describe('tierPartitions', () => {
  it('moves days past 7 days to day partitions and months past 30 days to month partitions, rows unchanged', async () => {
    const env = await tieredTable();
    const progress: number[] = [];
    const r = await tierPartitions(env, id, { onProgress: (p) => progress.push(p.group) });
    expect(r).toMatchObject({
      groups: 3,
      deferred: 0,
      failures: [],
      filesRewritten: 5,
      filesAdded: 3,
      filesMoved: { day: 3, month: 2 },
      oversized: 0,
    });
    expect(progress).toEqual([1, 2, 3]);
    expect(r.commits.map((c) => c.snapshot.summary.operation)).toEqual(['replace', 'replace', 'replace']);
    expect(await layout(env)).toEqual([
      'day 2024-02-20',
      'day 2024-03-05',
      'hour 2024-03-10T05',
      'hour 2024-03-15T09',
      'month 2024-01',
    ]);
    expect(ids(await readRows(env, id))).toEqual(ALL_IDS);
    const { metadata } = await env.catalog.loadTable(id);
    expect(metadata.defaultSpecId).toBe(0);
    expect(metadata.partitionSpecs.map((s) => s.fields.map((f) => `${f.name}:${f.transform}`))).toEqual([
      ['ts_hour:hour'],
      ['ts_day:day'],
      ['ts_month:month'],
    ]);
    // Planning prunes by time across all three specs.
    expect(await filesMatching(env, '2024-03-15T00:00:00Z', '2024-03-16T00:00:00Z')).toBe(1);
    expect(await filesMatching(env, '2024-03-05T12:00:00Z', '2024-03-05T13:00:00Z')).toBe(1);
    expect(await filesMatching(env, '2024-02-01T00:00:00Z', '2024-03-01T00:00:00Z')).toBe(1);
    expect(await filesMatching(env, '2024-01-15T00:00:00Z', '2024-01-16T00:00:00Z')).toBe(1);
    expect(await filesMatching(env, '2023-12-01T00:00:00Z', '2024-01-01T00:00:00Z')).toBe(0);
    // New data still lands in hour partitions.
    await appendRows(env, id, batch('new', '2024-03-15T11:00:00Z'));
    expect(await layout(env)).toContain('hour 2024-03-15T11');
  });

  it('moves day partitions on to months later, never back to a finer tier, and then has nothing to do', async () => {
    let now = NOW;
    const env = await tieredTable({ env: testEnv({ now: () => now }) });
    await tierPartitions(env, id);
    now = Date.parse('2024-04-15T12:00:00Z');
    const r = await tierPartitions(env, id);
    expect(r.filesMoved).toEqual({ day: 2, month: 1 });
    expect(await layout(env)).toEqual([
      'day 2024-03-05',
      'day 2024-03-10',
      'day 2024-03-15',
      'month 2024-01',
      'month 2024-02',
    ]);
    expect(ids(await readRows(env, id))).toEqual(ALL_IDS);
    expect(await tierPartitions(env, id)).toMatchObject({
      skipped: 'no partition is old enough for a coarser tier',
      groups: 0,
      commits: [],
    });
    // Compaction keeps each file's spec: nothing moves back to hours.
    await compactTable(env, id);
    expect((await layout(env)).filter((l) => l.startsWith('hour'))).toEqual([]);
  });

  it('commits at most max-groups-per-run groups, oldest first, and the next run goes on', async () => {
    const env = await tieredTable({ properties: { 'maintenance.partition-tiers.max-groups-per-run': '1' } });
    const first = await tierPartitions(env, id);
    expect(first).toMatchObject({ groups: 3, deferred: 2, filesMoved: { day: 0, month: 2 } });
    expect(await layout(env)).toContain('month 2024-01');
    expect(await tierPartitions(env, id)).toMatchObject({ groups: 2, deferred: 1, filesMoved: { day: 1 } });
    expect(await tierPartitions(env, id)).toMatchObject({ groups: 1, deferred: 0, filesMoved: { day: 2 } });
    expect(ids(await readRows(env, id))).toEqual(ALL_IDS);
  });

  it('bin-packs a partition into groups within the byte cap and leaves files larger than the cap', async () => {
    const env = await tieredTable();
    const sizes = (await scanTable(env, id)).tasks.map((t) => Number(t.file.fileSizeInBytes));
    const oneFile = Math.max(...sizes);
    const tooSmall = await tierPartitions(env, id, { maxGroupBytes: Math.min(...sizes) - 1 });
    expect(tooSmall).toMatchObject({
      skipped: 'no partition is old enough for a coarser tier',
      oversized: 5,
    });
    // Room for one file per group: the two January files and the two March 5 files go in two groups each.
    const r = await tierPartitions(env, id, { maxGroupBytes: oneFile });
    expect(r).toMatchObject({ groups: 5, filesRewritten: 5, filesAdded: 5 });
    expect((await layout(env)).filter((l) => l === 'month 2024-01')).toHaveLength(2);
    expect(ids(await readRows(env, id))).toEqual(ALL_IDS);
  });

  it('keeps an append that lands while it runs', async () => {
    const base = await tieredTable();
    // Commit 1 adds the tier specs; the append lands before group 2 commits, which rebases on it.
    const env: TableEnv = {
      ...base,
      catalog: interleaved(base.catalog, 3, () =>
        appendRows(base, id, batch('concurrent', '2024-01-12T00:00:00Z')),
      ),
    };
    const r = await tierPartitions(env, id);
    expect(r.failures).toEqual([]);
    expect(r.commits.map((c) => c.attempts)).toEqual([1, 2, 1]);
    expect(ids(await readRows(base, id))).toEqual(
      [...ALL_IDS, ...Array.from({ length: 5 }, (_, i) => `concurrent-${i}`)].sort(),
    );
    // The late January file came after planning: it stays hourly until the next run.
    expect(await layout(base)).toContain('hour 2024-01-12T00');
  });

  it('starts from day partitions when the default spec is by day', async () => {
    const env = await tieredTable({ transform: 'day' });
    const r = await tierPartitions(env, id);
    expect(r.filesMoved).toEqual({ day: 0, month: 2 });
    expect((await layout(env)).filter((l) => l.startsWith('month'))).toEqual(['month 2024-01']);
    expect(ids(await readRows(env, id))).toEqual(ALL_IDS);
  });

  it('says why it does nothing on tables without hour or day partitions, or with tiering disabled', async () => {
    const byId = await tieredTable({ transform: 'identity' });
    expect(await tierPartitions(byId, id)).toMatchObject({
      skipped: 'the default partition spec has no hour or day field',
    });
    const off = await tieredTable({ properties: { 'maintenance.partition-tiers.enabled': 'false' } });
    expect(await tierPartitions(off, id)).toMatchObject({
      skipped: 'maintenance.partition-tiers.enabled is false',
    });
    expect((await off.catalog.loadTable(id)).metadata.partitionSpecs).toHaveLength(1);
  });

  it('reads the same rows as PyIceberg and DuckDB across the three specs, and PyIceberg prunes by time', async () => {
    const root = await mkdtemp(join(tmpdir(), 'iceberg-tiers-'));
    try {
      const env = await tieredTable({
        env: testEnv({ store: new FsStore(root), root: `${root}/`, now: steppingClock(NOW) }),
        location: `${root}/wh/events/page_views`,
      });
      await tierPartitions(env, id);
      await rewriteManifests(env, id);
      const { metadataLocation } = await env.catalog.loadTable(id);
      const { stdout } = await promisify(execFile)(
        PYTHON,
        [READER, metadataLocation, '2024-02-01T00:00:00+00:00', '2024-03-01T00:00:00+00:00'],
        { timeout: 120_000 },
      );
      const seen = JSON.parse(stdout) as Record<string, unknown>;
      expect(seen.pyiceberg).toEqual(ALL_IDS);
      expect(seen.duckdb).toEqual(ALL_IDS);
      // Partition values as PyIceberg decodes them: hours, days and months since 1970.
      expect(seen.files).toEqual([
        `ts_day=${Date.parse('2024-02-20') / 86_400_000}`,
        `ts_day=${Date.parse('2024-03-05') / 86_400_000}`,
        `ts_hour=${Date.parse('2024-03-10T05:00:00Z') / 3_600_000}`,
        `ts_hour=${Date.parse('2024-03-15T09:00:00Z') / 3_600_000}`,
        'ts_month=648',
      ]);
      expect(seen.windowFiles).toBe(1);
      expect(seen.windowRows).toEqual(Array.from({ length: 5 }, (_, i) => `february-${i}`));
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
