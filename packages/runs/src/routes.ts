/**
 * The HTTP surface of a Worker whose runs go through one Durable Object (the
 * maintenance and the import pipeline Workers): `POST <path>` starts a run and
 * answers with its results, `GET <path>` reports the run in flight and the
 * recent runs in the contract's snake_case (contracts/ops.yaml; the health
 * Worker forwards both after checking the operator token), and the internal
 * `GET /healthz`, `GET /metrics` and `GET /history` every service answers.
 */
import { type Context, Hono } from 'hono';
import type { z } from 'zod';
import { DEFAULT_HISTORY_LIMIT, type RunRecord, type RunStatus, type RunTrigger } from './run-book.ts';

/** Why a run was refused: 409, 404 and 500 respectively. */
export type RefusalKind = 'busy' | 'not_found' | 'invalid_config';

/** The outcome of asking for a run (plain data: class identity does not cross Durable Object RPC). */
export type RunOutcome<R> =
  | { readonly ok: true; readonly results: R[] }
  | { readonly ok: false; readonly kind: RefusalKind; readonly message: string };

/** What the Worker calls on its Durable Object's stub (every RPC method answers a promise). */
export interface RunTarget<Q> {
  run(request: Q, trigger: RunTrigger): Promise<RunOutcome<unknown>>;
  status(): Promise<RunStatus<object>>;
  history(limit: number): Promise<RunRecord<unknown>[]>;
  metrics(): Promise<unknown>;
}

/** The ops contract's error body. */
function opsError(c: Context, status: 400 | 404 | 409 | 500, kind: string, message: string): Response {
  return c.json({ error: { kind, message } }, status);
}

/**
 * An optional JSON request body checked against a schema: the empty body is
 * `{}`; otherwise the first issue, as `<field>: <problem>`.
 */
export function parseRequestBody<Q>(
  text: string,
  schema: z.ZodType<Q>,
): { ok: true; data: Q } | { ok: false; message: string } {
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    return { ok: false, message: 'the body is not valid JSON' };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, data: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, message: `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}` };
}

/** The `limit` query parameter: absent → the default; otherwise an integer from 1 to `max`. */
export function parseLimit(text: string | undefined, max: number): number | string {
  if (text === undefined || text === '') return DEFAULT_HISTORY_LIMIT;
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 && n <= max
    ? n
    : `limit: must be an integer from 1 to ${max}, not ${JSON.stringify(text)}`;
}

const snakeCase = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function snakeKeys(o: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [snakeCase(k), v]));
}

/**
 * The public report of a run book: `running`, `current` (the run in flight,
 * its progress with snake_case names) while one is, and `runs`, newest first.
 * Results are already in the contract's shape and pass through as they are.
 */
export function runsReport(status: RunStatus<object>, runs: readonly RunRecord<unknown>[]) {
  const { running, ...current } = status;
  return {
    running,
    ...(running ? { current: snakeKeys(current) } : {}),
    runs: runs.map((r) => ({
      id: r.id,
      trigger: r.trigger,
      started_at: r.startedAt,
      finished_at: r.finishedAt,
      results: r.results,
    })),
  };
}

export interface RunRoutesOptions<E, Q> {
  /** Where operators start a run and read the runs, e.g. `/ops/imports`. */
  readonly path: string;
  /** The request body's schema (the generated zod schema of the contract). */
  readonly request: z.ZodType<Q>;
  /** The Durable Object stub that runs. */
  readonly target: (env: E) => RunTarget<Q>;
  /** The largest `limit` of `GET <path>` (the contract's maximum); `/history` allows the book's `keep`. */
  readonly maxLimit?: number;
  readonly maxHistoryLimit?: number;
}

/** A Hono app with the run routes; mount it or use it as the Worker's `fetch`. */
export function runRoutes<E extends object, Q>(options: RunRoutesOptions<E, Q>): Hono<{ Bindings: E }> {
  const { path, request, target } = options;
  const app = new Hono<{ Bindings: E }>();

  app.get('/healthz', async (c) => c.json({ status: 'ok', ...(await target(c.env).status()) }));
  app.get('/metrics', async (c) => c.json((await target(c.env).metrics()) as object));
  app.get('/history', async (c) => {
    const limit = parseLimit(c.req.query('limit'), options.maxHistoryLimit ?? 1000);
    if (typeof limit === 'string') return opsError(c, 400, 'invalid_request', limit);
    return c.json({ runs: await target(c.env).history(limit) });
  });

  app.get(path, async (c) => {
    const limit = parseLimit(c.req.query('limit'), options.maxLimit ?? 100);
    if (typeof limit === 'string') return opsError(c, 400, 'invalid_request', limit);
    const stub = target(c.env);
    const [status, runs] = await Promise.all([stub.status(), stub.history(limit)]);
    return c.json(runsReport(status, runs));
  });

  app.post(path, async (c) => {
    const body = parseRequestBody(await c.req.text(), request);
    if (!body.ok) return opsError(c, 400, 'invalid_request', body.message);
    const outcome = await target(c.env).run(body.data, 'operator');
    if (outcome.ok) return c.json({ results: outcome.results });
    switch (outcome.kind) {
      case 'busy':
        return opsError(c, 409, 'conflict', outcome.message);
      case 'not_found':
        return opsError(c, 404, 'not_found', outcome.message);
      default:
        return opsError(c, 500, 'internal', outcome.message);
    }
  });

  return app;
}
