import { SELF } from 'cloudflare:test';
import { compareOpenApi, formatDifferences, parseOpenApiDocument } from '@analytics/contract-check';
import { describe, expect, it } from 'vitest';
import opsYaml from '../../../contracts/ops.yaml?raw';

describe('GET /health', () => {
  it('reports every component, and 503 while one is down', async () => {
    const res = await SELF.fetch('http://localhost/health');
    // The query engine (port 9) is unreachable in this test, so the whole is unhealthy.
    expect(res.status).toBe(503);
    const body = (await res.json()) as {
      status: string;
      components: { name: string; status: string; message?: string }[];
    };
    expect(body.status).toBe('unhealthy');
    expect(body.components.map((c) => c.name)).toEqual([
      'collector',
      'catalog',
      'api',
      'storage',
      'query-engine',
      'maintenance',
      'pipeline',
    ]);
    const byName = Object.fromEntries(body.components.map((c) => [c.name, c]));
    expect(byName.collector?.status).toBe('healthy');
    expect(byName.catalog?.status).toBe('healthy');
    expect(byName.storage?.status).toBe('healthy');
    expect(byName['query-engine']?.status).toBe('unhealthy');
    expect(byName['query-engine']?.message).toBeTruthy();
    // The maintenance stand-in's /healthz answers 500; the pipeline's is fine.
    expect(byName.maintenance).toMatchObject({
      status: 'unhealthy',
      message: expect.stringContaining('disk on fire'),
    });
    expect(byName.pipeline).toMatchObject({ status: 'healthy', details: { service: 'analytics-pipeline' } });
  });

  it('answers every component on its own: storage, the pipeline, an unhealthy one with 503', async () => {
    const storage = await SELF.fetch('http://localhost/health/storage');
    expect(storage.status).toBe(200);
    expect(await storage.json()).toMatchObject({ name: 'storage', status: 'healthy' });
    const pipeline = await SELF.fetch('http://localhost/health/pipeline');
    expect(pipeline.status).toBe(200);
    const maintenance = await SELF.fetch('http://localhost/health/maintenance');
    expect(maintenance.status).toBe(503);
    expect(await maintenance.json()).toMatchObject({ name: 'maintenance', status: 'unhealthy' });
  });

  it('answers one component, 200 when healthy', async () => {
    const res = await SELF.fetch('http://localhost/health/catalog');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      name: 'catalog',
      status: 'healthy',
      details: { service: 'analytics-catalog' },
    });
  });

  it('answers 404 naming the unknown component', async () => {
    const res = await SELF.fetch('http://localhost/health/storage-x');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { kind: 'not_found', message: expect.stringContaining('"storage-x"') },
    });
  });
});

describe('GET /metrics', () => {
  it('merges the services’ metrics into the contract’s JSON report', async () => {
    const res = await SELF.fetch('http://localhost/metrics?format=json');
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.queries).toEqual([
      { query_type: 'eventCounts', count: 200, p50_ms: 3, p95_ms: 9, p99_ms: 12 },
    ]);
    expect(body.ingest).toMatchObject({ events_total: 42 });
    expect(body.buffers).toEqual([{ table: 'default.page_views', events: 7, bytes: 700, fill_ratio: 0.25 }]);
    expect(body.caches).toEqual([{ cache: 'manifest', hits: 3, misses: 1, hit_ratio: 0.75 }]);
  });

  it('speaks Prometheus text by default', async () => {
    const res = await SELF.fetch('http://localhost/metrics');
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toContain(
      'analytics_query_latency_ms{service="api",query_type="eventCounts",quantile="0.99"} 12',
    );
    expect(text).toContain('analytics_cache_hit_ratio{service="health",cache="manifest"} 0.75');
  });
});

describe('operator actions', () => {
  it('refuses a missing token with 401 and a wrong one with 403', async () => {
    const missing = await SELF.fetch('http://localhost/ops/flush', { method: 'POST' });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ error: { kind: 'missing_token' } });
    const wrong = await SELF.fetch('http://localhost/ops/flush', {
      method: 'POST',
      headers: { authorization: 'Bearer nope' },
    });
    expect(wrong.status).toBe(403);
  });

  it('forwards a flush to the collector, maintenance to the maintenance Worker and imports to the pipeline', async () => {
    const auth = { authorization: 'Bearer test-operator-token', 'content-type': 'application/json' };
    const flush = await SELF.fetch('http://localhost/ops/flush', {
      method: 'POST',
      headers: auth,
      body: '{"table":"default.page_views"}',
    });
    expect(await flush.json()).toEqual({
      service: 'analytics-collector',
      method: 'POST',
      path: '/ops/flush',
      body: '{"table":"default.page_views"}',
    });
    const maint = await SELF.fetch('http://localhost/ops/maintenance', { method: 'POST', headers: auth });
    expect(await maint.json()).toMatchObject({
      service: 'analytics-maintenance',
      path: '/ops/maintenance',
      body: '{}',
    });
    const imports = await SELF.fetch('http://localhost/ops/imports', {
      method: 'POST',
      headers: auth,
      body: '{"source":"orders"}',
    });
    expect(await imports.json()).toEqual({
      service: 'analytics-pipeline',
      method: 'POST',
      path: '/ops/imports',
      body: '{"source":"orders"}',
    });
    const keyless = await SELF.fetch('http://localhost/ops/imports', { method: 'POST' });
    expect(keyless.status).toBe(401);
  });
});

describe('run reports', () => {
  it('forwards GET /ops/imports to the pipeline and GET /ops/maintenance to maintenance, limit included', async () => {
    const auth = { authorization: 'Bearer test-operator-token' };
    const imports = await SELF.fetch('http://localhost/ops/imports?limit=5', { headers: auth });
    expect(await imports.json()).toEqual({
      service: 'analytics-pipeline',
      method: 'GET',
      path: '/ops/imports',
      search: '?limit=5',
      body: '',
    });
    const maint = await SELF.fetch('http://localhost/ops/maintenance', { headers: auth });
    expect(await maint.json()).toEqual({
      service: 'analytics-maintenance',
      method: 'GET',
      path: '/ops/maintenance',
      body: '',
    });
  });

  it('answers only the operator', async () => {
    const keyless = await SELF.fetch('http://localhost/ops/imports');
    expect(keyless.status).toBe(401);
    const wrong = await SELF.fetch('http://localhost/ops/maintenance', {
      headers: { authorization: 'Bearer x' },
    });
    expect(wrong.status).toBe(403);
  });
});

describe('served contract', () => {
  it('serves exactly contracts/ops.yaml (the paths this Worker owns)', async () => {
    const served = await (await SELF.fetch('http://localhost/openapi.json')).text();
    const differences = compareOpenApi(parseOpenApiDocument(served), parseOpenApiDocument(opsYaml), {
      paths: ['/health', '/health/{component}', '/metrics', '/ops/flush', '/ops/maintenance', '/ops/imports'],
    });
    expect(formatDifferences(differences)).toBe('');
  });
});
