/**
 * Query benchmark (issue 6, "Done when" 4): N page views and M video events
 * over D days written by the table engine (`@analytics/iceberg`) into real
 * Iceberg tables on a filesystem object store, one append commit per day and
 * table; the query engine reads them through its normal path (catalog
 * metadata → `planFiles` / manifests → data-file cache → field-id views) and
 * builds its rollups commit by commit. Each dashboard query (`traffic`,
 * `topPages`, `breakdown`, `videoEngagement`, `realtime` with buffered
 * events passed as the API passes them) and `eventCounts` runs
 * `--iterations` times as a user gets it (the SDL's default `uniques`);
 * beside it, the same question as plain SQL on DuckDB over a glob of the
 * same Parquet files (the floor), in the same run. Then the engine is
 * restarted twice: with its persisted rollups, and without them (rebuilding
 * from the tables), for the ratio.
 *
 *   npx node --experimental-transform-types bench/query/run.ts [--events 10000000] [--video-events 1500000]
 *     [--days 30] [--iterations 200] [--exact-iterations 10] [--floor-iterations 5] [--only REGEX]
 *     [--rewrite] [--no-rebuild-baseline]
 *
 * Tables are reused from an earlier run when they have the same shape (`--rewrite` forces new ones).
 * `--only` runs only the queries whose name matches (and writes no results.json).
 */
import { readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { loadParquetWasmNode } from '@analytics/iceberg/node';
import {
  type BufferedEvent,
  bufferedEventsFrom,
  Dashboard,
  openLockedDuckDB,
  QueryEngine,
} from '@analytics/query-engine';
import { DuckDBInstance } from '@duckdb/node-api';
import { FileCache } from '../../services/query-engine/src/file-cache.ts';
import { IcebergTableSource } from '../../services/query-engine/src/iceberg-table-source.ts';
import { writeCharts } from '../charts.ts';
import { DAY_MS, pageViews, START_MS } from './generate.ts';
import { EVENTS_PER_PLAY, videoEventsOfDay } from './generate-video.ts';
import {
  dataFolder,
  pageViewTable,
  replayCatalog,
  tableIsComplete,
  videoEventTable,
  type WriteResult,
  warehouse,
  writeTable,
} from './table.ts';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '10000000' },
    'video-events': { type: 'string', default: '1500000' },
    days: { type: 'string', default: '30' },
    iterations: { type: 'string', default: '200' },
    dir: { type: 'string', default: join(process.cwd(), '.cache', 'bench-query') },
    'exact-iterations': { type: 'string', default: '10' },
    // Each floor run is a full scan of every file (seconds at 10 M rows), so fewer runs.
    'floor-iterations': { type: 'string', default: '5' },
    'chunk-rows': { type: 'string', default: '100000' },
    only: { type: 'string' },
    rewrite: { type: 'boolean', default: false },
    'no-rebuild-baseline': { type: 'boolean', default: false },
  },
});
const events = Number(values.events);
const days = Number(values.days);
const iterations = Number(values.iterations);
const exactIterations = Number(values['exact-iterations']);
const floorIterations = Number(values['floor-iterations']);
const only = values.only === undefined ? undefined : new RegExp(values.only);
const dir = values.dir as string;
const log = (line: string) => console.log(line);
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const range = { startMs: START_MS, endMs: START_MS + days * DAY_MS };
const playsPerDay = Math.round(Number(values['video-events']) / days / EVENTS_PER_PLAY);
const pageTable = pageViewTable(events, days);
const videoTable = videoEventTable(playsPerDay);
const tables = [pageTable, videoTable];
const machine = `${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB (${(freemem() / 2 ** 30).toFixed(0)} free), Node ${process.version}`;
log(
  `query benchmark: ${events} page views and ${playsPerDay * days} video plays (~${EVENTS_PER_PLAY} events each) over ${days} days; ${machine}; load average ${load()}`,
);
await loadParquetWasmNode();

// 1. The tables, written by the table engine (or reused).
const writes: Record<string, WriteResult> = {};
for (const t of tables) {
  if (!values.rewrite && (await tableIsComplete(dir, t, days))) {
    log(`reusing ${t.name} written earlier under ${join(dir, 'warehouse')} (--rewrite to write it again)`);
    continue;
  }
  log(`writing ${t.name} through @analytics/iceberg (writeRows + appendFiles, one commit per day)…`);
  let lastLog = 0;
  const w = await writeTable(dir, t, days, Number(values['chunk-rows']), (p) => {
    const now = performance.now();
    if (now - lastLog < 2_000) return;
    lastLog = now;
    log(
      `  ${t.name}: day ${p.day + 1}/${days}, ${p.rows.toLocaleString('en')} rows, ${Math.round(p.rowsPerSecond).toLocaleString('en')} rows/s`,
    );
  });
  writes[t.name] = w;
  log(
    `${t.name} written in ${w.seconds.toFixed(1)} s (${w.generateSeconds.toFixed(1)} s of it generating rows): ${w.rows} rows, ${Math.round(w.rows / w.seconds)} rows/s (writer alone ${Math.round(w.rows / (w.seconds - w.generateSeconds))}), ${w.files} data files, ${(w.bytes / 2 ** 20).toFixed(0)} MiB; load average ${load()}`,
  );
}

// 2. The query engine over the tables, rollups built commit by commit.
const cacheDir = join(dir, 'query-cache');
const { store } = warehouse(dir);
async function openEngine(catalog: ReturnType<typeof replayCatalog>, rollupDir: string | undefined) {
  const source = new IcebergTableSource(catalog, () => store);
  const files = new FileCache({ dir: cacheDir, stores: () => store, maxBytes: 8 * 2 ** 30 });
  const instance = await openLockedDuckDB({ allowedDirectories: files.directories, threads: 2 });
  const engine = new QueryEngine({
    instance,
    source,
    files,
    timeoutMs: 120_000,
    maxRows: 10_000,
    refreshIntervalMs: 1_000,
    now: () => Date.now(),
    ...(rollupDir ? { rollupDir } : {}),
  });
  return { engine, instance };
}

const rollupDir = join(cacheDir, 'rollups');
const rollupBytes = (d: string) => readdirSync(d).reduce((n, f) => n + statSync(join(d, f)).size, 0);
const replay = replayCatalog(dir, tables, 0);
// Built from nothing: rollups saved by an earlier run are removed first.
rmSync(rollupDir, { recursive: true, force: true });
const first = await openEngine(replay, rollupDir);
const t0 = performance.now();
await first.engine.refresh();
for (let k = 1; k <= replay.commits; k++) {
  replay.advance();
  const s = performance.now();
  await first.engine.refresh();
  log(
    `  day ${k}/${replay.commits} (a commit per table): views + rollups updated in ${(performance.now() - s).toFixed(0)} ms`,
  );
}
const rollupSeconds = (performance.now() - t0) / 1000;
const memory = process.memoryUsage();
log(
  `rollups maintained over ${replay.commits} days of commits in ${rollupSeconds.toFixed(1)} s; JS heap ${(memory.heapUsed / 2 ** 20).toFixed(0)} MiB, array buffers ${(memory.arrayBuffers / 2 ** 20).toFixed(0)} MiB; load average ${load()}`,
);
const savedAt = performance.now();
await first.engine.persistRollups();
const saveMs = performance.now() - savedAt;
const rollupFiles = Object.fromEntries(
  readdirSync(rollupDir).map((f) => [f, statSync(join(rollupDir, f)).size / 2 ** 20]),
);
log(
  `rollups saved in ${secs(saveMs)} (${(rollupBytes(rollupDir) / 2 ** 20).toFixed(0)} MiB under ${rollupDir}: ${Object.entries(
    rollupFiles,
  )
    .map(([f, mib]) => `${f} ${mib.toFixed(0)} MiB`)
    .join(', ')})`,
);
const { engine, instance } = first;
const dashboard = new Dashboard(engine);

const floorDb = await DuckDBInstance.create(':memory:', { threads: '2' });
const floor = await floorDb.connect();
await floor.run("SET TimeZone = 'UTC'");
await floor.run('SET parquet_metadata_cache = true');
const glob = `read_parquet('${join(dataFolder(dir, pageTable), '*', '*.parquet')}')`;
const videoGlob = `read_parquet('${join(dataFolder(dir, videoTable), '*', '*.parquet')}')`;
const rowCount = async (g: string) =>
  Number((await floor.runAndReadAll(`SELECT count(*) FROM ${g}`)).getRows()[0]?.[0]);
const pageRows = await rowCount(glob);
const videoRows = await rowCount(videoGlob);
log(`tables: page_views ${pageRows} rows, video_events ${videoRows} rows`);

// 3. Accuracy of the estimated unique counts against exact ones, same data.
const exactTotals = await dashboard.traffic(range, 'DAY', {}, 'EXACT');
const estTotals = await dashboard.traffic(range, 'DAY', {}, 'ESTIMATED');
const visitorError =
  Math.abs(estTotals.totalVisitors - exactTotals.totalVisitors) / exactTotals.totalVisitors;
const sessionError =
  Math.abs(estTotals.totalSessions - exactTotals.totalSessions) / exactTotals.totalSessions;
let maxDailyError = 0;
exactTotals.points.forEach((p, i) => {
  const e = estTotals.points[i];
  if (e) maxDailyError = Math.max(maxDailyError, Math.abs(e.visitors - p.visitors) / p.visitors);
});
log(
  `unique visitors over ${days} days: exact ${exactTotals.totalVisitors}, estimated ${estTotals.totalVisitors} (error ${(visitorError * 100).toFixed(2)} %); sessions error ${(sessionError * 100).toFixed(2)} %; worst daily visitors error ${(maxDailyError * 100).toFixed(2)} %`,
);
// Video engagement: plays, completions, errors and watch time are exact either way; viewers estimated.
const exactVideo = await dashboard.videoEngagement(range, {}, null, 10, 'EXACT');
const estVideo = await dashboard.videoEngagement(range, {}, null, 10, 'ESTIMATED');
const exactParts = (v: typeof exactVideo.totals) => [
  v.videoId,
  v.plays,
  v.completions,
  v.errors,
  v.averageWatchTimeSeconds.toPrecision(12),
];
const videoCountsSame =
  JSON.stringify([exactVideo.totals, ...exactVideo.videos].map(exactParts)) ===
  JSON.stringify([estVideo.totals, ...estVideo.videos].map(exactParts));
const viewerError =
  Math.abs(estVideo.totals.uniqueViewers - exactVideo.totals.uniqueViewers) / exactVideo.totals.uniqueViewers;
let maxVideoViewerError = 0;
exactVideo.videos.forEach((v, i) => {
  const e = estVideo.videos[i];
  if (e && v.uniqueViewers > 0) {
    maxVideoViewerError = Math.max(
      maxVideoViewerError,
      Math.abs(e.uniqueViewers - v.uniqueViewers) / v.uniqueViewers,
    );
  }
});
log(
  `video engagement over ${days} days: ${exactVideo.totals.plays} plays, completion rate ${exactVideo.totals.completionRate.toFixed(3)}, average watch time ${exactVideo.totals.averageWatchTimeSeconds.toFixed(1)} s; plays, completions, errors and watch time identical to exact SQL (totals and top 10): ${videoCountsSame}; unique viewers exact ${exactVideo.totals.uniqueViewers}, estimated ${estVideo.totals.uniqueViewers} (error ${(viewerError * 100).toFixed(2)} %), worst of the top 10 videos ${(maxVideoViewerError * 100).toFixed(2)} %`,
);

// 4. The queries.
const inRange = `"timestamp" >= make_timestamptz(${range.startMs * 1000}::BIGINT) AND "timestamp" < make_timestamptz(${range.endMs * 1000}::BIGINT)`;
const visitor = 'coalesce(user_id, session_id)';
type Mode = 'EXACT' | 'ESTIMATED';
const distinct = (mode: Mode, expr: string) =>
  mode === 'EXACT' ? `count(DISTINCT ${expr})` : `approx_count_distinct(${expr})`;
const dims = [
  'REFERRER',
  'UTM_SOURCE',
  'UTM_MEDIUM',
  'UTM_CAMPAIGN',
  'COUNTRY',
  'BROWSER',
  'OS',
  'DEVICE_TYPE',
] as const;

/** videoEngagement as one DuckDB query: totals, then the 10 most played videos, watch time per (session, video). */
const videoFloor = (mode: Mode) => `
  WITH v AS (SELECT * FROM ${videoGlob} WHERE ${inRange} AND video_id IS NOT NULL AND NOT coalesce(is_bot, false)),
  pairs AS (SELECT video_id, session_id, max(position) AS furthest FROM v GROUP BY ALL),
  w AS (SELECT video_id, sum(furthest) AS watched FROM pairs GROUP BY video_id),
  per AS (SELECT video_id, count(*) FILTER (WHERE action = 'play') AS plays,
            count(*) FILTER (WHERE action = 'complete') AS completions, count(*) FILTER (WHERE action = 'error') AS errors,
            ${distinct(mode, visitor)} AS viewers FROM v GROUP BY video_id)
  (SELECT NULL AS video_id, count(*) FILTER (WHERE action = 'play'), count(*) FILTER (WHERE action = 'complete'),
     count(*) FILTER (WHERE action = 'error'), ${distinct(mode, visitor)}, (SELECT sum(furthest) FROM pairs) FROM v)
  UNION ALL
  (SELECT per.*, w.watched FROM per JOIN w USING (video_id) ORDER BY plays DESC, video_id LIMIT 10)`;

// Realtime: "now" 90 s after the last commit (midnight); the collector still buffers what came
// since (the next day's first page views and video events, late plays of the day before included),
// plus the last committed page views (flushed while the API read the buffers: counted once).
const nowMs = range.endMs + 90_000;
const perDay = Math.floor(events / days);
const bufferedRows = [
  ...pageViews(days, perDay, 0, Math.ceil((90_000 / DAY_MS) * perDay)),
  ...videoEventsOfDay(days, playsPerDay, 0, Math.ceil((90_000 / DAY_MS) * playsPerDay)).filter(
    (r) => Number(r.timestamp) / 1000 < nowMs,
  ),
  ...pageViews(days - 1, perDay, perDay - 50, perDay),
];
// As the API Worker sends them: event-table rows, timestamps in microseconds, over JSON.
const bufferedJson = JSON.stringify(
  bufferedRows.map((r) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])),
  ),
);
const bufferedParsed = bufferedEventsFrom(JSON.parse(bufferedJson) as unknown[]);
const windowEnd = Math.floor(nowMs / 60_000) * 60_000 + 60_000;
const windowStart = windowEnd - 30 * 60_000;
const sqlText = (v: string | null | undefined) => (v == null ? 'NULL' : `'${v.replaceAll("'", "''")}'`);
await floor.run(
  `CREATE TABLE buffered AS SELECT * FROM (VALUES ${bufferedParsed
    .map(
      (e: BufferedEvent) =>
        `(${sqlText(e.event_id)}, ${e.ms}::BIGINT, ${sqlText(e.event_type)}, ${sqlText(e.user_id ?? e.session_id)}, ${sqlText(e.page_url)}, ${sqlText(e.page_title)}, ${e.time_on_page ?? 'NULL'}::DOUBLE)`,
    )
    .join(', ')}) AS t(event_id, ms, event_type, visitor, page_url, page_title, time_on_page)`,
);
const win = `"timestamp" >= make_timestamptz(${windowStart * 1000}::BIGINT) AND "timestamp" < make_timestamptz(${windowEnd * 1000}::BIGINT) AND NOT coalesce(is_bot, false)`;
const realtimeFloor = `
  WITH c AS (
    SELECT event_id, epoch_ms("timestamp") AS ms, event_type, ${visitor} AS visitor, page_url, page_title, time_on_page
    FROM ${glob} WHERE ${win}
    UNION ALL
    SELECT event_id, epoch_ms("timestamp"), event_type, ${visitor}, NULL, NULL, NULL FROM ${videoGlob} WHERE ${win}),
  e AS (SELECT * FROM c UNION ALL SELECT * FROM buffered
        WHERE ms >= ${windowStart} AND ms < ${windowEnd} AND event_id NOT IN (SELECT event_id FROM c))
  SELECT grouping(m, page_url) AS g, m, page_url, count(*) AS n, count(*) FILTER (WHERE event_type = 'page_view') AS p,
    count(DISTINCT visitor) FILTER (WHERE event_type = 'page_view') AS v, arg_max(page_title, ms) AS title, avg(time_on_page) AS t
  FROM (SELECT *, (ms // 60000) * 60000 AS m FROM e) GROUP BY GROUPING SETS ((), (m), (page_url))`;
const live = await dashboard.realtime(nowMs, 30, {}, bufferedParsed, 100);
log(
  `realtime at ${new Date(nowMs).toISOString()}: window ${live.windowStart} – ${live.windowEnd}, ${live.events} events (${live.bufferedEvents} of ${bufferedParsed.length} buffered rows not yet committed), ${live.pageviews} page views, ${live.visitors} visitors`,
);

interface Case {
  readonly name: string;
  readonly engine: () => Promise<unknown>;
  readonly floor: string;
}
/** Every dashboard query and eventCounts with unique counts in `mode`. */
function casesFor(mode: Mode): Case[] {
  return [
    {
      name: 'eventCounts',
      engine: () => dashboard.eventCounts(range, ['page_view'], {}, mode),
      floor: `SELECT event_type, count(*), ${distinct(mode, visitor)} FROM ${glob} WHERE ${inRange} AND event_type IN ('page_view') GROUP BY event_type`,
    },
    {
      name: 'traffic (day)',
      engine: () => dashboard.traffic(range, 'DAY', {}, mode),
      floor: `SELECT date_trunc('day', "timestamp") AS b, count(*), ${distinct(mode, visitor)}, ${distinct(mode, 'session_id')} FROM ${glob} WHERE ${inRange} GROUP BY b`,
    },
    {
      name: 'traffic (hour)',
      engine: () => dashboard.traffic(range, 'HOUR', {}, mode),
      floor: `SELECT date_trunc('hour', "timestamp") AS b, count(*), ${distinct(mode, visitor)}, ${distinct(mode, 'session_id')} FROM ${glob} WHERE ${inRange} GROUP BY b`,
    },
    {
      name: 'topPages',
      engine: () => dashboard.topPages(range, {}, 10, mode),
      floor: `SELECT page_url, arg_max(page_title, "timestamp"), count(*) AS p, ${distinct(mode, visitor)}, avg(time_on_page) FROM ${glob} WHERE ${inRange} GROUP BY page_url ORDER BY p DESC LIMIT 10`,
    },
    ...dims.map((dim) => ({
      name: `breakdown ${dim}`,
      engine: () => dashboard.breakdown(dim, range, {}, 10, mode),
      floor: `SELECT ${dim.toLowerCase()}, count(*) AS p, ${distinct(mode, visitor)} AS v FROM ${glob} WHERE ${inRange} GROUP BY 1 ORDER BY p DESC LIMIT 10`,
    })),
    {
      name: 'videoEngagement',
      engine: () => dashboard.videoEngagement(range, {}, null, 10, mode),
      floor: videoFloor(mode),
    },
  ];
}
/** `realtime` (always exact): the buffered rows arrive as JSON and are parsed as the engine's HTTP route does. */
const realtimeCase: Case = {
  name: 'realtime (30 min)',
  engine: () =>
    dashboard.realtime(nowMs, 30, {}, bufferedEventsFrom(JSON.parse(bufferedJson) as unknown[]), 100),
  floor: realtimeFloor,
};
/** What a user gets without `uniques`: EXACT for eventCounts, ESTIMATED for the dashboards (SDL defaults). */
const defaults = [
  ...casesFor('ESTIMATED').map((c, i) => (i === 0 ? (casesFor('EXACT')[0] as Case) : c)),
  realtimeCase,
].filter((c) => !only || only.test(c.name));

function pct(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

// GC pauses while a case runs: the longest one is reported beside its p99.
let gcMax = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcMax = Math.max(gcMax, e.duration);
}).observe({ entryTypes: ['gc'] });

interface Timing {
  p50: number;
  p99: number;
  max: number;
  gcMaxMs: number;
}
async function time(n: number, fn: () => Promise<unknown>, label: string): Promise<Timing> {
  // Warm-up, not measured: a tenth of the runs (at least one), the same rule for engine and floor.
  for (let i = 0; i < Math.max(1, Math.ceil(n / 10)); i++) await fn();
  gcMax = 0;
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    await fn();
    samples.push(performance.now() - s);
    if ((i + 1) % 50 === 0 && i + 1 < n) process.stdout.write(`    ${label}: ${i + 1}/${n}\n`);
  }
  // Let the observer's callback see the last entries.
  await new Promise((r) => setImmediate(r));
  samples.sort((a, b) => a - b);
  return { p50: pct(samples, 0.5), p99: pct(samples, 0.99), max: samples.at(-1) as number, gcMaxMs: gcMax };
}

const f1 = (x: number) => x.toFixed(1).padStart(8);
async function runCases(list: Case[], n: number, floorN: number) {
  const out: Record<string, unknown>[] = [];
  log('\nquery                          engine p50     p99     max  gc max | floor p50     p99 | ratio p50');
  for (const c of list) {
    const e = await time(n, c.engine, `${c.name} (engine)`);
    const f = await time(floorN, () => floor.runAndReadAll(c.floor), `${c.name} (floor)`);
    out.push({ query: c.name, engine: e, floor: f, ratioP50: e.p50 / f.p50, ratioP99: e.p99 / f.p99 });
    log(
      `${c.name.padEnd(30)} ${f1(e.p50)} ${f1(e.p99)} ${f1(e.max)} ${f1(e.gcMaxMs)} | ${f1(f.p50)} ${f1(f.p99)} | ${(e.p50 / f.p50).toFixed(4).padStart(8)}`,
    );
  }
  return out;
}

log(
  `\ndefaults (eventCounts EXACT; dashboards ESTIMATED; realtime exact), ${iterations} runs each; load average ${load()}`,
);
const results = await runCases(defaults, iterations, floorIterations);
log(
  `\nthe other mode (eventCounts ESTIMATED; dashboards EXACT, raw scans), ${exactIterations} runs each; load average ${load()}`,
);
const exactCases = casesFor('EXACT');
const otherResults = await runCases(
  [
    { ...(casesFor('ESTIMATED')[0] as Case), name: 'eventCounts ESTIMATED' },
    ...[...exactCases.slice(1, 5), exactCases.at(-1) as Case].map((c) => ({ ...c, name: `${c.name} EXACT` })),
  ].filter((c) => !only || only.test(c.name)),
  exactIterations,
  Math.min(exactIterations, floorIterations),
);

if (only) {
  log('\n--only: no restarts, no results.json');
  instance.closeSync();
  floorDb.closeSync();
  process.exit(0);
}

// 5. Restarts: a new engine over the same tables and cache dir, with and without persisted rollups.
const answers = async (d: Dashboard) =>
  JSON.stringify([
    await d.topPages(range, {}, 10, 'ESTIMATED'),
    await d.eventCounts(range, null, {}, 'EXACT'),
    await d.videoEngagement(range, {}, null, 10, 'ESTIMATED'),
  ]);
const expected = await answers(dashboard);
instance.closeSync();
async function restart(withPersisted: boolean) {
  const opened = await openEngine(replayCatalog(dir, tables, days), withPersisted ? rollupDir : undefined);
  const s = performance.now();
  await opened.engine.refresh();
  const ms = performance.now() - s;
  const same = (await answers(new Dashboard(opened.engine))) === expected;
  opened.instance.closeSync();
  return { ms, same };
}
log(`\nrestart with persisted rollups…`);
const warm = await restart(true);
log(`  ready in ${secs(warm.ms)} (answers identical to before the restart: ${warm.same})`);
let cold: { ms: number; same: boolean } | undefined;
if (!values['no-rebuild-baseline']) {
  log('restart without persisted rollups (rebuild from the tables)…');
  cold = await restart(false);
  log(
    `  ready in ${secs(cold.ms)} (answers identical: ${cold.same}); ratio ${(warm.ms / cold.ms).toFixed(4)}`,
  );
}

writeFileSync(
  join(import.meta.dirname, 'results.json'),
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      machine,
      loadAverageAtEnd: load(),
      events,
      videoEvents: videoRows,
      videoPlays: playsPerDay * days,
      days,
      iterations,
      exactIterations,
      floorIterations,
      write: writes,
      rollupSeconds,
      heapUsedMiB: memory.heapUsed / 2 ** 20,
      arrayBuffersMiB: memory.arrayBuffers / 2 ** 20,
      rollupSaveMs: saveMs,
      rollupFilesMiB: rollupFiles,
      visitorError,
      sessionError,
      maxDailyError,
      video: {
        countsIdenticalToExact: videoCountsSame,
        viewerError,
        maxTopVideoViewerError: maxVideoViewerError,
      },
      realtime: {
        nowMs,
        bufferedRows: bufferedParsed.length,
        bufferedEvents: live.bufferedEvents,
        events: live.events,
        pageviews: live.pageviews,
      },
      results,
      otherResults,
      restart: {
        persistedMs: warm.ms,
        persistedSame: warm.same,
        rebuildMs: cold?.ms,
        rebuildSame: cold?.same,
      },
    },
    null,
    2,
  )}\n`,
);
for (const file of writeCharts()) log(`chart: ${file}`);
floorDb.closeSync();
