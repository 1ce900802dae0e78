import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type RunOutcome, type RunTarget, runRoutes } from './routes.ts';
import { RunBook } from './run-book.ts';
import { memorySql } from './testing/memory-sql.ts';

const zRequest = z.object({ table: z.string().optional(), max: z.int().min(1).optional() });
type Request = z.infer<typeof zRequest>;
interface Result {
  readonly table: string;
}
interface Progress {
  readonly table: string;
  readonly maxBatches: number;
}

/** A Durable Object stand-in over a real run book: answers what `next` says, records successful runs. */
function target() {
  const book = new RunBook<Result, Progress>(memorySql());
  const calls: [Request, string][] = [];
  let next: RunOutcome<Result> = { ok: true, results: [{ table: 'a' }] };
  const stub: RunTarget<Request> = {
    async run(request, trigger) {
      calls.push([request, trigger]);
      if (next.ok) book.record(trigger, '2026-01-01T00:00:00.000Z', next.results);
      return next;
    },
    status: async () => book.status(),
    history: async (limit) => book.history(limit),
    metrics: async () => ({ service: 'test', at: 'now', metrics: [] }),
  };
  const app = runRoutes({ path: '/ops/things', request: zRequest, target: () => stub });
  return {
    app,
    book,
    calls,
    answer: (o: RunOutcome<Result>) => {
      next = o;
    },
  };
}

const post = (app: ReturnType<typeof target>['app'], body?: string) =>
  app.request('/ops/things', { method: 'POST', ...(body === undefined ? {} : { body }) });

describe('runRoutes', () => {
  it('runs with the checked body (none means {}) and answers the results', async () => {
    const t = target();
    const res = await post(t.app);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ results: [{ table: 'a' }] });
    await post(t.app, '{"table":"b","max":2}');
    expect(t.calls).toEqual([
      [{}, 'operator'],
      [{ table: 'b', max: 2 }, 'operator'],
    ]);
  });

  it('answers 400 naming the field for a body that is not JSON or not a request', async () => {
    const t = target();
    const notJson = await post(t.app, '{');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({
      error: { kind: 'invalid_request', message: 'the body is not valid JSON' },
    });
    const bad = await post(t.app, '{"max":0}');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/^max: /);
    const notObject = await post(t.app, '[1]');
    expect(((await notObject.json()) as { error: { message: string } }).error.message).toMatch(/^body: /);
    expect(t.calls).toEqual([]);
  });

  it('maps a refused run to 409, 404 or 500', async () => {
    const t = target();
    for (const [kind, status, errorKind] of [
      ['busy', 409, 'conflict'],
      ['not_found', 404, 'not_found'],
      ['invalid_config', 500, 'internal'],
    ] as const) {
      t.answer({ ok: false, kind, message: `refused: ${kind}` });
      const res = await post(t.app, '{}');
      expect(res.status).toBe(status);
      expect(await res.json()).toEqual({ error: { kind: errorKind, message: `refused: ${kind}` } });
    }
  });

  it('reports the run in flight and the recent runs in snake_case, newest first', async () => {
    const t = target();
    await post(t.app);
    t.answer({ ok: true, results: [{ table: 'b' }] });
    await post(t.app);
    const idle = await (await t.app.request('/ops/things')).json();
    expect(idle).toEqual({
      running: false,
      runs: [
        {
          id: 2,
          trigger: 'operator',
          started_at: '2026-01-01T00:00:00.000Z',
          finished_at: expect.any(String),
          results: [{ table: 'b' }],
        },
        expect.objectContaining({ id: 1, results: [{ table: 'a' }] }),
      ],
    });
    const startedAt = t.book.begin();
    t.book.progress({ table: 'c', maxBatches: 4 });
    const busy = await (await t.app.request('/ops/things?limit=1')).json();
    expect(busy).toEqual({
      running: true,
      current: { started_at: startedAt, table: 'c', max_batches: 4 },
      runs: [expect.objectContaining({ id: 2 })],
    });
  });

  it('refuses a limit that is not an integer from 1 to 100', async () => {
    const t = target();
    for (const limit of ['0', '101', '2.5', 'ten']) {
      const res = await t.app.request(`/ops/things?limit=${limit}`);
      expect(res.status, limit).toBe(400);
      expect(await res.json()).toEqual({
        error: {
          kind: 'invalid_request',
          message: `limit: must be an integer from 1 to 100, not "${limit}"`,
        },
      });
    }
  });

  it('answers the internal /healthz, /metrics and /history', async () => {
    const t = target();
    await post(t.app);
    expect(await (await t.app.request('/healthz')).json()).toEqual({ status: 'ok', running: false });
    t.book.begin();
    expect(await (await t.app.request('/healthz')).json()).toEqual({
      status: 'ok',
      running: true,
      startedAt: expect.any(String),
    });
    expect(await (await t.app.request('/metrics')).json()).toEqual({
      service: 'test',
      at: 'now',
      metrics: [],
    });
    const history = (await (await t.app.request('/history?limit=5')).json()) as { runs: unknown[] };
    expect(history.runs).toEqual([
      expect.objectContaining({ id: 1, trigger: 'operator', startedAt: expect.any(String) }),
    ]);
  });
});
