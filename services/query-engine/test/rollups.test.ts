import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type TestEngine, testEngine } from './helpers/engine.ts';
import { pageViewColumns, writePageViews } from './helpers/page-views.ts';

const table = { namespace: ['analytics'], name: 'page_views' };
const day0 = Date.UTC(2024, 0, 1);
const hour0 = day0 / 3_600_000;
let t: TestEngine;

async function exact(sql: string): Promise<number[]> {
  const c = await t.writer.connect();
  const row = (await c.runAndReadAll(sql)).getRows()[0] ?? [];
  return row.map((v) => Number(v));
}

async function commit(snapshotId: bigint, file: string, seed: number, startMs: number): Promise<void> {
  const w = await t.writer.connect();
  await writePageViews(w, join(t.dir, file), {
    count: 20_000,
    startMs,
    spanMs: 2 * 86_400_000,
    users: 3_000,
    seed,
  });
  t.source.append(table, {
    snapshotId,
    timestampMs: startMs,
    columns: pageViewColumns,
    files: [{ uri: join(t.dir, file), recordCount: 20_000n, sizeInBytes: 1n }],
  });
  await t.engine.refresh();
}

beforeAll(async () => {
  t = await testEngine();
  t.source.createTable(table, 's3://analytics-source/events/page_views');
});
afterAll(() => t.close());

it('keeps rollups up to date as snapshots are committed, matching exact counts', async () => {
  await commit(1n, 'a.parquet', 1, day0);
  const glob = join(t.dir, '*.parquet');
  let cell = t.engine.rollups.range('all', '', hour0, hour0 + 24 * 3);
  let [n, visitors, sessions] = await exact(
    `SELECT count(*), count(DISTINCT coalesce(user_id, session_id)), count(DISTINCT session_id) FROM '${glob}'`,
  );
  expect(cell.count).toBe(n);
  expect(Math.abs(cell.visitors.estimate() - (visitors ?? 0)) / (visitors ?? 1)).toBeLessThan(0.03);
  expect(Math.abs((cell.sessions?.estimate() ?? 0) - (sessions ?? 0)) / (sessions ?? 1)).toBeLessThan(0.03);

  // A second commit, overlapping the first in time: only its new file is rolled up.
  await commit(2n, 'b.parquet', 2, day0 + 86_400_000);
  cell = t.engine.rollups.range('all', '', hour0, hour0 + 24 * 3);
  [n, visitors] = await exact(
    `SELECT count(*), count(DISTINCT coalesce(user_id, session_id)) FROM '${glob}'`,
  );
  expect(cell.count).toBe(n);
  expect(Math.abs(cell.visitors.estimate() - (visitors ?? 0)) / (visitors ?? 1)).toBeLessThan(0.03);
});

it('answers hour-aligned ranges that cut through days from hour cells', async () => {
  const from = hour0 + 5;
  const to = hour0 + 24 + 7;
  const cell = t.engine.rollups.range('page', 'https://rawkode.academy/p/3', from, to);
  const glob = join(t.dir, '*.parquet');
  const [n, visitors, top] = await exact(
    `SELECT count(*), count(DISTINCT coalesce(user_id, session_id)), sum(time_on_page) FROM '${glob}'
     WHERE page_url = 'https://rawkode.academy/p/3'
       AND "timestamp" >= make_timestamptz(${from * 3_600_000_000}) AND "timestamp" < make_timestamptz(${to * 3_600_000_000})`,
  );
  expect(cell.count).toBe(n);
  expect(cell.timeOnPageSum).toBe(top);
  expect(cell.title).toBe('Page 3');
  expect(Math.abs(cell.visitors.estimate() - (visitors ?? 0)) / (visitors ?? 1)).toBeLessThan(0.05);
});

it("rebuilding one table's rollups (history rewritten) leaves the other tables' rollups alone", async () => {
  // A second event table without an event_type column: its events count under its name.
  const clicks = { namespace: ['analytics'], name: 'clicks' };
  t.source.createTable(clicks, 's3://analytics-source/events/clicks');
  const w = await t.writer.connect();
  await writePageViews(w, join(t.dir, 'clicks.parquet'), {
    count: 500,
    startMs: day0,
    spanMs: 86_400_000,
    users: 50,
    seed: 7,
  });
  t.source.append(clicks, {
    snapshotId: 10n,
    timestampMs: day0,
    columns: pageViewColumns.filter((c) => c.name !== 'event_type'),
    files: [{ uri: join(t.dir, 'clicks.parquet'), recordCount: 500n, sizeInBytes: 1n }],
  });
  await t.engine.refresh();
  expect(t.engine.rollups.count('event_type', 'clicks', hour0, hour0 + 72)).toBe(500);

  // page_views gets a commit and loses the snapshot its rollups cover (expired) before the
  // engine refreshes: its rollups are rebuilt from its files, the clicks' are kept.
  await writePageViews(w, join(t.dir, 'c.parquet'), {
    count: 1_000,
    startMs: day0,
    spanMs: 86_400_000,
    users: 100,
    seed: 3,
  });
  t.source.append(table, {
    snapshotId: 3n,
    timestampMs: day0 + 3 * 86_400_000,
    columns: pageViewColumns,
    files: [{ uri: join(t.dir, 'c.parquet'), recordCount: 1_000n, sizeInBytes: 1n }],
  });
  t.source.expireSnapshots(table, day0 + 3 * 86_400_000);
  const rebuilt = t.engine.rollupStats.rebuilt;
  await t.engine.refresh();
  expect(t.engine.rollupStats.rebuilt).toBe(rebuilt + 1);
  expect(t.engine.rollups.count('event_type', 'clicks', hour0, hour0 + 72)).toBe(500);
  const [n] = await exact(`SELECT count(*) FROM '${join(t.dir, '[abc].parquet')}'`);
  expect(t.engine.rollups.count('event_type', 'page_view', hour0, hour0 + 72)).toBe(n);
  expect(t.engine.rollups.count('all', '', hour0, hour0 + 72)).toBe(n);
});
