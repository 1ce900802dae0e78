/**
 * The dbt project (dbt/) against the whole local stack: a known set of page
 * views and video events over three UTC days goes in through POST /events;
 * `dbt build`, an incremental `dbt run` after a second batch, and
 * `dbt run --full-refresh` must each leave the processed Iceberg tables
 * (namespace `processed`, bucket analytics-processed) holding what plain
 * arithmetic over the sent events gives. The tables are read back with
 * PyIceberg (tests/e2e/python/dbt_processed.py), not through dbt or DuckDB.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, type StackHandle, startTestStack } from '../helpers/stack.ts';
import { CATALOG_CREDENTIAL, INGEST_KEY, postEvents, waitForTables } from './collector-helpers.ts';

// ---------------------------------------------------------------------------
// The events: fixed ids and timestamps over 2026-03-01..03 (UTC), three
// signed-in users (u1, u2, u3) and anonymous sessions.

interface PageView {
  event_type: 'page_view';
  event_id: string;
  timestamp: string;
  session_id: string;
  user_id?: string;
  page_url: string;
  page_title: string;
  project_id: string;
  environment: string;
  version: string;
}

interface VideoEvent {
  event_type: 'video_event';
  event_id: string;
  timestamp: string;
  session_id: string;
  user_id?: string;
  video_id: string;
  action: 'play' | 'pause' | 'seek' | 'complete' | 'error';
  position: number;
  duration: number;
  playback_rate: number;
  project_id: string;
  environment: string;
  version: string;
}

const BASE = { project_id: 'rawkode-academy', environment: 'production', version: '1' };
let serial = 0;
const id = (kind: number) => `d0000000-0000-4000-8000-${String(kind * 1000 + ++serial).padStart(12, '0')}`;

function view(timestamp: string, session_id: string, user_id: string | undefined, path: string): PageView {
  return {
    event_type: 'page_view',
    event_id: id(1),
    timestamp,
    session_id,
    ...(user_id ? { user_id } : {}),
    page_url: `https://rawkode.academy${path}`,
    page_title: `Rawkode Academy ${path}`,
    ...BASE,
  };
}

function video(
  timestamp: string,
  session_id: string,
  user_id: string | undefined,
  video_id: string,
  action: VideoEvent['action'],
  position: number,
  duration: number,
): VideoEvent {
  return {
    event_type: 'video_event',
    event_id: id(2),
    timestamp,
    session_id,
    ...(user_id ? { user_id } : {}),
    video_id,
    action,
    position,
    duration,
    playback_rate: 1,
    ...BASE,
  };
}

const PV1 = view('2026-03-01T10:00:00Z', 's1', 'u1', '/');
const BATCH_A = {
  pageViews: [
    PV1,
    view('2026-03-01T10:05:00Z', 's1', 'u1', '/docs'),
    view('2026-03-01T11:00:00Z', 's2', undefined, '/'),
    view('2026-03-01T23:59:59Z', 's3', 'u2', '/'),
    view('2026-03-02T00:00:01Z', 's4', 'u1', '/pricing'),
    view('2026-03-02T09:00:00Z', 's5', 'u3', '/'),
    view('2026-03-02T09:30:00Z', 's6', undefined, '/docs'),
    view('2026-03-02T09:31:00Z', 's6', undefined, '/docs'),
  ],
  videoEvents: [
    video('2026-03-01T10:10:00Z', 's1', 'u1', 'v1', 'play', 0, 600),
    video('2026-03-01T10:12:00Z', 's1', 'u1', 'v1', 'pause', 120, 600),
    video('2026-03-01T10:13:00Z', 's1', 'u1', 'v1', 'play', 120, 600),
    video('2026-03-01T10:21:00Z', 's1', 'u1', 'v1', 'complete', 600, 600),
    video('2026-03-01T11:01:00Z', 's2', undefined, 'v1', 'play', 0, 600),
    video('2026-03-01T11:06:00Z', 's2', undefined, 'v1', 'pause', 300, 600),
    video('2026-03-02T09:01:00Z', 's5', 'u3', 'v1', 'play', 0, 600),
    video('2026-03-02T09:02:00Z', 's5', 'u3', 'v1', 'seek', 400, 600),
    video('2026-03-02T09:05:00Z', 's5', 'u3', 'v1', 'complete', 600, 600),
    video('2026-03-02T00:01:00Z', 's4', 'u1', 'v2', 'play', 0, 1200),
    video('2026-03-02T00:04:20Z', 's4', 'u1', 'v2', 'pause', 200, 1200),
  ],
};
/** Sent with a crawler's User-Agent: kept (flagged) in fact_page_views, left out of every count. */
const BOT_VIEW = view('2026-03-02T12:00:00Z', 's10', undefined, '/');
const BATCH_B = {
  pageViews: [
    view('2026-03-03T12:00:00Z', 's7', 'u2', '/'),
    view('2026-03-03T12:30:00Z', 's8', undefined, '/blog'),
    // Late: happened on day 1, arrives with day 3.
    view('2026-03-01T15:00:00Z', 's9', undefined, '/'),
  ],
  videoEvents: [
    video('2026-03-03T12:01:00Z', 's7', 'u2', 'v2', 'play', 0, 1200),
    video('2026-03-03T12:21:00Z', 's7', 'u2', 'v2', 'complete', 1200, 1200),
  ],
};

interface Expected {
  daily: Record<string, unknown>[];
  video: Record<string, unknown>[];
  users: string[];
  userCounts: unknown[][];
  pageViewIds: string[];
  contentIds: string[];
}

const day = (timestamp: string) => timestamp.slice(0, 10);
const distinct = <T>(xs: T[]) => [...new Set(xs)];
const visitor = (e: { user_id?: string; session_id: string }) => e.user_id ?? `session:${e.session_id}`;

/** What the marts must hold, by plain arithmetic over the events sent (bots = BOT_VIEW). */
function expectedOutputs(pageViews: PageView[], videoEvents: VideoEvent[]): Expected {
  const human = pageViews.filter((e) => e !== BOT_VIEW);
  const days = distinct([
    ...human.map((e) => day(e.timestamp)),
    ...videoEvents.map((e) => day(e.timestamp)),
  ]).sort();
  const daily = days.map((d) => {
    const views = human.filter((e) => day(e.timestamp) === d);
    const counts = new Map<string, number>();
    for (const e of views) counts.set(e.page_url, (counts.get(e.page_url) ?? 0) + 1);
    const top = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
    return {
      metric_date: d,
      pageviews: views.length,
      visitors: distinct(views.map(visitor)).length,
      sessions: distinct(views.map((e) => e.session_id)).length,
      video_plays: videoEvents.filter((e) => day(e.timestamp) === d && e.action === 'play').length,
      top_page_url: top,
    };
  });
  const keys = distinct(videoEvents.map((e) => `${e.video_id}|${day(e.timestamp)}`)).sort();
  const videoRows = keys.map((key) => {
    const [videoId, d] = key.split('|');
    const events = videoEvents.filter((e) => e.video_id === videoId && day(e.timestamp) === d);
    const viewings = distinct(events.map((e) => e.session_id)).map((s) =>
      events.filter((e) => e.session_id === s),
    );
    const watched = viewings.map((v) =>
      Math.min(Math.max(...v.map((e) => e.position)), Math.max(...v.map((e) => e.duration))),
    );
    const completed = viewings.filter((v) => v.some((e) => e.action === 'complete')).length;
    return {
      video_id: videoId,
      event_date: d,
      plays: events.filter((e) => e.action === 'play').length,
      completions: events.filter((e) => e.action === 'complete').length,
      viewings: viewings.length,
      completion_rate: completed / viewings.length,
      avg_watch_seconds: watched.reduce((a, b) => a + b, 0) / watched.length,
    };
  });
  const users = distinct(
    [...pageViews, ...videoEvents].map((e) => e.user_id).filter((u): u is string => u !== undefined),
  ).sort();
  return {
    daily,
    video: videoRows,
    users,
    userCounts: users
      .map((u) => [
        u,
        human.filter((e) => e.user_id === u).length,
        videoEvents.filter((e) => e.user_id === u).length,
      ])
      .sort(),
    pageViewIds: distinct(pageViews.map((e) => e.event_id)).sort(),
    contentIds: distinct([
      ...pageViews.map((e) => `page:${e.page_url}`),
      ...videoEvents.map((e) => `video:${e.video_id}`),
    ]).sort(),
  };
}

const run = promisify(execFile);
const BROWSER_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const BOT_UA = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

interface TableDump {
  location: string;
  uuid: string;
  operations: string[];
  delete_files: number;
  partition_fields: string[];
  rows: Record<string, unknown>[];
}
type Processed = { tables: string[] } & Record<
  'fact_page_views' | 'fact_video_engagement' | 'dim_users' | 'dim_content' | 'agg_daily_metrics',
  TableDump
>;

let stack: StackHandle;
let work: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'dbt-e2e-'));
  stack = await startTestStack({ vars: { ANALYTICS_API_KEY: INGEST_KEY, FLUSH_INTERVAL_MS: '1000' } });
});

afterAll(async () => {
  await stack?.dispose();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Runs the venv's dbt in dbt/ against the stack; target, logs and the DuckDB file go to a temp folder. */
async function dbt(...args: string[]): Promise<string> {
  const { stdout } = await run(join(repoRoot, '.venv', 'bin', 'dbt'), [...args, '--no-use-colors'], {
    cwd: join(repoRoot, 'dbt'),
    timeout: 180_000,
    maxBuffer: 16 * 1024 * 1024,
    env: {
      ...process.env,
      CATALOG_URL: stack.url,
      CATALOG_CREDENTIAL,
      DBT_DUCKDB_PATH: join(work, 'analytics.duckdb'),
      DBT_TARGET_PATH: join(work, 'target'),
      DBT_LOG_PATH: join(work, 'logs'),
      DO_NOT_TRACK: '1',
    },
  }).catch((err: { stdout?: string; stderr?: string; message: string }) => {
    throw new Error(`dbt ${args.join(' ')} failed: ${err.message}\n${(err.stdout ?? '').slice(-6000)}`);
  });
  return stdout;
}

async function readProcessed(): Promise<Processed> {
  const script = join(repoRoot, 'tests', 'e2e', 'python', 'dbt_processed.py');
  const { stdout } = await run(
    join(repoRoot, '.venv', 'bin', 'python'),
    [script, stack.url, CATALOG_CREDENTIAL],
    {
      timeout: 120_000,
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as Processed;
}

/** Sends events with a browser User-Agent (or the bot's), then waits until the raw tables hold them all. */
async function ingest(pageViews: PageView[], videoEvents: VideoEvent[], bot: PageView[] = []): Promise<void> {
  const send = async (events: object[], ua: string) => {
    if (events.length === 0) return;
    const res = await postEvents(stack.url, { events }, { 'user-agent': ua });
    expect(res.status).toBe(202);
  };
  await send([...pageViews, ...videoEvents], BROWSER_UA);
  await send(bot, BOT_UA);
  // Ask for a flush now; the 1 s flush interval the stack runs with gets there anyway
  // (the operator route may answer 404 while the health Worker binds the collector's
  // default entrypoint, which does not serve /ops/flush).
  await fetch(`${stack.url}/ops/flush`, {
    method: 'POST',
    headers: { authorization: 'Bearer dev-operator-token' },
  }).then((r) => r.arrayBuffer());
  const want = {
    page_views: [...pageViews, ...bot].map((e) => e.event_id),
    video_events: videoEvents.map((e) => e.event_id),
  };
  const report = await waitForTables(
    stack.url,
    ['page_views', 'video_events'],
    (r) =>
      want.page_views.every((id) => r.page_views?.event_ids.includes(id)) &&
      want.video_events.every((id) => r.video_events?.event_ids.includes(id)),
    60_000,
  );
  expect(report.page_views?.event_ids).toEqual(expect.arrayContaining(want.page_views));
  if (want.video_events.length > 0)
    expect(report.video_events?.event_ids).toEqual(expect.arrayContaining(want.video_events));
}

/** The processed tables hold exactly what the arithmetic over the sent events gives. */
function expectOutputs(processed: Processed, expected: Expected): void {
  const byKeys =
    (...keys: string[]) =>
    (a: Record<string, unknown>, b: Record<string, unknown>) =>
      keys.map((k) => String(a[k]).localeCompare(String(b[k]))).find((c) => c !== 0) ?? 0;
  const agg = [...processed.agg_daily_metrics.rows].sort(byKeys('metric_date')).map((r) => ({
    metric_date: r.metric_date,
    pageviews: r.pageviews,
    visitors: r.visitors,
    sessions: r.sessions,
    video_plays: r.video_plays,
    top_page_url: r.top_page_url,
  }));
  expect(agg).toEqual(expected.daily);
  const video = [...processed.fact_video_engagement.rows].sort(byKeys('video_id', 'event_date')).map((r) => ({
    video_id: r.video_id,
    event_date: r.event_date,
    plays: r.plays,
    completions: r.completions,
    viewings: r.viewings,
    completion_rate: r.completion_rate,
    avg_watch_seconds: r.avg_watch_seconds,
  }));
  expect(video).toEqual(expected.video);
  expect(processed.dim_users.rows.map((r) => r.user_id).sort()).toEqual(expected.users);
  expect(processed.dim_users.rows.map((r) => [r.user_id, r.page_views, r.video_events]).sort()).toEqual(
    expected.userCounts,
  );
  const facts = processed.fact_page_views.rows;
  expect(facts.map((r) => r.event_id).sort()).toEqual(expected.pageViewIds);
  expect(facts.filter((r) => r.is_bot).map((r) => r.event_id)).toEqual([BOT_VIEW.event_id]);
  expect(processed.dim_content.rows.map((r) => r.content_id).sort()).toEqual(expected.contentIds);
}

function expectLayout(processed: Processed): void {
  expect(processed.tables).toEqual(
    expect.arrayContaining([
      'agg_daily_metrics',
      'dim_content',
      'dim_users',
      'fact_page_views',
      'fact_video_engagement',
    ]),
  );
  expect(processed.fact_page_views.location).toBe('s3://analytics-processed/facts/fact_page_views');
  expect(processed.fact_video_engagement.location).toBe(
    's3://analytics-processed/facts/fact_video_engagement',
  );
  expect(processed.dim_users.location).toBe('s3://analytics-processed/dimensions/dim_users');
  expect(processed.dim_content.location).toBe('s3://analytics-processed/dimensions/dim_content');
  expect(processed.agg_daily_metrics.location).toBe('s3://analytics-processed/aggregates/agg_daily_metrics');
  expect(processed.fact_page_views.partition_fields).toEqual(['day:viewed_at']);
  // Plain data files only: the query engine refuses merge-on-read delete files.
  for (const name of [
    'fact_page_views',
    'fact_video_engagement',
    'dim_users',
    'dim_content',
    'agg_daily_metrics',
  ] as const)
    expect(processed[name].delete_files, name).toBe(0);
}

describe('dbt project on the local stack', () => {
  let first: Processed;
  let incremental: Processed;

  it('dbt build turns the first page views into facts, dimensions and aggregates before any video event exists', async () => {
    // No video event yet, so no video_events table: stg_video_events stands in an empty relation.
    await ingest(BATCH_A.pageViews, [], [BOT_VIEW]);
    const out = await dbt('build');
    expect(out).toMatch(/Completed successfully/);
    expect(out).toMatch(/ERROR=0/);
    first = await readProcessed();
    expectLayout(first);
    expectOutputs(first, expectedOutputs([...BATCH_A.pageViews, BOT_VIEW], []));
    expect(first.fact_video_engagement.rows).toEqual([]);
  }, 240_000);

  it('an incremental dbt run appends the next events (a late one, a resend) and adds the video events', async () => {
    // PV1 again: the collector answers "duplicate" and stores it once.
    await ingest([...BATCH_B.pageViews, PV1], [...BATCH_A.videoEvents, ...BATCH_B.videoEvents]);
    await dbt('run');
    incremental = await readProcessed();
    expectLayout(incremental);
    const all = [...BATCH_A.pageViews, BOT_VIEW, ...BATCH_B.pageViews];
    expectOutputs(incremental, expectedOutputs(all, [...BATCH_A.videoEvents, ...BATCH_B.videoEvents]));
    // Same table, one more append snapshot; the table models overwrite in place.
    expect(incremental.fact_page_views.uuid).toBe(first.fact_page_views.uuid);
    expect(incremental.fact_page_views.operations).toEqual(['append', 'append']);
    expect(incremental.agg_daily_metrics.uuid).toBe(first.agg_daily_metrics.uuid);
    expect(incremental.agg_daily_metrics.operations).toEqual(['append', 'delete', 'append']);
  }, 240_000);

  it('dbt run --full-refresh rebuilds every table from raw with the same results', async () => {
    await dbt('run', '--full-refresh');
    const rebuilt = await readProcessed();
    expectLayout(rebuilt);
    for (const name of [
      'fact_page_views',
      'fact_video_engagement',
      'dim_users',
      'dim_content',
      'agg_daily_metrics',
    ] as const) {
      expect(rebuilt[name].rows, name).toEqual(incremental[name].rows);
      expect(rebuilt[name].uuid, name).not.toBe(incremental[name].uuid);
      expect(rebuilt[name].operations, name).toEqual(['append']);
    }
  }, 240_000);
});
