/**
 * Issue 2's promise on the real local stack: one origin answering /health with
 * every component's status, /docs showing the ingest, catalog and operations
 * APIs, and GraphQL introspection at /graphql showing the contract's types.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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
});
