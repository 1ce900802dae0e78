import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BufferedEvent, Dashboard, type EventFilter } from '../src/dashboard.ts';
import { type TestEngine, testEngine } from './helpers/engine.ts';
import { pageViewColumns, writePageViews } from './helpers/page-views.ts';
import { videoEventColumns, writeVideoEvents } from './helpers/video-events.ts';

// realtime against DuckDB's answer over the same files plus the buffered events, both when the
// engine's recent events (kept per commit) cover the window and when it must read the table.
const pages = { namespace: ['default'], name: 'page_views' };
const videos = { namespace: ['default'], name: 'video_events' };
const MINUTE = 60_000;
const HOUR = 3_600_000;
const t0 = Date.UTC(2024, 0, 1);
const pageFiles: string[] = [];
const videoFiles: string[] = [];
let t: TestEngine;
let dashboard: Dashboard;

async function commitPages(snapshotId: bigint, file: string, seed: number, startMs: number, spanMs: number) {
  const path = join(t.dir, file);
  await writePageViews(await t.writer.connect(), path, {
    count: Math.round(spanMs / 3_000),
    startMs,
    spanMs,
    users: 400,
    seed,
  });
  pageFiles.push(path);
  t.source.append(pages, {
    snapshotId,
    timestampMs: startMs + spanMs,
    columns: pageViewColumns,
    files: [{ uri: path, recordCount: 1n, sizeInBytes: 1n }],
  });
}

/** DuckDB over the files and the buffered events: what realtime must answer. */
async function expected(nowMs: number, minutes: number, filter: EventFilter, buffered: BufferedEvent[]) {
  const endMs = Math.floor(nowMs / MINUTE) * MINUTE + MINUTE;
  const startMs = endMs - minutes * MINUTE;
  const c = await t.writer.connect();
  const s = (v: string | null | undefined) => (v == null ? 'NULL' : `'${v}'`);
  const list = (f: string[]) => `[${f.map((x) => `'${x}'`).join(', ')}]`;
  const win = `"timestamp" >= make_timestamptz(${startMs * 1000}::BIGINT) AND "timestamp" < make_timestamptz(${endMs * 1000}::BIGINT)`;
  const conditions = [
    filter.projectId ? `project_id = '${filter.projectId}'` : 'true',
    filter.environment ? `environment = '${filter.environment}'` : 'true',
    filter.pathPrefix
      ? `(starts_with(page_url, '${filter.pathPrefix}') OR starts_with(regexp_extract(page_url, '^[a-z]+://[^/]+(/.*)?$', 1), '${filter.pathPrefix}'))`
      : 'true',
  ].join(' AND ');
  const values = buffered.map(
    (e) =>
      `(${s(e.event_id)}, ${e.ms}::BIGINT, ${s(e.event_type)}, ${s(e.user_id)}, ${s(e.session_id)}, ${s(e.project_id)}, ${s(e.environment)}, ${s(e.page_url)}, ${s(e.page_title)}, ${e.time_on_page ?? 'NULL'}::DOUBLE)`,
  );
  const sql = `
    WITH c AS (
      SELECT event_id, epoch_ms("timestamp") AS ms, event_type, user_id, session_id, project_id, environment,
        page_url, page_title, time_on_page FROM read_parquet(${list(pageFiles)}) WHERE ${win}
      UNION ALL
      SELECT event_id, epoch_ms("timestamp"), event_type, user_id, session_id, project_id, environment,
        NULL, NULL, NULL FROM read_parquet(${list(videoFiles)}) WHERE ${win} AND NOT is_bot),
    b AS (SELECT * FROM (VALUES ${values.length > 0 ? values.join(', ') : "('', 0::BIGINT, '', NULL, NULL, NULL, NULL, NULL, NULL, NULL::DOUBLE)"})
            AS b(event_id, ms, event_type, user_id, session_id, project_id, environment, page_url, page_title, time_on_page)
          WHERE ${values.length > 0 ? 'true' : 'false'} AND ms >= ${startMs} AND ms < ${endMs}
            AND event_id NOT IN (SELECT event_id FROM c)),
    e AS (SELECT *, coalesce(user_id, session_id) AS visitor, ms // ${MINUTE} * ${MINUTE} AS minute, 1 AS committed FROM c WHERE ${conditions}
          UNION ALL SELECT *, coalesce(user_id, session_id), ms // ${MINUTE} * ${MINUTE}, 0 FROM b WHERE ${conditions}),
    v AS (SELECT * FROM e WHERE event_type = 'page_view')
    SELECT
      (SELECT count(*)::INTEGER FROM v) AS pageviews,
      (SELECT count(DISTINCT visitor)::INTEGER FROM v) AS visitors,
      (SELECT count(*)::INTEGER FROM e) AS events,
      (SELECT count(*)::INTEGER FROM e WHERE committed = 0) AS buffered,
      (SELECT list({'m': minute, 'p': n, 'v': vis, 's': ses} ORDER BY minute) FROM (
         SELECT minute, count(*)::INTEGER AS n, count(DISTINCT visitor)::INTEGER AS vis,
           count(DISTINCT session_id)::INTEGER AS ses FROM v GROUP BY minute)) AS minutes,
      (SELECT list({'url': page_url, 'title': title, 'n': n, 'v': vis, 't': t} ORDER BY n DESC, page_url) FROM (
         SELECT page_url, arg_max(page_title, ms) AS title, count(*)::INTEGER AS n,
           count(DISTINCT visitor)::INTEGER AS vis, avg(time_on_page) AS t
         FROM v WHERE page_url IS NOT NULL GROUP BY page_url)) AS pages`;
  const [row] = (await c.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
  const r = row as {
    pageviews: number;
    visitors: number;
    events: number;
    buffered: number;
    minutes: { m: bigint; p: number; v: number; s: number }[] | null;
    pages: { url: string; title: string | null; n: number; v: number; t: number | null }[] | null;
  };
  const byMinute = new Map((r.minutes ?? []).map((x) => [Number(x.m), x]));
  return {
    windowStart: new Date(startMs).toISOString(),
    windowEnd: new Date(endMs).toISOString(),
    pageviews: r.pageviews,
    visitors: r.visitors,
    events: r.events,
    bufferedEvents: r.buffered,
    perMinute: Array.from({ length: minutes }, (_, i) => {
      const x = byMinute.get(startMs + i * MINUTE);
      return {
        bucket: new Date(startMs + i * MINUTE).toISOString(),
        pageviews: x?.p ?? 0,
        visitors: x?.v ?? 0,
        sessions: x?.s ?? 0,
      };
    }),
    topPages: (r.pages ?? []).slice(0, 100).map((p) => ({
      pageUrl: p.url,
      pageTitle: p.title,
      pageviews: p.n,
      visitors: p.v,
      averageTimeOnPage: p.t,
      estimated: false,
    })),
  };
}

/** Newest committed event time (what the recent events are kept back from). */
async function newestMs(): Promise<number> {
  const c = await t.writer.connect();
  const files = [...pageFiles, ...videoFiles].map((f) => `'${f}'`).join(', ');
  return Number(
    (
      await c.runAndReadAll(
        `SELECT epoch_ms(max("timestamp")) FROM read_parquet([${files}], union_by_name = true)`,
      )
    ).getRows()[0]?.[0],
  );
}

async function expectRealtime(
  nowMs: number,
  minutes: number,
  filter: EventFilter,
  buffered: BufferedEvent[],
) {
  const got = await dashboard.realtime(nowMs, minutes, filter, buffered, 100);
  const want = await expected(nowMs, minutes, filter, buffered);
  // Averages are sums in another order: compare them to 1e-9 and the rest exactly.
  const round = (x: typeof want) => ({
    ...x,
    topPages: x.topPages.map((p) => ({
      ...p,
      averageTimeOnPage: p.averageTimeOnPage === null ? null : Number(p.averageTimeOnPage.toFixed(9)),
    })),
  });
  expect(round(got)).toEqual(round(want));
  return got;
}

beforeAll(async () => {
  t = await testEngine();
  t.source.createTable(pages, 's3://analytics-source/events/page_views');
  t.source.createTable(videos, 's3://analytics-source/events/video_events');
  // Page views until 08:00; plays start until 07:00 and run up to about an hour and a half.
  await commitPages(1n, 'p1.parquet', 1, t0, 8 * HOUR);
  const path = join(t.dir, 'v1.parquet');
  await writeVideoEvents(await t.writer.connect(), path, {
    plays: 200,
    startMs: t0,
    spanMs: 7 * HOUR,
    sessions: 100,
    videos: 5,
    seed: 1,
  });
  videoFiles.push(path);
  t.source.append(videos, {
    snapshotId: 1n,
    timestampMs: t0 + 6 * HOUR,
    columns: videoEventColumns,
    files: [{ uri: path, recordCount: 1n, sizeInBytes: 1n }],
  });
  await t.engine.refresh();
  dashboard = new Dashboard(t.engine);
});
afterAll(() => t.close());

describe('realtime', () => {
  it('from the recent events when they cover the window: equal to DuckDB over the files', async () => {
    const now = await newestMs();
    expect(now - 30 * MINUTE).toBeGreaterThanOrEqual(t.engine.rollups.recentCoveredFromMs);
    const got = await expectRealtime(now, 60, {}, []);
    expect(got.pageviews).toBeGreaterThan(0);
    expect(got.events).toBeGreaterThan(got.pageviews);
    expect(got.perMinute.some((m) => m.sessions > 0)).toBe(true);
    await expectRealtime(now, 30, {}, []);
    await expectRealtime(now - 10 * MINUTE, 20, {}, []);
  });

  it('from SQL when the window starts before what the recent events hold: the same answers', async () => {
    const early = t0 + 2 * HOUR;
    expect(early - 30 * MINUTE).toBeLessThan(t.engine.rollups.recentCoveredFromMs);
    const got = await expectRealtime(early, 30, {}, []);
    expect(got.pageviews).toBeGreaterThan(0);
    await expectRealtime(early, 5, { pathPrefix: '/p/1' }, []);
  });

  it('filters apply to committed and buffered events alike', async () => {
    const now = await newestMs();
    const buffered: BufferedEvent[] = [
      {
        event_id: 'b-1',
        ms: now - 1_000,
        event_type: 'page_view',
        session_id: 's-new',
        project_id: 'academy',
        environment: 'production',
        page_url: 'https://rawkode.academy/p/17',
        page_title: 'Page 17 (new)',
      },
      {
        event_id: 'b-2',
        ms: now - 2_000,
        event_type: 'page_view',
        session_id: 's-other',
        project_id: 'other',
        environment: 'production',
        page_url: '/p/1',
      },
    ];
    for (const filter of [
      { projectId: 'academy' },
      { projectId: 'other' },
      { environment: 'production' },
      { pathPrefix: '/p/1' },
      { pathPrefix: 'https://rawkode.academy/p/2' },
      { pathPrefix: '/nowhere' },
    ]) {
      await expectRealtime(now, 30, filter, buffered);
    }
  });

  it('adds buffered events not yet committed, counting once those committed meanwhile', async () => {
    const now = await newestMs();
    const c = await t.writer.connect();
    const [[lastId, lastMs]] = (
      await c.runAndReadAll(
        `SELECT event_id, epoch_ms("timestamp")::DOUBLE FROM read_parquet('${pageFiles[0]}') ORDER BY "timestamp" DESC LIMIT 1`,
      )
    ).getRows() as [[string, number]];
    const buffered: BufferedEvent[] = [
      // Flushed while the API read the buffer: counts once.
      { event_id: lastId, ms: lastMs, event_type: 'page_view', session_id: 'x', page_url: '/dup' },
      {
        event_id: 'b-3',
        ms: now + 500,
        event_type: 'page_view',
        session_id: 'new-visitor',
        page_url: '/new',
      },
      { event_id: 'b-4', ms: now + 700, event_type: 'video_event', session_id: 'new-visitor' },
      { event_id: 'b-5', ms: now - 2 * HOUR, event_type: 'page_view', session_id: 'old', page_url: '/old' },
    ];
    const plain = await dashboard.realtime(now, 30, {}, [], 100);
    const got = await expectRealtime(now, 30, {}, buffered);
    expect(got.bufferedEvents).toBe(2);
    expect(got.events).toBe(plain.events + 2);
    expect(got.pageviews).toBe(plain.pageviews + 1);
    expect(got.visitors).toBe(plain.visitors + 1);
    expect(got.topPages.find((p) => p.pageUrl === '/dup')).toBeUndefined();
  });

  it('keeps up with later commits, late events included, and drops what falls out of the hour', async () => {
    const recent = () => t.engine.rollups.get('default.page_views')?.recent;
    const before = recent()?.coveredFromMs ?? 0;
    // The next hour of page views, plus a few late ones from hours ago.
    await commitPages(2n, 'p2.parquet', 2, t0 + 8 * HOUR, HOUR);
    await commitPages(3n, 'p3.parquet', 3, t0 + 5 * HOUR - 30 * MINUTE, 5 * MINUTE);
    await t.engine.refresh();
    expect(recent()?.coveredFromMs).toBeGreaterThan(before);
    // Late events older than the kept hour are not held (the table has them).
    expect(recent()?.has('e-3-0')).toBe(false);
    expect(recent()?.has('e-2-0')).toBe(true);
    const now = await newestMs();
    await expectRealtime(now, 30, {}, []);
    await expectRealtime(now, 60, {}, []);
    // Older than what is kept now: read from the table.
    await expectRealtime(t0 + 5 * HOUR, 30, {}, []);
  });
});
