import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dashboard } from '../src/dashboard.ts';
import { type TestEngine, testEngine } from './helpers/engine.ts';
import { pageViewColumns, writePageViews } from './helpers/page-views.ts';

const table = { namespace: ['analytics'], name: 'page_views' };
const day0 = Date.UTC(2024, 0, 1);
const range = { startMs: day0, endMs: day0 + 3 * 86_400_000 };
let t: TestEngine;
let dashboard: Dashboard;

beforeAll(async () => {
  t = await testEngine();
  const w = await t.writer.connect();
  await writePageViews(w, join(t.dir, 'a.parquet'), {
    count: 30_000,
    startMs: day0,
    spanMs: 3 * 86_400_000,
    users: 4_000,
    seed: 7,
  });
  t.source.createTable(table, 's3://analytics-source/events/page_views');
  t.source.append(table, {
    snapshotId: 1n,
    timestampMs: day0,
    columns: pageViewColumns,
    files: [{ uri: join(t.dir, 'a.parquet'), recordCount: 30_000n, sizeInBytes: 1n }],
  });
  dashboard = new Dashboard(t.engine);
});
afterAll(() => t.close());

const within = (estimate: number, exact: number, tolerance: number) =>
  expect(Math.abs(estimate - exact) / Math.max(1, exact)).toBeLessThan(tolerance);

describe('dashboard queries', () => {
  it('eventCounts: exact from SQL, estimated from rollups, same counts', async () => {
    const exact = await dashboard.eventCounts(range, ['page_view'], {}, 'EXACT');
    const estimated = await dashboard.eventCounts(range, ['page_view'], {}, 'ESTIMATED');
    expect(exact).toHaveLength(1);
    expect(exact[0]).toMatchObject({ eventType: 'page_view', count: 30_000, estimated: false });
    expect(estimated[0]).toMatchObject({ eventType: 'page_view', count: 30_000, estimated: true });
    within(estimated[0]?.uniqueUsers ?? 0, exact[0]?.uniqueUsers ?? 0, 0.03);
  });

  it('eventCounts EXACT over whole days (visitor bitmaps) equals DuckDB, and so does an unaligned range (SQL)', async () => {
    const c = await t.writer.connect();
    const exactOver = async (startMs: number, endMs: number) =>
      Number(
        (
          await c.runAndReadAll(
            `SELECT count(DISTINCT coalesce(user_id, session_id)) FROM '${join(t.dir, 'a.parquet')}'
             WHERE "timestamp" >= make_timestamptz(${startMs * 1000}::BIGINT) AND "timestamp" < make_timestamptz(${endMs * 1000}::BIGINT)`,
          )
        ).getRows()[0]?.[0],
      );
    const days = await dashboard.eventCounts(range, ['page_view'], {}, 'EXACT');
    expect(days[0]).toMatchObject({ count: 30_000, estimated: false });
    expect(days[0]?.uniqueUsers).toBe(await exactOver(range.startMs, range.endMs));
    const oneDay = await dashboard.eventCounts(
      { startMs: day0 + 86_400_000, endMs: day0 + 2 * 86_400_000 },
      null,
      {},
      'EXACT',
    );
    expect(oneDay[0]?.uniqueUsers).toBe(await exactOver(day0 + 86_400_000, day0 + 2 * 86_400_000));
    const unaligned = { startMs: day0 + 3_600_000, endMs: day0 + 30 * 3_600_000 };
    const sql = await dashboard.eventCounts(unaligned, ['page_view'], {}, 'EXACT');
    expect(sql[0]?.uniqueUsers).toBe(await exactOver(unaligned.startMs, unaligned.endMs));
  });

  it('traffic by day: rollup answers agree with exact SQL', async () => {
    const exact = await dashboard.traffic(range, 'DAY', {}, 'EXACT');
    const est = await dashboard.traffic(range, 'DAY', {}, 'ESTIMATED');
    expect(est.points.map((p) => p.pageviews)).toEqual(exact.points.map((p) => p.pageviews));
    expect(exact.points).toHaveLength(3);
    expect(exact.totalPageviews).toBe(30_000);
    within(est.totalVisitors, exact.totalVisitors, 0.03);
    within(est.totalSessions, exact.totalSessions, 0.03);
  });

  it('topPages and breakdowns: same ranking and counts either way', async () => {
    const exact = await dashboard.topPages(range, {}, 5, 'EXACT');
    const est = await dashboard.topPages(range, {}, 5, 'ESTIMATED');
    expect(est.map((p) => [p.pageUrl, p.pageviews, p.pageTitle])).toEqual(
      exact.map((p) => [p.pageUrl, p.pageviews, p.pageTitle]),
    );
    for (let i = 0; i < exact.length; i++) within(est[i]?.visitors ?? 0, exact[i]?.visitors ?? 0, 0.05);
    const countries = await dashboard.breakdown('COUNTRY', range, {}, 2, 'EXACT');
    const countriesEst = await dashboard.breakdown('COUNTRY', range, {}, 2, 'ESTIMATED');
    expect(countries.rows.map((r) => r.pageviews)).toEqual([7_500, 7_500]);
    expect(countries.otherPageviews).toBe(15_000);
    expect(countriesEst.rows.map((r) => [r.value, r.pageviews])).toEqual(
      countries.rows.map((r) => [r.value, r.pageviews]),
    );
    expect(countriesEst.otherPageviews).toBe(15_000);
  });

  it('filters fall back to exact SQL', async () => {
    const r = await dashboard.eventCounts(range, null, { projectId: 'nope' }, 'ESTIMATED');
    expect(r).toEqual([]);
  });

  it('realtime adds buffered events not yet committed, counted once', async () => {
    const now = day0 + 3_600_000 + 30_000; // 01:00:30 on day 0
    const committed = await dashboard.realtime(now, 30, {}, [], 5);
    const c = await t.writer.connect();
    const window = `"timestamp" >= make_timestamptz(${(day0 + 3_600_000 + 60_000 - 30 * 60_000) * 1000}::BIGINT)
      AND "timestamp" < make_timestamptz(${(day0 + 3_600_000 + 60_000) * 1000}::BIGINT)`;
    const [[n, visitors, firstId]] = (
      await c.runAndReadAll(
        `SELECT count(*)::INTEGER, count(DISTINCT coalesce(user_id, session_id))::INTEGER, min(event_id) FROM '${join(t.dir, 'a.parquet')}' WHERE ${window}`,
      )
    ).getRows() as [[number, number, string]];
    expect(committed.pageviews).toBe(n);
    expect(committed.visitors).toBe(visitors);
    expect(committed.bufferedEvents).toBe(0);
    const buffered = [
      // Already committed (flushed while we looked): must not count twice.
      {
        event_id: firstId,
        ms: now - 1_000,
        event_type: 'page_view',
        session_id: 'x',
        page_url: 'https://rawkode.academy/new',
      },
      {
        event_id: 'b-1',
        ms: now - 1_000,
        event_type: 'page_view',
        session_id: 'new-visitor',
        page_url: 'https://rawkode.academy/new',
      },
      {
        event_id: 'b-2',
        ms: now - 2 * 3_600_000,
        event_type: 'page_view',
        session_id: 'old',
        page_url: 'https://rawkode.academy/old',
      },
    ];
    const live = await dashboard.realtime(now, 30, {}, buffered, 100);
    expect(live.pageviews).toBe(n + 1);
    expect(live.bufferedEvents).toBe(1);
    expect(live.visitors).toBe(visitors + 1);
    expect(live.topPages.find((p) => p.pageUrl === 'https://rawkode.academy/new')?.pageviews).toBe(1);
    expect(live.perMinute).toHaveLength(30);
  });
});
