import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { bufferedEventsFrom } from './buffered-events.ts';
import type {
  BufferedEvent,
  Dashboard,
  Dimension,
  EventFilter,
  Interval,
  TimeRange,
  Uniques,
} from './dashboard.ts';
import { httpStatusOfKind, isQueryError, QueryError } from './errors.ts';
import type { LatencyMetrics } from './latency-metrics.ts';
import type { QueryEngine } from './query-engine.ts';
import type { SnapshotSelector, TableSource } from './table-source.ts';

/** What the HTTP service needs. */
export interface QueryServiceDeps {
  readonly engine: QueryEngine;
  readonly dashboard: Dashboard;
  readonly source: TableSource;
  readonly metrics: LatencyMetrics;
  readonly now: () => number;
  /** Events the collector has accepted but not yet committed (for realtime). */
  readonly bufferedEvents: () => Promise<readonly BufferedEvent[]>;
  /** Hit/miss counters of the engine's caches, for /metrics. */
  readonly cacheStats?: () => Record<string, { hits: number; misses: number }>;
}

/**
 * The query engine's HTTP interface, called by the API Worker. Every route is
 * `POST /v1/<query>` with a JSON body and answers JSON; errors are
 * `{ error: { kind, message, context } }` with the kind's status.
 * `GET /metrics` (Prometheus text, or JSON with `?format=json`) and `GET /health`.
 */
export function createQueryServer(deps: QueryServiceDeps): Server {
  return createServer((req, res) => {
    handle(deps, req, res).catch((e) => send(res, 500, { error: { kind: 'internal', message: String(e) } }));
  });
}

type Body = Record<string, unknown>;

const routes: Record<string, (d: QueryServiceDeps, b: Body) => Promise<unknown>> = {
  async sql(d, b) {
    const r = await d.engine.sql(str(b.query, 'query'), { at: selector(b), limit: optNum(b.limit) ?? 1000 });
    return {
      columns: r.columns,
      results: r.rows,
      rowCount: r.rows.length,
      truncated: r.truncated,
      snapshotId: r.snapshotId?.toString() ?? null,
      snapshotTimestampMs: r.snapshotTimestampMs,
    };
  },
  eventCounts: (d, b) =>
    d.dashboard.eventCounts(range(b), optStrings(b.eventTypes), filter(b), uniques(b, 'EXACT')),
  traffic: (d, b) => d.dashboard.traffic(range(b), (b.interval as Interval) ?? 'DAY', filter(b), uniques(b)),
  topPages: (d, b) => d.dashboard.topPages(range(b), filter(b), optNum(b.limit) ?? 10, uniques(b)),
  breakdown: (d, b) =>
    d.dashboard.breakdown(
      str(b.dimension, 'dimension') as Dimension,
      range(b),
      filter(b),
      optNum(b.limit) ?? 10,
      uniques(b),
    ),
  videoEngagement: (d, b) =>
    d.dashboard.videoEngagement(
      range(b),
      filter(b),
      optStrings(b.videoIds),
      optNum(b.limit) ?? 10,
      uniques(b),
    ),
  async realtime(d, b) {
    return d.dashboard.realtime(
      d.now(),
      optNum(b.minutes) ?? 30,
      filter(b),
      // The API Worker reads the collector's buffers over its binding and sends them along.
      Array.isArray(b.buffered) ? bufferedEventsFrom(b.buffered) : await d.bufferedEvents(),
      optNum(b.topLimit) ?? 10,
    );
  },
  async tables(d) {
    const tables = await d.source.listTables();
    return tables.map((t) => ({
      namespace: t.table.namespace,
      name: t.table.name,
      location: t.location,
      currentSnapshotId: t.currentSnapshotId?.toString() ?? null,
      lastUpdatedMs: t.lastUpdatedMs,
      recordCount: t.recordCount.toString(),
      sizeInBytes: t.sizeInBytes.toString(),
      fileCount: t.fileCount.toString(),
      formatVersion: t.formatVersion,
      snapshots: t.snapshots.map((s) => ({
        snapshotId: s.snapshotId.toString(),
        parentSnapshotId: s.parentSnapshotId?.toString() ?? null,
        sequenceNumber: s.sequenceNumber.toString(),
        timestampMs: s.timestampMs,
        operation: s.operation,
        summary: s.summary,
      })),
    }));
  },
};

async function handle(d: QueryServiceDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://query-engine');
  if (req.method === 'GET' && (url.pathname === '/healthz' || url.pathname === '/health')) {
    send(res, 200, { status: 'ok', tables: d.engine.tables.length });
    return;
  }
  if (req.method === 'GET' && url.pathname === '/metrics') {
    d.metrics.setCaches(d.cacheStats?.() ?? {});
    if (url.searchParams.get('format') === 'json') send(res, 200, d.metrics.json());
    else {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      res.end(d.metrics.prometheus());
    }
    return;
  }
  const name = url.pathname.startsWith('/v1/') ? url.pathname.slice(4) : '';
  const route = Object.hasOwn(routes, name) ? routes[name] : undefined;
  if (req.method !== 'POST' || !route) {
    send(res, 404, { error: { kind: 'not-found', message: `No route ${req.method} ${url.pathname}.` } });
    return;
  }
  const started = performance.now();
  let outcome = 'ok';
  try {
    const body = await readJson(req);
    send(res, 200, { data: await route(d, body) });
  } catch (e) {
    if (!isQueryError(e)) console.error(e);
    const err = isQueryError(e) ? e : new QueryError('internal', e instanceof Error ? e.message : String(e));
    outcome = err.kind;
    send(res, httpStatusOfKind[err.kind], {
      error: { kind: err.kind, message: err.message, context: err.context },
    });
  } finally {
    d.metrics.observe(name, performance.now() - started, outcome);
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<Body> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return {};
  try {
    const v = JSON.parse(text) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Body;
  } catch {
    // fall through
  }
  throw new QueryError('bad-request', 'The request body must be a JSON object.');
}

function str(v: unknown, name: string): string {
  if (typeof v !== 'string')
    throw new QueryError('bad-request', `${name} must be a string.`, { field: name });
  return v;
}

function optNum(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function optStrings(v: unknown): string[] | null {
  return Array.isArray(v) ? v.map(String) : null;
}

function range(b: Body): TimeRange {
  const r = (b.timeRange ?? {}) as Body;
  const startMs = Number(r.startMs);
  const endMs = Number(r.endMs);
  if (!Number.isFinite(startMs) || !Number.isFinite(endMs)) {
    throw new QueryError(
      'bad-request',
      'timeRange.startMs and timeRange.endMs must be numbers (ms since the epoch).',
    );
  }
  return { startMs, endMs };
}

function filter(b: Body): EventFilter {
  return (b.filter ?? {}) as EventFilter;
}

/** `uniques` as sent, else the SDL's default: EXACT for eventCounts, ESTIMATED for the dashboards. */
function uniques(b: Body, fallback: Uniques = 'ESTIMATED'): Uniques {
  return b.uniques === 'ESTIMATED' || b.uniques === 'EXACT' ? b.uniques : fallback;
}

function selector(b: Body): SnapshotSelector | undefined {
  if (b.snapshotId !== undefined && b.snapshotId !== null) {
    try {
      return { snapshotId: BigInt(String(b.snapshotId)) };
    } catch {
      throw new QueryError('bad-request', `snapshotId ${String(b.snapshotId)} is not an integer.`);
    }
  }
  if (typeof b.timestampMs === 'number') return { timestampMs: b.timestampMs };
  return undefined;
}
