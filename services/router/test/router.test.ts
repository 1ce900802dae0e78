import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';

describe('router', () => {
  it('serves the dashboard at /: a page that loads its script and stylesheet and lists the APIs', async () => {
    const res = await SELF.fetch('http://localhost/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('<div id="dashboard">');
    expect(html).toContain('<script type="module" src="/dashboard/dashboard.js"');
    expect(html).toContain('<link rel="stylesheet" href="/dashboard/dashboard.css">');
    for (const path of ['/graphql', '/events', '/docs', '/health', '/metrics', '/v1/', '/s3/'])
      expect(html).toContain(path);
  });

  it('serves the built dashboard script and stylesheet from its static assets', async () => {
    const js = await SELF.fetch('http://localhost/dashboard/dashboard.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    // The bundle talks to the GraphQL API of the same origin and carries the contract's operations.
    const code = await js.text();
    expect(code).toContain('/graphql');
    expect(code).toContain('videoEngagement');
    const css = await SELF.fetch('http://localhost/dashboard/dashboard.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    expect(await css.text()).toContain('.card');
  });

  it('answers a dashboard asset that does not exist with 404', async () => {
    const res = await SELF.fetch('http://localhost/dashboard/nope.js');
    expect(res.status).toBe(404);
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
