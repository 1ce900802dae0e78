import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';

describe('router', () => {
  it('serves the landing page listing every API', async () => {
    const res = await SELF.fetch('http://localhost/');
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const path of ['/events', '/v1/', '/graphql', '/health', '/metrics', '/docs', '/s3/'])
      expect(html).toContain(path);
  });

  it('serves a docs page listing the ingest, catalog and operations documents', async () => {
    const res = await SELF.fetch('http://localhost/docs');
    const html = await res.text();
    for (const doc of ['/docs/ingest.json', '/docs/catalog.json', '/docs/ops.json'])
      expect(html).toContain(doc);
  });

  it('answers unknown paths with a JSON 404 naming the path', async () => {
    const res = await SELF.fetch('http://localhost/nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { message: 'no route for GET /nope', code: 404 } });
  });
});

describe('forwarding', () => {
  it.each([
    ['POST', '/events', 'analytics-collector'],
    ['GET', '/v1/namespaces/default/tables?pageSize=2', 'analytics-catalog'],
    ['POST', '/graphql', 'analytics-api'],
    ['GET', '/health/collector', 'analytics-health'],
    ['GET', '/metrics', 'analytics-health'],
  ])('%s %s reaches %s unchanged', async (method, path, service) => {
    const res = await SELF.fetch(`http://localhost${path}`, { method });
    expect(await res.json()).toEqual({ service, method, path });
  });

  it('fetches each documented service’s OpenAPI document for the docs page', async () => {
    const res = await SELF.fetch('http://localhost/docs/catalog.json');
    expect(await res.json()).toEqual({ service: 'analytics-catalog', method: 'GET', path: '/openapi.json' });
  });
});
