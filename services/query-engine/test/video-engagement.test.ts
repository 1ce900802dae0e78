import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dashboard, type TimeRange } from '../src/dashboard.ts';
import { loadRollups, saveRollups } from '../src/rollup-file.ts';
import { Rollups, type TableRollups } from '../src/rollups.ts';
import { type TestEngine, testEngine } from './helpers/engine.ts';
import { videoEventColumns, writeVideoEvents } from './helpers/video-events.ts';

// videoEngagement from the video rollups (the default, uniques ESTIMATED) against DuckDB's
// exact answer over the same files: plays, completions, errors and watch time equal, viewers
// within the sketch's error, over ranges that cut through plays spanning hours, days and commits.
const table = { namespace: ['default'], name: 'video_events' };
const HOUR = 3_600_000;
const DAY = 86_400_000;
const day0 = Date.UTC(2024, 0, 1);
const files: string[] = [];
let t: TestEngine;
let dashboard: Dashboard;

async function commit(snapshotId: bigint, file: string, seed: number, startMs: number, spanMs: number) {
  const w = await t.writer.connect();
  const path = join(t.dir, file);
  await writeVideoEvents(w, path, { plays: 1_500, startMs, spanMs, sessions: 150, videos: 12, seed });
  files.push(path);
  t.source.append(table, {
    snapshotId,
    timestampMs: startMs + spanMs,
    columns: videoEventColumns,
    files: [{ uri: path, recordCount: 7_500n, sizeInBytes: 1n }],
  });
  await t.engine.refresh();
}

interface Expected {
  videoId: string | null;
  plays: number;
  completions: number;
  errors: number;
  viewers: number;
  averageWatchTimeSeconds: number;
}

/** DuckDB over the committed files directly: totals, then every video by plays. */
async function exact(range: TimeRange, videoIds?: readonly string[]): Promise<Expected[]> {
  const c = await t.writer.connect();
  const ids = videoIds ? ` AND video_id IN (${videoIds.map((v) => `'${v}'`).join(', ')})` : '';
  const rows = (
    await c.runAndReadAll(`
      WITH v AS (
        SELECT * FROM read_parquet([${files.map((f) => `'${f}'`).join(', ')}])
        WHERE "timestamp" >= make_timestamptz(${range.startMs * 1000}::BIGINT)
          AND "timestamp" < make_timestamptz(${range.endMs * 1000}::BIGINT) AND NOT is_bot${ids}),
      pairs AS (SELECT video_id, session_id, max(position) AS furthest FROM v GROUP BY ALL),
      s AS (
        SELECT video_id, count(*) FILTER (WHERE action = 'play')::INTEGER AS plays,
          count(*) FILTER (WHERE action = 'complete')::INTEGER AS completions,
          count(*) FILTER (WHERE action = 'error')::INTEGER AS errors,
          count(DISTINCT coalesce(user_id, session_id))::INTEGER AS viewers
        FROM v GROUP BY GROUPING SETS ((), (video_id)))
      SELECT s.*, coalesce(CASE WHEN s.video_id IS NULL THEN (SELECT sum(furthest) FROM pairs)
                      ELSE (SELECT sum(furthest) FROM pairs p WHERE p.video_id = s.video_id) END, 0) AS watched
      FROM s ORDER BY s.video_id IS NOT NULL, s.plays DESC, s.video_id`)
  ).getRowObjectsJS();
  return rows.map((r) => ({
    videoId: (r.video_id as string | null) ?? null,
    plays: Number(r.plays),
    completions: Number(r.completions),
    errors: Number(r.errors),
    viewers: Number(r.viewers),
    averageWatchTimeSeconds: Number(r.plays) > 0 ? Number(r.watched) / Number(r.plays) : 0,
  }));
}

type Stats = Awaited<ReturnType<Dashboard['videoEngagement']>>['totals'];

/** Exact parts equal, watch time to 1e-9, viewers within `tolerance`. */
function expectMatches(actual: Stats, expected: Expected | undefined, tolerance: number): void {
  expect(expected).toBeDefined();
  const e = expected as Expected;
  expect([actual.videoId, actual.plays, actual.completions, actual.errors]).toEqual([
    e.videoId,
    e.plays,
    e.completions,
    e.errors,
  ]);
  expect(actual.completionRate).toBeCloseTo(e.plays > 0 ? e.completions / e.plays : 0, 12);
  expect(Math.abs(actual.averageWatchTimeSeconds - e.averageWatchTimeSeconds)).toBeLessThanOrEqual(
    1e-9 * Math.max(1, e.averageWatchTimeSeconds),
  );
  expect(Math.abs(actual.uniqueViewers - e.viewers)).toBeLessThanOrEqual(Math.max(1, tolerance * e.viewers));
}

async function expectRollupsMatch(range: TimeRange, limit = 10): Promise<void> {
  const got = await dashboard.videoEngagement(range, {}, null, limit, 'ESTIMATED');
  const [totals, ...videos] = await exact(range);
  expect(got.totals.estimated).toBe(true);
  expectMatches(got.totals, totals, 0.03);
  expect(got.videos.map((v) => v.videoId)).toEqual(videos.slice(0, limit).map((v) => v.videoId));
  got.videos.forEach((v, i) => {
    expectMatches(v, videos[i], 0.05);
  });
}

/** Hour-aligned ranges: whole days, partial days, single hours, all cutting through plays. */
const ranges: TimeRange[] = [
  { startMs: day0, endMs: day0 + 3 * DAY },
  { startMs: day0 + DAY, endMs: day0 + 2 * DAY },
  { startMs: day0 + 5 * HOUR, endMs: day0 + DAY + 7 * HOUR },
  { startMs: day0 + 13 * HOUR, endMs: day0 + 14 * HOUR },
  { startMs: day0 + 23 * HOUR, endMs: day0 + 2 * DAY + HOUR },
];

beforeAll(async () => {
  t = await testEngine();
  t.source.createTable(table, 's3://analytics-source/events/video_events');
  dashboard = new Dashboard(t.engine);
});
afterAll(() => t.close());

describe('videoEngagement from rollups', () => {
  it('equals exact SQL for plays, completions, errors and watch time after one commit, viewers within the sketch error', async () => {
    await commit(1n, 'a.parquet', 1, day0, 2 * DAY);
    for (const range of ranges) await expectRollupsMatch(range);
    // Plays that ran over into other hours are tracked pair by pair.
    expect(t.engine.rollups.get('default.video_events')?.video.pairStats.spanning).toBeGreaterThan(100);
  });

  it('stays exact when a later commit continues (session, video) pairs of an earlier one', async () => {
    // Overlaps the first commit's last day: the same sessions watch the same videos again.
    await commit(2n, 'b.parquet', 2, day0 + DAY + 5 * HOUR, 2 * DAY);
    for (const range of ranges) await expectRollupsMatch(range);
    await expectRollupsMatch(ranges[0] as TimeRange, 3);
  });

  it('videoIds: the listed videos only, totals over them', async () => {
    const range = ranges[2] as TimeRange;
    const ids = ['video-1', 'video-4', 'no-such-video'];
    const got = await dashboard.videoEngagement(range, {}, ids, 10, 'ESTIMATED');
    const [totals, ...videos] = await exact(range, ids);
    expectMatches(got.totals, totals, 0.03);
    expect(got.videos.map((v) => v.videoId)).toEqual(videos.map((v) => v.videoId));
    expect(got.videos).toHaveLength(2);
    const none = await dashboard.videoEngagement(range, {}, [], 10, 'ESTIMATED');
    expect(none).toEqual({
      totals: {
        videoId: null,
        plays: 0,
        completions: 0,
        completionRate: 0,
        averageWatchTimeSeconds: 0,
        uniqueViewers: 0,
        errors: 0,
        estimated: true,
      },
      videos: [],
    });
  });

  it('EXACT scans raw events: exact viewers, and the totals take the furthest position per (session, video)', async () => {
    for (const range of [ranges[0], ranges[2]] as TimeRange[]) {
      const got = await dashboard.videoEngagement(range, {}, null, 5, 'EXACT');
      const [totals, ...videos] = await exact(range);
      expect(got.totals.estimated).toBe(false);
      expectMatches(got.totals, totals, 0);
      got.videos.forEach((v, i) => {
        expectMatches(v, videos[i], 0);
      });
    }
  });

  it('a range not on whole hours falls back to SQL with the same counts', async () => {
    const range = { startMs: day0 + 5 * HOUR + 17 * 60_000, endMs: day0 + DAY + 7 * HOUR - 60_000 };
    const got = await dashboard.videoEngagement(range, {}, null, 10, 'ESTIMATED');
    const [totals] = await exact(range);
    // DuckDB's approx_count_distinct is coarser than our sketches.
    expectMatches(got.totals, totals, 0.15);
  });

  it('saved and loaded, the rollups answer the same', async () => {
    const live = t.engine.rollups.get('default.video_events') as TableRollups;
    await saveRollups(t.dir, 'default.video_events', 2n, live);
    const loaded = await loadRollups(t.dir, 'default.video_events');
    expect(loaded).toBeDefined();
    const before = new Rollups();
    before.set('default.video_events', live);
    const after = new Rollups();
    after.set('default.video_events', (loaded as { rollups: TableRollups }).rollups);
    for (const range of ranges) {
      const [from, to] = [range.startMs / HOUR, range.endMs / HOUR];
      for (const video of [null, ...before.videoValues()]) {
        const a = before.videoRange(video, from, to);
        const b = after.videoRange(video, from, to);
        expect({ ...b, viewers: b.viewers.estimate() }).toEqual({ ...a, viewers: a.viewers.estimate() });
      }
    }
  });
});
