/**
 * The Worker's own surface: `POST /ops/imports` and `GET /ops/imports` as
 * the contract says (the health Worker forwards them after checking the
 * operator token), the internal run history and status. The CATALOG binding answers 503 in these tests,
 * so a run reports the catalog failure per source.
 */
import { env, SELF } from 'cloudflare:test';
import { zImportRuns } from '@analytics/generated/ops/zod';
import { beforeAll, describe, expect, it } from 'vitest';

const post = (body: string) =>
  SELF.fetch('http://pipeline/ops/imports', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });

beforeAll(async () => {
  await env.APP_DB.exec('CREATE TABLE IF NOT EXISTS http_orders (id INTEGER PRIMARY KEY, total REAL)');
  await env.APP_DB.exec('INSERT OR IGNORE INTO http_orders VALUES (1, 9.5)');
});

describe('POST /ops/imports', () => {
  it('refuses a body that is not an ImportRequest', async () => {
    const notJson = await post('{');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({
      error: { kind: 'invalid_request', message: 'the body is not valid JSON' },
    });
    const bad = await post('{"max_batches":0}');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/^max_batches: /);
  });

  it('answers 404 for a source that is not configured, naming the ones that are', async () => {
    const res = await post('{"source":"nope"}');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { kind: 'not_found', message: 'no source named nope; sources: app_orders, broken' },
    });
  });

  it('runs every source and reports each one, failures included, and keeps the run in the history', async () => {
    const res = await post('');
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as { results: Record<string, unknown>[] };
    expect(results).toEqual([
      expect.objectContaining({
        source: 'broken',
        kind: 'http',
        status: 'failed',
        error_kind: 'config',
        message: expect.stringContaining('url: must be an http:// or https:// URL'),
      }),
      expect.objectContaining({
        source: 'app_orders',
        kind: 'd1',
        table: 'imports.app_orders',
        status: 'failed',
        error_kind: 'catalog',
        rows: 0,
      }),
    ]);
    const history = (await (await SELF.fetch('http://pipeline/history')).json()) as {
      runs: { trigger: string; results: unknown[] }[];
    };
    expect(history.runs[0]).toMatchObject({ trigger: 'operator', results });
    const health = await (await SELF.fetch('http://pipeline/healthz')).json();
    expect(health).toEqual({ status: 'ok', running: false });
    const metrics = (await (await SELF.fetch('http://pipeline/metrics')).json()) as {
      metrics: { name: string }[];
    };
    expect(metrics.metrics.map((m) => m.name)).toEqual(
      expect.arrayContaining(['analytics_import_runs_total', 'analytics_import_failures_total']),
    );
  });
});

describe('GET /ops/imports', () => {
  it('reports that nothing runs and the recent runs, newest first, in the contract shape', async () => {
    await post('{"source":"broken"}');
    const res = await SELF.fetch('http://pipeline/ops/imports?limit=1');
    expect(res.status).toBe(200);
    const body = zImportRuns.parse(await res.json());
    expect(body).toEqual({
      running: false,
      runs: [
        {
          id: expect.any(Number),
          trigger: 'operator',
          started_at: expect.any(String),
          finished_at: expect.any(String),
          results: [expect.objectContaining({ source: 'broken', status: 'failed', error_kind: 'config' })],
        },
      ],
    });
    const all = zImportRuns.parse(await (await SELF.fetch('http://pipeline/ops/imports')).json());
    expect(all.runs.length).toBeGreaterThanOrEqual(2);
    expect(all.runs[0]!.id).toBeGreaterThan(all.runs[1]!.id);
  });

  it('refuses a limit outside 1 to 100', async () => {
    const res = await SELF.fetch('http://pipeline/ops/imports?limit=500');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: { kind: 'invalid_request', message: 'limit: must be an integer from 1 to 100, not "500"' },
    });
  });
});
