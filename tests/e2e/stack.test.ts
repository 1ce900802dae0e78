/**
 * Issue 2's promise on the real local stack: one origin answering /health with
 * every component's status, /docs showing the ingest, catalog and operations
 * APIs, and GraphQL introspection at /graphql showing the contract's types.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signRequest } from '@analytics/s3/sigv4';
import { buildSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, type StackHandle, startTestStack } from '../helpers/stack.ts';

let stack: StackHandle;
beforeAll(async () => {
  stack = await startTestStack();
}, 180_000);
afterAll(async () => {
  await stack?.dispose();
});

describe('the local stack', () => {
  it('answers GET /health with 200 and every component healthy', async () => {
    const res = await fetch(`${stack.url}/health`);
    const body = (await res.json()) as {
      status: string;
      components: { name: string; status: string; message?: string }[];
    };
    expect(body.components.map((c) => [c.name, c.status, c.message ?? ''])).toEqual([
      ['collector', 'healthy', ''],
      ['catalog', 'healthy', ''],
      ['api', 'healthy', ''],
      ['storage', 'healthy', ''],
      ['query-engine', 'healthy', ''],
      ['maintenance', 'healthy', ''],
      ['pipeline', 'healthy', ''],
    ]);
    expect(res.status).toBe(200);
    expect(body.status).toBe('healthy');
  });

  it.each([
    ['ingest', '/events'],
    ['catalog', '/v1/namespaces'],
    ['ops', '/health'],
  ])('documents the %s API at /docs', async (slug, path) => {
    const page = await fetch(`${stack.url}/docs`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`/docs/${slug}.json`);
    const doc = (await (await fetch(`${stack.url}/docs/${slug}.json`)).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(doc.paths)).toContain(path);
  });

  it('serves the Swagger UI assets the docs page loads', async () => {
    const res = await fetch(`${stack.url}/vendor/swagger-ui/swagger-ui-bundle.js`);
    expect(res.status).toBe(200);
    expect((await res.text()).length).toBeGreaterThan(100_000);
  });

  it('shows the contract’s GraphQL types through introspection at /graphql', async () => {
    const res = await fetch(`${stack.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __schema { queryType { name } types { name } } }' }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { __schema: { types: { name: string }[] } } };
    const served = new Set(body.data.__schema.types.map((t) => t.name));
    const contract = buildSchema(readFileSync(join(repoRoot, 'contracts', 'analytics.graphql'), 'utf8'));
    const missing = Object.keys(contract.getTypeMap()).filter((name) => !served.has(name));
    expect(missing).toEqual([]);
  });

  it('prices the R2 operations of every service in /v1/costs, the collector’s flushes included', async () => {
    const send = (n: number) =>
      fetch(`${stack.url}/events`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-api-key': 'dev-api-key',
          'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0',
        },
        body: JSON.stringify({
          events: [
            {
              event_type: 'page_view',
              timestamp: '2026-01-15T12:00:00Z',
              session_id: `costs-${n}`,
              project_id: 'web',
              environment: 'production',
              version: '1',
              page_url: 'https://example.com/',
              page_title: 'Home',
            },
          ],
        }),
      });
    const flush = () =>
      fetch(`${stack.url}/ops/flush`, {
        method: 'POST',
        headers: { authorization: 'Bearer dev-operator-token', 'content-type': 'application/json' },
        body: JSON.stringify({ table: 'page_views' }),
      }).then((r) => r.json() as Promise<{ flushes: { status: string }[] }>);
    const classA = async () => {
      const costs = (await (await fetch(`${stack.url}/v1/costs`)).json()) as {
        operations: { class_a: { count: number } };
      };
      return costs.operations.class_a.count;
    };
    expect((await send(1)).status).toBe(202);
    expect((await flush()).flushes[0]?.status).toBe('committed'); // creates the table
    const before = await classA();
    expect((await send(2)).status).toBe(202);
    expect((await flush()).flushes[0]?.status).toBe('committed');
    // The catalog writes one metadata file; the collector a data file, a manifest and a manifest list.
    expect((await classA()) - before).toBeGreaterThanOrEqual(4);

    // Table bytes come from metadata and manifests; with no orphans they equal what the bucket holds.
    const costs = (await (await fetch(`${stack.url}/v1/costs`)).json()) as {
      storage: { tables: { table: string; bytes: number; files: number }[] };
    };
    const pageViews = costs.storage.tables.find((t) => t.table === 'page_views');
    const url = `${stack.url}/s3/analytics-source?list-type=2&prefix=${encodeURIComponent('events/page_views/')}`;
    const signed = await signRequest(
      { method: 'GET', url },
      {
        credentials: { accessKeyId: 'analytics-local', secretAccessKey: 'analytics-local-secret' },
        region: 'auto',
        now: new Date(),
      },
    );
    const listing = await (await fetch(url, { headers: signed.headers })).text();
    const sizes = [...listing.matchAll(/<Size>(\d+)<\/Size>/g)].map((m) => Number(m[1]));
    expect(pageViews).toEqual({ ...pageViews, files: sizes.length, bytes: sizes.reduce((a, b) => a + b, 0) });
    expect(pageViews?.files).toBeGreaterThanOrEqual(8); // 3 metadata files + 2 × (list, manifest, data file)
  });
});
