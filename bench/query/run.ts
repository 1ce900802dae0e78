/**
 * Query benchmark (issue 6, "Done when" 4): N page views over D days written
 * by the table engine (`@analytics/iceberg`) into a real Iceberg table on a
 * filesystem object store, one append commit per day; the query engine reads
 * it through its normal path (catalog metadata → `planFiles` / manifests →
 * data-file cache → field-id views) and builds its rollups commit by commit.
 * Each dashboard query and `eventCounts` runs `--iterations` times as a user
 * gets it (the SDL's default `uniques`); beside it, the same question as
 * plain SQL on DuckDB over a glob of the same Parquet files (the floor), in
 * the same run. Then the engine is restarted twice: with its persisted
 * rollups, and without them (rebuilding from the table), for the ratio.
 *
 *   npx node --experimental-transform-types bench/query/run.ts [--events 10000000] [--days 30]
 *     [--iterations 200] [--exact-iterations 10] [--floor-iterations 5] [--rewrite] [--no-rebuild-baseline]
 *
 * The table is reused from an earlier run when it has the same shape (`--rewrite` forces a new one).
 */
import { readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { loadParquetWasmNode } from '@analytics/iceberg/node';
import { Dashboard, openLockedDuckDB, QueryEngine } from '@analytics/query-engine';
import { DuckDBInstance } from '@duckdb/node-api';
import { FileCache } from '../../services/query-engine/src/file-cache.ts';
import { IcebergTableSource } from '../../services/query-engine/src/iceberg-table-source.ts';
import { DAY_MS, START_MS } from './generate.ts';
import { dataFolder, replayCatalog, tableIsComplete, warehouse, writeTable } from './table.ts';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '10000000' },
    days: { type: 'string', default: '30' },
    iterations: { type: 'string', default: '200' },
    dir: { type: 'string', default: join(process.cwd(), '.cache', 'bench-query') },
    'exact-iterations': { type: 'string', default: '10' },
    // Each floor run is a full scan of every file (seconds at 10 M rows), so fewer runs.
    'floor-iterations': { type: 'string', default: '5' },
    'chunk-rows': { type: 'string', default: '100000' },
    rewrite: { type: 'boolean', default: false },
    'no-rebuild-baseline': { type: 'boolean', default: false },
  },
});
const events = Number(values.events);
const days = Number(values.days);
const iterations = Number(values.iterations);
const exactIterations = Number(values['exact-iterations']);
const floorIterations = Number(values['floor-iterations']);
const dir = values.dir as string;
const log = (line: string) => console.log(line);
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const fmtDuration = (s: number) =>
  s >= 60 ? `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}s` : `${Math.round(s)}s`;

const range = { startMs: START_MS, endMs: START_MS + days * DAY_MS };
const machine = `${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB (${(freemem() / 2 ** 30).toFixed(0)} free), Node ${process.version}`;
log(`query benchmark: ${events} page views over ${days} days; ${machine}; load average ${load()}`);
await loadParquetWasmNode();

// 1. The table, written by the table engine (or reused).
let write: Awaited<ReturnType<typeof writeTable>> | undefined;
if (!values.rewrite && (await tableIsComplete(dir, events, days))) {
  log(`reusing the table written earlier under ${join(dir, 'warehouse')} (--rewrite to write it again)`);
} else {
  log(`writing ${events} rows through @analytics/iceberg (writeRows + appendFiles, one commit per day)…`);
  let lastLog = 0;
  write = await writeTable(dir, events, days, Number(values['chunk-rows']), (p) => {
    const now = performance.now();
    if (now - lastLog < 2_000 && p.rows < p.total) return;
    lastLog = now;
    log(
      `  written ${p.rows.toLocaleString('en')} / ${p.total.toLocaleString('en')} rows (${((100 * p.rows) / p.total).toFixed(1)} %), ${Math.round(p.rowsPerSecond).toLocaleString('en')} rows/s, ETA ${fmtDuration(p.etaSeconds)}`,
    );
  });
  log(
    `table written in ${write.seconds.toFixed(1)} s (${write.generateSeconds.toFixed(1)} s of it generating rows): ${write.rows} rows, ${Math.round(write.rows / write.seconds)} rows/s (writer alone ${Math.round(write.rows / (write.seconds - write.generateSeconds))}), ${write.files} data files, ${(write.bytes / 2 ** 20).toFixed(0)} MiB; load average ${load()}`,
  );
}

// 2. The query engine over the table, rollups built commit by commit.
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
const replay = replayCatalog(dir, 0);
// Built from nothing: rollups saved by an earlier run are removed first.
rmSync(rollupDir, { recursive: true, force: true });
const first = await openEngine(replay, rollupDir);
const t0 = performance.now();
await first.engine.refresh();
for (let k = 1; k <= replay.commits; k++) {
  replay.advance();
  const s = performance.now();
  await first.engine.refresh();
  log(`  commit ${k}/${replay.commits}: views + rollups updated in ${(performance.now() - s).toFixed(0)} ms`);
}
const rollupSeconds = (performance.now() - t0) / 1000;
const memory = process.memoryUsage();
log(
  `rollups maintained over ${replay.commits} commits in ${rollupSeconds.toFixed(1)} s; JS heap ${(memory.heapUsed / 2 ** 20).toFixed(0)} MiB, array buffers ${(memory.arrayBuffers / 2 ** 20).toFixed(0)} MiB; load average ${load()}`,
);
const savedAt = performance.now();
await first.engine.persistRollups();
const saveMs = performance.now() - savedAt;
log(
  `rollups saved in ${secs(saveMs)} (${(rollupBytes(rollupDir) / 2 ** 20).toFixed(0)} MiB under ${rollupDir})`,
);
const { engine, instance } = first;
const dashboard = new Dashboard(engine);

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

// 4. The queries.
const glob = `read_parquet('${join(dataFolder(dir), '*', '*.parquet')}')`;
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
  ];
}
/** What a user gets without `uniques`: EXACT for eventCounts, ESTIMATED for the dashboards (SDL defaults). */
const defaults = casesFor('ESTIMATED').map((c, i) => (i === 0 ? (casesFor('EXACT')[0] as Case) : c));

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

const floorDb = await DuckDBInstance.create(':memory:', { threads: '2' });
const floor = await floorDb.connect();
await floor.run("SET TimeZone = 'UTC'");
await floor.run('SET parquet_metadata_cache = true');

const f1 = (x: number) => x.toFixed(1).padStart(8);
async function runCases(list: Case[], n: number, floorN: number, suffix: string) {
  const out: Record<string, unknown>[] = [];
  log('\nquery                          engine p50     p99     max  gc max | floor p50     p99 | ratio p50');
  for (const c of list) {
    const e = await time(n, c.engine, `${c.name}${suffix} (engine)`);
    const f = await time(floorN, () => floor.runAndReadAll(c.floor), `${c.name} (floor)`);
    out.push({
      query: `${c.name}${suffix}`,
      engine: e,
      floor: f,
      ratioP50: e.p50 / f.p50,
      ratioP99: e.p99 / f.p99,
    });
    log(
      `${`${c.name}${suffix}`.padEnd(30)} ${f1(e.p50)} ${f1(e.p99)} ${f1(e.max)} ${f1(e.gcMaxMs)} | ${f1(f.p50)} ${f1(f.p99)} | ${(e.p50 / f.p50).toFixed(4).padStart(8)}`,
    );
  }
  return out;
}

log(`\ndefaults (eventCounts EXACT; dashboards ESTIMATED), ${iterations} runs each; load average ${load()}`);
const results = await runCases(defaults, iterations, floorIterations, '');
log(
  `\nthe other mode (eventCounts ESTIMATED; dashboards EXACT, raw scans), ${exactIterations} runs each; load average ${load()}`,
);
const exactCases = casesFor('EXACT');
const otherResults = await runCases(
  [
    { ...(casesFor('ESTIMATED')[0] as Case), name: 'eventCounts ESTIMATED' },
    ...exactCases.slice(1, 5).map((c) => ({ ...c, name: `${c.name} EXACT` })),
  ],
  exactIterations,
  Math.min(exactIterations, floorIterations),
  '',
);

// 5. Restarts: a new engine over the same table and cache dir, with and without persisted rollups.
const expected = JSON.stringify(await dashboard.topPages(range, {}, 10, 'ESTIMATED'));
const expectedCounts = JSON.stringify(await dashboard.eventCounts(range, null, {}, 'EXACT'));
instance.closeSync();
async function restart(withPersisted: boolean) {
  const opened = await openEngine(replayCatalog(dir, days), withPersisted ? rollupDir : undefined);
  const s = performance.now();
  await opened.engine.refresh();
  const ms = performance.now() - s;
  const d = new Dashboard(opened.engine);
  const same =
    JSON.stringify(await d.topPages(range, {}, 10, 'ESTIMATED')) === expected &&
    JSON.stringify(await d.eventCounts(range, null, {}, 'EXACT')) === expectedCounts;
  opened.instance.closeSync();
  return { ms, same };
}
log(`\nrestart with persisted rollups…`);
const warm = await restart(true);
log(`  ready in ${secs(warm.ms)} (answers identical to before the restart: ${warm.same})`);
let cold: { ms: number; same: boolean } | undefined;
if (!values['no-rebuild-baseline']) {
  log('restart without persisted rollups (rebuild from the table)…');
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
      days,
      iterations,
      exactIterations,
      floorIterations,
      write,
      rollupSeconds,
      heapUsedMiB: memory.heapUsed / 2 ** 20,
      arrayBuffersMiB: memory.arrayBuffers / 2 ** 20,
      rollupSaveMs: saveMs,
      visitorError,
      sessionError,
      maxDailyError,
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
floorDb.closeSync();
