/**
 * Query benchmark (issue 6, "Done when" 4): N page views over D days; each
 * dashboard query and `eventCounts` run `--iterations` times through the
 * query engine, and beside it the same question as plain SQL on DuckDB over a
 * glob of the same Parquet files (the floor), in the same run. Prints p50/p99
 * and the engine/floor ratio, and writes bench/query/results.json.
 *
 *   npx node --experimental-transform-types bench/query/run.ts [--events 10000000] [--days 30] [--iterations 200]
 *
 * Until the table engine can append, the files are written by DuckDB (with
 * Iceberg field ids) and committed to an in-memory table source, one snapshot
 * per day, so the rollups are built incrementally the way commits build them.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  Dashboard,
  localFiles,
  MemoryTableSource,
  openLockedDuckDB,
  QueryEngine,
} from '@analytics/query-engine';
import { DuckDBInstance } from '@duckdb/node-api';
import { generateDays, pageViewColumns, START_MS } from './generate.ts';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '10000000' },
    days: { type: 'string', default: '30' },
    iterations: { type: 'string', default: '200' },
    dir: { type: 'string', default: join(process.cwd(), '.cache', 'bench-query') },
    'exact-iterations': { type: 'string', default: '20' },
    // Each floor run is a full scan of every file (seconds at 10 M rows), so fewer runs.
    'floor-iterations': { type: 'string', default: '20' },
  },
});
const events = Number(values.events);
const days = Number(values.days);
const iterations = Number(values.iterations);
const exactIterations = Number(values['exact-iterations']);
const floorIterations = Number(values['floor-iterations']);
const dir = values.dir as string;
const log = (line: string) => console.log(line);

const range = { startMs: START_MS, endMs: START_MS + days * 86_400_000 };
const table = { namespace: ['analytics'], name: 'page_views' };

log(
  `query benchmark: ${events} page views over ${days} days; engine ${iterations} runs per query, floor ${floorIterations}`,
);
const writer = await DuckDBInstance.create(':memory:', { threads: '2' });
const w = await writer.connect();
let t0 = performance.now();
const files = await generateDays(w, dir, days, Math.floor(events / days), log);
log(`data ready in ${((performance.now() - t0) / 1000).toFixed(1)} s (${files.length} files)`);

const source = new MemoryTableSource();
source.createTable(table, 's3://analytics-source/events/page_views');
const instance = await openLockedDuckDB({ allowedDirectories: [dir], threads: 2 });
const engine = new QueryEngine({
  instance,
  source,
  files: localFiles([dir]),
  timeoutMs: 60_000,
  maxRows: 10_000,
  refreshIntervalMs: 1_000,
  now: () => Date.now(),
});
t0 = performance.now();
for (let d = 0; d < files.length; d++) {
  source.append(table, {
    snapshotId: BigInt(d + 1),
    timestampMs: START_MS + (d + 1) * 86_400_000,
    columns: pageViewColumns,
    files: [{ uri: files[d] as string, recordCount: BigInt(Math.floor(events / days)), sizeInBytes: 0n }],
  });
  const s = performance.now();
  await engine.refresh();
  log(
    `  committed day ${d + 1}/${files.length}: views + rollups updated in ${(performance.now() - s).toFixed(0)} ms`,
  );
}
const rollupSeconds = (performance.now() - t0) / 1000;
log(`rollups maintained over ${files.length} commits in ${rollupSeconds.toFixed(1)} s`);

const dashboard = new Dashboard(engine);
const glob = `read_parquet('${join(dir, `day-*-${Math.floor(events / days)}.parquet`)}')`;
const inRange = `"timestamp" >= make_timestamptz(${range.startMs * 1000}::BIGINT) AND "timestamp" < make_timestamptz(${range.endMs * 1000}::BIGINT)`;
const visitor = 'coalesce(user_id, session_id)';
const breakdownFloor = (col: string) =>
  `SELECT ${col}, count(*) AS p, count(DISTINCT ${visitor}) AS v FROM ${glob} WHERE ${inRange} GROUP BY ${col} ORDER BY p DESC LIMIT 10`;

interface Case {
  readonly name: string;
  readonly engine: () => Promise<unknown>;
  readonly floor: string;
}
const cases: Case[] = [
  {
    name: 'eventCounts',
    engine: () => dashboard.eventCounts(range, ['page_view'], {}, 'ESTIMATED'),
    floor: `SELECT event_type, count(*), count(DISTINCT ${visitor}) FROM ${glob} WHERE ${inRange} AND event_type IN ('page_view') GROUP BY event_type`,
  },
  {
    name: 'traffic (day)',
    engine: () => dashboard.traffic(range, 'DAY', {}, 'ESTIMATED'),
    floor: `SELECT date_trunc('day', "timestamp") AS b, count(*), count(DISTINCT ${visitor}), count(DISTINCT session_id) FROM ${glob} WHERE ${inRange} GROUP BY b`,
  },
  {
    name: 'traffic (hour)',
    engine: () => dashboard.traffic(range, 'HOUR', {}, 'ESTIMATED'),
    floor: `SELECT date_trunc('hour', "timestamp") AS b, count(*), count(DISTINCT ${visitor}), count(DISTINCT session_id) FROM ${glob} WHERE ${inRange} GROUP BY b`,
  },
  {
    name: 'topPages',
    engine: () => dashboard.topPages(range, {}, 10, 'ESTIMATED'),
    floor: `SELECT page_url, arg_max(page_title, "timestamp"), count(*) AS p, count(DISTINCT ${visitor}), avg(time_on_page) FROM ${glob} WHERE ${inRange} GROUP BY page_url ORDER BY p DESC LIMIT 10`,
  },
  ...(
    [
      'REFERRER',
      'UTM_SOURCE',
      'UTM_MEDIUM',
      'UTM_CAMPAIGN',
      'COUNTRY',
      'BROWSER',
      'OS',
      'DEVICE_TYPE',
    ] as const
  ).map((dim) => ({
    name: `breakdown ${dim}`,
    engine: () => dashboard.breakdown(dim, range, {}, 10, 'ESTIMATED'),
    floor: breakdownFloor(dim.toLowerCase()),
  })),
];

function pct(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

async function time(
  n: number,
  fn: () => Promise<unknown>,
  label: string,
): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < Math.min(3, n); i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    await fn();
    samples.push(performance.now() - s);
    if ((i + 1) % 50 === 0 && i + 1 < n) process.stdout.write(`    ${label}: ${i + 1}/${n}\n`);
  }
  samples.sort((a, b) => a - b);
  return { p50: pct(samples, 0.5), p99: pct(samples, 0.99) };
}

const floorDb = await DuckDBInstance.create(':memory:', { threads: '2' });
const floor = await floorDb.connect();
await floor.run("SET TimeZone = 'UTC'");
await floor.run('SET parquet_metadata_cache = true');

// Accuracy of the estimated unique counts against the exact ones, same data.
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

const results: Record<string, unknown>[] = [];
log('\nquery                     engine p50   p99   | floor p50   p99   | ratio p50  p99');
for (const c of cases) {
  const e = await time(iterations, c.engine, `${c.name} (engine)`);
  const f = await time(floorIterations, () => floor.runAndReadAll(c.floor), `${c.name} (floor)`);
  results.push({ query: c.name, engine: e, floor: f, ratioP50: e.p50 / f.p50, ratioP99: e.p99 / f.p99 });
  log(
    `${c.name.padEnd(25)} ${e.p50.toFixed(1).padStart(8)} ${e.p99.toFixed(1).padStart(6)} | ${f.p50.toFixed(1).padStart(8)} ${f.p99.toFixed(1).padStart(6)} | ${(e.p50 / f.p50).toFixed(3).padStart(8)} ${(e.p99 / f.p99).toFixed(3).padStart(5)}`,
  );
}

// uniques: EXACT — eventCounts over whole days reads the rollups' visitor bitmaps; topPages
// scans raw events through the views (its cost over the floor is the engine's overhead).
log(`\nexact uniques (eventCounts: visitor bitmaps; topPages: raw scan), ${exactIterations} runs`);
const exactCases: Case[] = [cases[0] as Case, cases[3] as Case];
const exactResults: Record<string, unknown>[] = [];
for (const c of exactCases) {
  const run =
    c.name === 'eventCounts'
      ? () => dashboard.eventCounts(range, ['page_view'], {}, 'EXACT')
      : () => dashboard.topPages(range, {}, 10, 'EXACT');
  const e = await time(exactIterations, run, `${c.name} exact (engine)`);
  const f = await time(
    Math.min(exactIterations, floorIterations),
    () => floor.runAndReadAll(c.floor),
    `${c.name} (floor)`,
  );
  exactResults.push({ query: c.name, engine: e, floor: f, ratioP50: e.p50 / f.p50 });
  log(
    `${`${c.name} EXACT`.padEnd(25)} ${e.p50.toFixed(1).padStart(8)} ${e.p99.toFixed(1).padStart(6)} | ${f.p50.toFixed(1).padStart(8)} ${f.p99.toFixed(1).padStart(6)} | ${(e.p50 / f.p50).toFixed(3).padStart(8)}`,
  );
}

writeFileSync(
  join(import.meta.dirname, 'results.json'),
  `${JSON.stringify({ events, days, iterations, floorIterations, rollupSeconds, visitorError, sessionError, maxDailyError, results, exactResults }, null, 2)}\n`,
);
instance.closeSync();
floorDb.closeSync();
writer.closeSync();
