/**
 * Ingest benchmark (issue 5, "Done when" 5), on the local stack (`npm start`'s
 * stack in a temporary folder): accepted events/s over HTTP in batches of 100
 * through the router to the collector, ack latency p50/p99, and flush
 * throughput (events/s from the first send until every event is in a
 * committed Iceberg snapshot). Also the CPU time the Workers' runtime spent
 * per accepted event while sending. Then one collector alone, as it runs on
 * Cloudflare (`/events` served by the collector Worker and its buffers under
 * their own `wrangler dev`, no router, flushes left for later): the figure the
 * goal, 50,000 events/s per collector, is about. Beside them, in the same run:
 *
 * - the floor: the same events inserted straight into SQLite (node:sqlite,
 *   one transaction per batch, with the buffer's de-duplication table);
 * - ceilings of the dev server on this machine: a Worker that only reads the
 *   body (`/noop`) and the least durable collector (`/durable`: parse, one
 *   Durable Object call, one SQLite row per request), same client, same bodies;
 * - the collector's own code in process (Node, the same V8): what a request
 *   costs before the runtime's HTTP, RPC and storage.
 *
 * Prints the ratios and writes bench/ingest/results.json (or --out).
 *
 *   npx node bench/ingest/run.ts [--events 50000] [--concurrency 8] [--batch 100]
 *                                [--flush-max-bytes 1048576] [--out path]
 */
import { spawn } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { parseArgs } from 'node:util';
import {
  ApiKeyRing,
  CONTRACT_SCHEMAS,
  DEFAULT_LIMITS,
  type EventSink,
  ingest,
} from '../../packages/events/src/index.ts';
import {
  freePort,
  LOCAL_SHARED_VARS,
  materialiseConfig,
  root,
  startStack,
  wranglerEnv,
  // @ts-expect-error: plain ESM script shared with `npm start`, no type declarations
} from '../../scripts/stack.mjs';
import { writeCharts } from '../charts.ts';
import { type LoadResult, sendAll } from './http-load.ts';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '50000' },
    concurrency: { type: 'string', default: '8' },
    batch: { type: 'string', default: '100' },
    'flush-max-bytes': { type: 'string', default: '1048576' },
    rounds: { type: 'string', default: '3' },
    out: { type: 'string' },
  },
});
const total = Number(values.events);
const concurrency = Number(values.concurrency);
const batchSize = Number(values.batch);
const flushMaxBytes = Number(values['flush-max-bytes']);
/** Runs of each target, measured in turns; figures are over all of them. */
const ROUNDS = Number(values.rounds);

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
const bodies = batches.map((b) => Buffer.from(b));
const USER_AGENT =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
const HEADERS = { 'content-type': 'application/json', 'x-api-key': KEY, 'user-agent': USER_AGENT };

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

/**
 * The collector's own code for the same requests, in this process: key check,
 * body parse, validation, enrichment, rows, the JSON handed to the buffer and
 * the answer's JSON. Best of three passes, µs per event.
 */
async function inProcessMicrosPerEvent(): Promise<number> {
  const deps = {
    schemas: CONTRACT_SCHEMAS,
    limits: DEFAULT_LIMITS,
    keys: await ApiKeyRing.fromSettings({ ANALYTICS_API_KEY: KEY }),
    botPolicy: 'flag' as const,
    now: () => Date.now(),
    newEventId: () => crypto.randomUUID(),
    sink: {
      // What BufferSink does before its Durable Object call: one JSON text of the rows, and the ids.
      async append(events) {
        JSON.stringify(events.map((e) => e.row));
        events.map((e) => e.eventId);
        return new Set<number>();
      },
    } satisfies EventSink,
  };
  let best = Number.POSITIVE_INFINITY;
  for (let pass = 0; pass < 3; pass++) {
    const started = performance.now();
    for (const body of batches) {
      const request = new Request('http://collector/events', {
        method: 'POST',
        headers: { ...HEADERS, 'content-length': String(Buffer.byteLength(body)) },
        body,
      });
      const { answer } = await ingest(request, deps);
      if (answer.status !== 202) throw new Error(`in-process ingest answered ${answer.status}`);
      JSON.stringify(answer.body);
    }
    best = Math.min(best, ((performance.now() - started) * 1000) / total);
  }
  return best;
}

/** Accepted events/s, ack latencies and runtime CPU of one load run against `url` + `path`. */
async function load(url: string, path: string, groups: readonly number[], label: string) {
  const cpuBefore = workerdCpuSeconds(groups);
  const result: LoadResult = await sendAll({
    url,
    path,
    headers: HEADERS,
    bodies,
    concurrency,
    expect: 202,
    onProgress: (done, seconds) =>
      log(
        `  ${label}: ${done * batchSize} / ${total} events (${Math.round((done * batchSize) / seconds)} events/s)`,
      ),
  });
  const spent = cpuSpent(cpuBefore, workerdCpuSeconds(groups));
  const latencies = [...result.latenciesMs].sort((a, b) => a - b);
  const failed = [...result.unexpected.values()].reduce((a, b) => a + b, 0);
  if (failed > 0) log(`  ${label}: ${failed} requests failed: ${JSON.stringify([...result.unexpected])}`);
  return {
    failed,
    seconds: result.seconds,
    accepted: total / result.seconds,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    // wrangler dev runs two workerd processes: the runtime (every Worker and Durable Object, on one
    // thread) and its dev proxy in front of it. The runtime is the busier one.
    runtimeCpu: spent[0] ?? 0,
    workerdCpu: spent.reduce((a, b) => a + b, 0),
    latencies,
  };
}

type DevServer = Awaited<ReturnType<typeof devServer>>;

/** One Worker configuration under its own `wrangler dev` on a free port, ready when it answers HTTP. */
async function devServer(config: string, persistTo: string) {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      join(root, 'node_modules', 'wrangler', 'bin', 'wrangler.js'),
      'dev',
      '-c',
      config,
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--inspector-port',
      String(await freePort()),
      '--persist-to',
      persistTo,
      '--show-interactive-dev-session=false',
      '--log-level',
      'error',
    ],
    { cwd: root, detached: true, stdio: 'ignore', env: wranglerEnv() },
  );
  const stop = () => {
    try {
      process.kill(-(child.pid as number), 'SIGKILL');
    } catch {
      // already gone
    }
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      await (await fetch(`${url}/`, { signal: AbortSignal.timeout(5_000) })).arrayBuffer();
      break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      stop();
      throw new Error(`${config} did not start under wrangler dev`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  const groups = [child.pid as number];
  try {
    return { url, runtimeUrl: await runtimeUrl(url, groups, port), groups, stop };
  } catch (error) {
    stop();
    throw error;
  }
}

/** Ports a process listens on (Linux /proc: its socket inodes, matched against the TCP table). */
function listeningPorts(pid: number): number[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      if (target.startsWith('socket:[')) inodes.add(target.slice(8, -1));
    } catch {
      // closed meanwhile
    }
  }
  const ports: number[] = [];
  for (const table of [`/proc/${pid}/net/tcp`, `/proc/${pid}/net/tcp6`]) {
    let text = '';
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const row of text.trim().split('\n').slice(1)) {
      const cols = row.trim().split(/\s+/);
      // cols: sl, local address:port (hex), remote, state (0A = LISTEN), …, inode (10th)
      if (cols[3] === '0A' && inodes.has(cols[9] as string))
        ports.push(Number.parseInt(cols[1]?.split(':')[1] ?? '', 16));
    }
  }
  return ports;
}

/**
 * The address of the Workers runtime itself, behind `wrangler dev`'s proxy.
 * wrangler dev runs two workerd processes: a dev proxy on the public port (it
 * holds requests while a Worker reloads) and the runtime, which serves the
 * Workers on a port of its own. On Cloudflare there is no such proxy, so the
 * collector's own figure is taken at the runtime. Found as the port of a
 * workerd in the group, other than the public one, that answers `GET /` as the
 * public port does (the runtime's debug and inspector ports answer otherwise).
 */
async function runtimeUrl(publicUrl: string, groups: readonly number[], publicPort: number): Promise<string> {
  const probe = async (url: string) => {
    const res = await fetch(`${url}/`, { signal: AbortSignal.timeout(5_000) });
    return `${res.status} ${await res.text()}`;
  };
  const expected = await probe(publicUrl);
  for (const pid of workerdCpuSeconds(groups).keys())
    for (const port of listeningPorts(pid)) {
      if (port === publicPort) continue;
      const url = `http://127.0.0.1:${port}`;
      if ((await probe(url).catch(() => null)) === expected) return url;
    }
  throw new Error(`no workerd behind ${publicUrl} answers as it does`);
}

/** Events sent before each measured run, not counted: enough for V8 to optimise the hot code. */
const WARM_UP_EVENTS = 10_000;
/** Their bodies, built once: other ids than the measured ones; every target has storage of its own. */
const warmUpBodies = Array.from({ length: Math.ceil(WARM_UP_EVENTS / batchSize) }, (_, b) =>
  Buffer.from(
    JSON.stringify({
      events: Array.from({ length: batchSize }, (_, i) => pageView(total + b * batchSize + i)),
    }),
  ),
);

/**
 * Warms a target up, not counted: a few single events first (isolates,
 * Durable Objects, tables), then WARM_UP_EVENTS in batches like the measured
 * ones (other ids), so the measured run sees the code as optimised as in a
 * collector that has been running for a while: the first 50,000 events of a
 * fresh isolate took about a third more CPU per event than the next.
 */
async function warmUp(url: string, path: string): Promise<void> {
  for (let i = 0; i < 20; i++)
    await (
      await fetch(`${url}${path}`, {
        method: 'POST',
        headers: HEADERS,
        body: JSON.stringify({ events: [pageView(-1 - i)] }),
      })
    ).arrayBuffer();
  const result = await sendAll({
    url,
    path,
    headers: HEADERS,
    bodies: warmUpBodies,
    concurrency,
    expect: 202,
  });
  if (result.unexpected.size > 0)
    throw new Error(`warm-up of ${url}${path}: ${JSON.stringify([...result.unexpected])}`);
}

type Load = Awaited<ReturnType<typeof load>>;

/**
 * Several runs of `total` events as one: events/s over their summed time (a
 * buffer's occasional large writes, such as moving 100,000 ids to `seen`, fall
 * in some runs and not others), CPU per run on average, latencies of all.
 */
function combined(runs: readonly Load[]): Load {
  const mean = (f: (r: Load) => number) => runs.reduce((a, r) => a + f(r), 0) / runs.length;
  const seconds = mean((r) => r.seconds);
  const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  return {
    failed: runs.reduce((a, r) => a + r.failed, 0),
    seconds,
    accepted: total / seconds,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    runtimeCpu: mean((r) => r.runtimeCpu),
    workerdCpu: mean((r) => r.workerdCpu),
    latencies,
  };
}

/**
 * One collector, as on Cloudflare, and the dev server's ceilings, measured in
 * turns so that the machine's drift in speed (up to 1.6× within an hour here)
 * falls on all of them alike; each figure is over all ROUNDS runs.
 *
 * - One collector: `/events` of the collector Worker and its buffer Durable
 *   Objects under their own `wrangler dev`, with the stack's configuration
 *   of it, sent to the runtime directly (no router, no dev proxy: neither is
 *   on Cloudflare's path). Also through wrangler's dev proxy, for comparison.
 *   Its buffers do not flush during the run: on Cloudflare each buffer is a
 *   Durable Object of its own, and the stack run measures flushing. A buffer
 *   that never flushes holds every event sent to it, which a flushing one
 *   (1 MB, ~2,000 events) never does: past ~100,000 events its SQLite file and
 *   id set make each request dearer. So every run starts a fresh server with
 *   empty storage, and its buffer holds at most the warm-up and one run.
 * - The ceilings (bench/ingest/ceiling): `/durable` and `/noop` at the
 *   runtime, and `/noop` through the dev proxy, on a fresh server each round.
 */
async function collectorAndCeilings(dir: string) {
  const configDir = join(dir, 'alone-config');
  mkdirSync(configDir, { recursive: true });
  const collectorConfig = materialiseConfig('collector', configDir, {
    ...LOCAL_SHARED_VARS,
    ANALYTICS_API_KEY: KEY,
    FLUSH_INTERVAL_MS: String(3_600_000),
    FLUSH_MAX_BYTES: String(1e12),
    FLUSH_MAX_EVENTS: String(1e12),
  });
  const ceilingConfig = join(root, 'bench', 'ingest', 'ceiling', 'wrangler.jsonc');
  /** Runs `measure` against a fresh `wrangler dev` of `config` (its own, empty storage). */
  let servers = 0;
  const fresh = async <T>(config: string, measure: (server: DevServer) => Promise<T>): Promise<T> => {
    const server = await devServer(config, join(dir, `server-${++servers}`));
    try {
      return await measure(server);
    } finally {
      server.stop();
    }
  };
  const runs = {
    collector: [] as Load[],
    collectorViaProxy: [] as Load[],
    noop: [] as Load[],
    durable: [] as Load[],
    noopViaProxy: [] as Load[],
  };
  for (let round = 1; round <= ROUNDS; round++) {
    const tag = `round ${round}/${ROUNDS}`;
    runs.collector.push(
      await fresh(collectorConfig, async (server) => {
        await warmUp(server.runtimeUrl, '/events');
        return load(server.runtimeUrl, '/events', server.groups, `${tag} one collector /events`);
      }),
    );
    runs.collectorViaProxy.push(
      await fresh(collectorConfig, async (server) => {
        await warmUp(server.url, '/events');
        return load(server.url, '/events', server.groups, `${tag} one collector through the dev proxy`);
      }),
    );
    await fresh(ceilingConfig, async (server) => {
      await warmUp(server.runtimeUrl, '/durable');
      runs.durable.push(await load(server.runtimeUrl, '/durable', server.groups, `${tag} ceiling /durable`));
      await warmUp(server.runtimeUrl, '/noop');
      runs.noop.push(await load(server.runtimeUrl, '/noop', server.groups, `${tag} ceiling /noop`));
      runs.noopViaProxy.push(
        await load(server.url, '/noop', server.groups, `${tag} ceiling /noop through the dev proxy`),
      );
    });
    log(
      `  ${tag}: one collector ${Math.round(runs.collector.at(-1)!.accepted)}, least durable ${Math.round(runs.durable.at(-1)!.accepted)}, no-op ${Math.round(runs.noop.at(-1)!.accepted)} events/s`,
    );
  }
  return {
    rounds: runs.collector.map((r) => Math.round(r.accepted)),
    collector: combined(runs.collector),
    collectorViaProxy: combined(runs.collectorViaProxy),
    noop: combined(runs.noop),
    durable: combined(runs.durable),
    noopViaProxy: combined(runs.noopViaProxy),
  };
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
const round1 = (n: number) => Number(n.toFixed(1));
log(
  `ingest benchmark: ${total} page views, batches of ${batchSize}, ${concurrency} connections, flush at ${flushMaxBytes} bytes or 1 s`,
);
log('collector code in process (best of 3 passes) …');
const inProcess = await inProcessMicrosPerEvent();
log(`  ${inProcess.toFixed(2)} µs per event`);
log(`one collector and the dev server's ceilings, in turns (${ROUNDS} rounds) …`);
const {
  collector: alone,
  collectorViaProxy: aloneViaProxy,
  rounds: aloneRounds,
  ...ceiling
} = await collectorAndCeilings(dir);
log('the stack …');
const stack = await startStack({
  port: await freePort(),
  dataDir: join(dir, 'stack'),
  vars: { ANALYTICS_API_KEY: KEY, FLUSH_INTERVAL_MS: '1000', FLUSH_MAX_BYTES: String(flushMaxBytes) },
  logLevel: 'error',
  log: () => {},
});
try {
  // Warm-up: isolates, Durable Objects, the catalog table (not counted; other events, other ids).
  await warmUp(stack.url, '/events');
  const token = await catalogToken(stack.url);
  // Let the warm-up events reach a snapshot so they are not counted below.
  let before = 0;
  for (let i = 0; i < 240 && before < 20 + WARM_UP_EVENTS; i++) {
    await new Promise((r) => setTimeout(r, 250));
    before = await committedRecords(stack.url, token);
  }

  const started = performance.now();
  const run = await load(stack.url, '/events', stack.processGroups, 'stack /events');
  let committed = before;
  while (committed < before + total && performance.now() - started < 600_000) {
    await new Promise((r) => setTimeout(r, 250));
    committed = await committedRecords(stack.url, token);
  }
  const commitSeconds = (performance.now() - started) / 1000;
  const flush = (committed - before) / commitSeconds;
  await stack.stop();
  const baseline = sqliteBaseline(dir);
  const perCore = (us: number) => Math.round(1e6 / us);
  const results = {
    at: new Date().toISOString(),
    events: total,
    batch: batchSize,
    concurrency,
    flush_max_bytes: flushMaxBytes,
    failed_requests: run.failed,
    accepted_events_per_second: Math.round(run.accepted),
    ack_latency_ms: { p50: round1(run.p50), p99: round1(run.p99) },
    send_seconds: Number(run.seconds.toFixed(2)),
    workerd_cpu_seconds_while_sending: Number(run.workerdCpu.toFixed(2)),
    runtime_cpu_seconds_while_sending: Number(run.runtimeCpu.toFixed(2)),
    runtime_busy_fraction: Number((run.runtimeCpu / run.seconds).toFixed(2)),
    runtime_cpu_us_per_event: round1((run.runtimeCpu / total) * 1e6),
    committed_events: committed - before,
    flush_events_per_second: Math.round(flush),
    collector_alone_events_per_second: Math.round(alone.accepted),
    collector_alone_ack_latency_ms: { p50: round1(alone.p50), p99: round1(alone.p99) },
    collector_alone_runtime_cpu_us_per_event: round1((alone.runtimeCpu / total) * 1e6),
    collector_alone_failed_requests: alone.failed,
    collector_alone_via_dev_proxy_events_per_second: Math.round(aloneViaProxy.accepted),
    collector_alone_via_dev_proxy_ack_latency_ms: {
      p50: round1(aloneViaProxy.p50),
      p99: round1(aloneViaProxy.p99),
    },
    collector_alone_rounds_events_per_second: aloneRounds,
    dev_proxy_noop_events_per_second: Math.round(ceiling.noopViaProxy.accepted),
    ratio_collector_alone_to_durable_ceiling: Number((alone.accepted / ceiling.durable.accepted).toFixed(4)),
    collector_code_us_per_event: Number(inProcess.toFixed(2)),
    collector_code_events_per_core_second: perCore(inProcess),
    ceiling_noop_events_per_second: Math.round(ceiling.noop.accepted),
    ceiling_noop_runtime_cpu_us_per_event: round1((ceiling.noop.runtimeCpu / total) * 1e6),
    ceiling_durable_events_per_second: Math.round(ceiling.durable.accepted),
    ceiling_durable_runtime_cpu_us_per_event: round1((ceiling.durable.runtimeCpu / total) * 1e6),
    ratio_accepted_to_durable_ceiling: Number((run.accepted / ceiling.durable.accepted).toFixed(4)),
    sqlite_baseline_events_per_second: Math.round(baseline),
    ratio_accepted_to_sqlite: Number((run.accepted / baseline).toFixed(4)),
    goal_events_per_second: 50_000,
  };
  const line = (label: string, text: string) => log(`${label.padEnd(34)}${text}`);
  line(
    'accepted over HTTP (the stack)',
    `${results.accepted_events_per_second} events/s (${run.failed} failed requests)`,
  );
  line('ack latency', `p50 ${results.ack_latency_ms.p50} ms, p99 ${results.ack_latency_ms.p99} ms`);
  line(
    'workerd runtime',
    `${results.runtime_cpu_us_per_event} µs CPU per event, busy ${Math.round(results.runtime_busy_fraction * 100)} % of the send time (dev proxy and runtime: ${results.workerd_cpu_seconds_while_sending} s)`,
  );
  line(
    'flush to Iceberg',
    `${results.flush_events_per_second} events/s (${results.committed_events} committed)`,
  );
  line(
    'one collector, alone',
    `${results.collector_alone_events_per_second} events/s, p50 ${results.collector_alone_ack_latency_ms.p50} ms, p99 ${results.collector_alone_ack_latency_ms.p99} ms (runtime ${results.collector_alone_runtime_cpu_us_per_event} µs per event; through wrangler's dev proxy ${results.collector_alone_via_dev_proxy_events_per_second} events/s)`,
  );
  line(
    'collector code, in process',
    `${results.collector_code_us_per_event} µs per event (${results.collector_code_events_per_core_second} events/s per core)`,
  );
  line(
    'ceiling: no-op Worker',
    `${results.ceiling_noop_events_per_second} events/s (runtime ${results.ceiling_noop_runtime_cpu_us_per_event} µs per event; through wrangler's dev proxy ${results.dev_proxy_noop_events_per_second} events/s)`,
  );
  line(
    'ceiling: least durable collector',
    `${results.ceiling_durable_events_per_second} events/s (runtime ${results.ceiling_durable_runtime_cpu_us_per_event} µs per event)`,
  );
  line('SQLite floor (node)', `${results.sqlite_baseline_events_per_second} events/s`);
  line(
    'ratios',
    `stack/SQLite ${results.ratio_accepted_to_sqlite}, stack/least durable ${results.ratio_accepted_to_durable_ceiling}, one collector/least durable ${results.ratio_collector_alone_to_durable_ceiling} (goal: 50,000 events/s accepted per collector)`,
  );
  writeFileSync(
    values.out ?? join(root, 'bench', 'ingest', 'results.json'),
    // Arrays of numbers on one line, as the repository's formatter keeps them.
    `${JSON.stringify(results, null, 2).replace(/\[\s+([\d.,\s]+?)\s+\]/g, (_, items: string) => `[${items.split(/,\s*/).join(', ')}]`)}\n`,
  );
  // The chart is drawn from the default results file only (a run with --out is a side experiment).
  if (values.out === undefined) for (const file of writeCharts()) log(`chart: ${file}`);
} finally {
  await stack.stop();
  rmSync(dir, { recursive: true, force: true });
}
