/**
 * Ingest benchmark (issue 5, "Done when" 5), on the local stack (`npm start`'s
 * stack in a temporary folder): accepted events/s over HTTP in batches of 100
 * through the router to the collector, ack latency p50/p99, and flush
 * throughput (events/s from the first send until every event is in a
 * committed Iceberg snapshot). Also the CPU time the Workers' runtime (every
 * workerd process of the stack) spent per accepted event while sending, and
 * so the events/s one core of it sustains. Beside it, in the same run, the
 * floor: the same events inserted straight into SQLite (node:sqlite, one
 * transaction per batch, with the buffer's de-duplication table). Prints the
 * ratio and writes bench/ingest/results.json (or --out).
 *
 *   npx node bench/ingest/run.ts [--events 50000] [--concurrency 8] [--batch 100]
 *                                [--flush-max-bytes 1048576] [--out path]
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { parseArgs } from 'node:util';
// @ts-expect-error: plain ESM script shared with `npm start`, no type declarations
import { freePort, root, startStack } from '../../scripts/stack.mjs';
import { writeCharts } from '../charts.ts';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '50000' },
    concurrency: { type: 'string', default: '8' },
    batch: { type: 'string', default: '100' },
    'flush-max-bytes': { type: 'string', default: '1048576' },
    out: { type: 'string' },
  },
});
const total = Number(values.events);
const concurrency = Number(values.concurrency);
const batchSize = Number(values.batch);
const flushMaxBytes = Number(values['flush-max-bytes']);

/** User + system CPU seconds of each workerd process in the given process groups (Linux /proc). */
function workerdCpuSeconds(groups: readonly number[]): Map<number, number> {
  const seconds = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name, which is in parentheses and may hold spaces.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (!stat.includes('(workerd)') || !groups.includes(Number(fields[2]))) continue;
      seconds.set(Number(entry), (Number(fields[11]) + Number(fields[12])) / 100);
    } catch {
      // the process ended meanwhile
    }
  }
  return seconds;
}

/** CPU seconds each process spent between two readings, busiest first. */
function cpuSpent(before: Map<number, number>, after: Map<number, number>): number[] {
  return [...after].map(([pid, s]) => s - (before.get(pid) ?? 0)).sort((a, b) => b - a);
}
const KEY = 'bench-ingest-key';
const CREDENTIAL = 'analytics:analytics-secret';

function pageView(i: number): Record<string, unknown> {
  return {
    event_id: crypto.randomUUID(),
    event_type: 'page_view',
    timestamp: new Date(Date.now() - (i % 3_600_000)).toISOString(),
    page_url: `https://rawkode.academy/articles/${i % 500}`,
    page_title: `Article ${i % 500}`,
    referrer: 'https://www.google.com/',
    utm_source: 'newsletter',
    session_id: `s-${i % 5_000}`,
    user_id: `u-${i % 2_000}`,
    project_id: 'rawkode-academy',
    environment: 'production',
    version: '1',
    time_on_page: i % 300,
  };
}

const batches: string[] = [];
const allEvents: Record<string, unknown>[][] = [];
for (let b = 0; b * batchSize < total; b++) {
  const events = Array.from({ length: Math.min(batchSize, total - b * batchSize) }, (_, i) =>
    pageView(b * batchSize + i),
  );
  allEvents.push(events);
  batches.push(JSON.stringify({ events }));
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

/** The floor: the same events into SQLite directly, as the buffer stores them. */
function sqliteBaseline(dir: string): number {
  const db = new DatabaseSync(join(dir, 'baseline.sqlite'));
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('CREATE TABLE seen (event_id TEXT PRIMARY KEY, at INTEGER NOT NULL) WITHOUT ROWID');
  db.exec(
    'CREATE TABLE events (seq INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT, ts INTEGER, row TEXT, bytes INTEGER)',
  );
  const seen = db.prepare('INSERT OR IGNORE INTO seen (event_id, at) VALUES (?, ?)');
  const insert = db.prepare('INSERT INTO events (event_id, ts, row, bytes) VALUES (?, ?, ?, ?)');
  const started = performance.now();
  for (const events of allEvents) {
    db.exec('BEGIN');
    for (const e of events) {
      const row = JSON.stringify(e);
      if (seen.run(String(e.event_id), Date.now()).changes === 1)
        insert.run(String(e.event_id), Date.parse(String(e.timestamp)) * 1000, row, row.length);
    }
    db.exec('COMMIT');
  }
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return total / seconds;
}

async function catalogToken(url: string): Promise<string> {
  const [id, secret] = CREDENTIAL.split(':');
  const res = await fetch(`${url}/v1/oauth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: id!,
      client_secret: secret!,
      scope: 'catalog',
    }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

async function committedRecords(url: string, token: string): Promise<number> {
  const res = await fetch(`${url}/v1/namespaces/default/tables/page_views`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!res.ok) return 0;
  const body = (await res.json()) as {
    metadata: {
      'current-snapshot-id'?: unknown;
      snapshots?: { 'snapshot-id': unknown; summary: Record<string, string> }[];
    };
  };
  // Ids are 63-bit; compare their text, not their (rounded) number values.
  const text = JSON.stringify(body.metadata['current-snapshot-id']);
  const current = body.metadata.snapshots?.find((s) => JSON.stringify(s['snapshot-id']) === text);
  return Number(current?.summary['total-records'] ?? 0);
}

const dir = mkdtempSync(join(tmpdir(), 'bench-ingest-'));
const log = (line: string) => console.log(line);
log(
  `ingest benchmark: ${total} page views, batches of ${batchSize}, ${concurrency} concurrent senders, flush at ${flushMaxBytes} bytes or 1 s`,
);
const stack = await startStack({
  port: await freePort(),
  dataDir: join(dir, 'stack'),
  vars: { ANALYTICS_API_KEY: KEY, FLUSH_INTERVAL_MS: '1000', FLUSH_MAX_BYTES: String(flushMaxBytes) },
  logLevel: 'error',
  log: () => {},
});
try {
  const post = (body: string) =>
    fetch(`${stack.url}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': KEY },
      body,
    });
  // Warm-up: isolates, Durable Objects, the catalog table (not counted; other events, other ids).
  for (let i = 0; i < 20; i++)
    await (await post(JSON.stringify({ events: [pageView(-1 - i)] }))).arrayBuffer();
  const token = await catalogToken(stack.url);
  // Let the warm-up events reach a snapshot so they are not counted below.
  let before = 0;
  for (let i = 0; i < 100 && before < 20; i++) {
    await new Promise((r) => setTimeout(r, 250));
    before = await committedRecords(stack.url, token);
  }

  const latencies: number[] = [];
  let next = 0;
  let failed = 0;
  const groups: number[] = stack.processGroups;
  const cpuBefore = workerdCpuSeconds(groups);
  const started = performance.now();
  const progress = setInterval(() => {
    const sent = Math.min(next, batches.length) * batchSize;
    const secs = (performance.now() - started) / 1000;
    log(`  sent ${sent} / ${total} events (${Math.round(sent / secs)} events/s)`);
  }, 2_000);
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < batches.length) {
        const body = batches[next++]!;
        const t = performance.now();
        const res = await post(body);
        await res.arrayBuffer();
        latencies.push(performance.now() - t);
        if (res.status !== 202) failed++;
      }
    }),
  );
  clearInterval(progress);
  const sendSeconds = (performance.now() - started) / 1000;
  // wrangler dev runs two workerd processes: the runtime (every Worker, Durable Object and the
  // catalog, on one thread) and its dev proxy in front of it. The runtime is the busier one.
  const spent = cpuSpent(cpuBefore, workerdCpuSeconds(groups));
  const runtimeCpu = spent[0] ?? 0;
  const workerdCpu = spent.reduce((a, b) => a + b, 0);
  let committed = before;
  while (committed < before + total && performance.now() - started < 600_000) {
    await new Promise((r) => setTimeout(r, 250));
    committed = await committedRecords(stack.url, token);
  }
  const commitSeconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);

  const accepted = total / sendSeconds;
  const flush = (committed - before) / commitSeconds;
  const baseline = sqliteBaseline(dir);
  const results = {
    at: new Date().toISOString(),
    events: total,
    batch: batchSize,
    concurrency,
    flush_max_bytes: flushMaxBytes,
    failed_requests: failed,
    accepted_events_per_second: Math.round(accepted),
    ack_latency_ms: {
      p50: Number(quantile(latencies, 0.5).toFixed(1)),
      p99: Number(quantile(latencies, 0.99).toFixed(1)),
    },
    send_seconds: Number(sendSeconds.toFixed(2)),
    workerd_cpu_seconds_while_sending: Number(workerdCpu.toFixed(2)),
    runtime_cpu_seconds_while_sending: Number(runtimeCpu.toFixed(2)),
    runtime_busy_fraction: Number((runtimeCpu / sendSeconds).toFixed(2)),
    runtime_cpu_us_per_event: Number(((runtimeCpu / total) * 1e6).toFixed(1)),
    committed_events: committed - before,
    flush_events_per_second: Math.round(flush),
    sqlite_baseline_events_per_second: Math.round(baseline),
    ratio_accepted_to_sqlite: Number((accepted / baseline).toFixed(4)),
    goal_events_per_second: 50_000,
  };
  log(`accepted over HTTP      ${results.accepted_events_per_second} events/s (${failed} failed requests)`);
  log(`ack latency             p50 ${results.ack_latency_ms.p50} ms, p99 ${results.ack_latency_ms.p99} ms`);
  log(
    `workerd runtime         ${results.runtime_cpu_us_per_event} µs CPU per event, busy ${Math.round(results.runtime_busy_fraction * 100)} % of the send time (dev proxy and runtime: ${results.workerd_cpu_seconds_while_sending} s)`,
  );
  log(
    `flush to Iceberg        ${results.flush_events_per_second} events/s (${results.committed_events} committed)`,
  );
  log(`SQLite floor (node)     ${results.sqlite_baseline_events_per_second} events/s`);
  log(
    `ratio collector/SQLite  ${results.ratio_accepted_to_sqlite}  (goal: 50,000 events/s accepted per collector)`,
  );
  writeFileSync(
    values.out ?? join(root, 'bench', 'ingest', 'results.json'),
    `${JSON.stringify(results, null, 2)}\n`,
  );
  // The chart is drawn from the default results file only (a run with --out is a side experiment).
  if (values.out === undefined) for (const file of writeCharts()) log(`chart: ${file}`);
} finally {
  await stack.stop();
  rmSync(dir, { recursive: true, force: true });
}
