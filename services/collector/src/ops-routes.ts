import { EVENT_TABLES } from '@analytics/events';
import type { Hono } from 'hono';
import { bufferStats, eventTableNamed, flushBuffers, readBuffered } from './buffers.ts';
import { collectorMetrics } from './collector-metrics.ts';
import type { Env } from './env.ts';

type CollectorHono = Hono<{ Bindings: Env; Variables: { trusted: boolean } }>;

// A buffer whose flush failed this often is not getting events into Iceberg.
const UNHEALTHY_ATTEMPTS = 5;

/**
 * Internal routes (not in contracts/ingest.yaml): `GET /healthz` and
 * `GET /metrics?format=json` for the health Worker on both entrypoints;
 * `POST /ops/flush` (ops contract body and answer) and
 * `GET /realtime/{table}?from=&to=&limit=` only on the trusted entrypoint.
 */
export function registerOpsRoutes(hono: CollectorHono, trusted: boolean): void {
  hono.get('/healthz', async (c) => {
    const stats = await bufferStats(c.env);
    const failing = stats.filter((s) => s.pendingFlushAttempts >= UNHEALTHY_ATTEMPTS);
    const body = {
      buffered_events: stats.reduce((n, s) => n + s.events, 0),
      failing_flushes: failing.map((s) => ({
        table: s.table,
        attempts: s.pendingFlushAttempts,
        error: s.lastError,
      })),
    };
    return c.json(body, failing.length > 0 ? 503 : 200);
  });

  hono.get('/metrics', async (c) => c.json(collectorMetrics.snapshot(await bufferStats(c.env), Date.now())));

  if (!trusted) return;

  hono.post('/ops/flush', async (c) => {
    const text = await c.req.text();
    const body = text.trim() === '' ? {} : (JSON.parse(text) as { table?: string });
    if (body.table === undefined) return c.json({ flushes: await flushBuffers(c.env) });
    const table = eventTableNamed(body.table);
    if (table === undefined)
      return c.json(
        {
          error: {
            kind: 'not_found',
            message: `no event table '${body.table}'; the tables are ${EVENT_TABLES.join(', ')}`,
          },
        },
        404,
      );
    return c.json({ flushes: await flushBuffers(c.env, [table]) });
  });

  hono.get('/realtime/:table', async (c) => {
    const table = eventTableNamed(c.req.param('table'));
    if (table === undefined)
      return c.json({ error: { kind: 'not_found', message: 'no such event table' } }, 404);
    const micros = (v: string | undefined, fallback: number) =>
      v === undefined ? fallback : Date.parse(v) * 1000;
    const from = micros(c.req.query('from'), 0);
    const to = micros(c.req.query('to'), Number.MAX_SAFE_INTEGER);
    const limit = Math.min(Number(c.req.query('limit') ?? 10_000) || 10_000, 100_000);
    if (Number.isNaN(from) || Number.isNaN(to))
      return c.json(
        { error: { kind: 'invalid_shape', message: 'from and to must be ISO 8601 date-times' } },
        400,
      );
    return c.json({ table, rows: await readBuffered(c.env, table, from, to, limit) });
  });
}
