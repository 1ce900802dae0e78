import {
  MEMORY_CATALOG_CREDENTIAL as CREDENTIAL,
  memoryCatalogApp,
} from '@analytics/catalog/test/memory-catalog';
import { MemoryStore } from '@analytics/iceberg';
import { beforeAll, describe, expect, it } from 'vitest';
import { RestCatalogReader } from '../src/rest-catalog-reader.ts';

// The reader against the real catalog app (@analytics/catalog over memory stores, in process).
const app = memoryCatalogApp({ buckets: new Map([['analytics-source', new MemoryStore()]]) });

/** What the reader sent and got, table loads only. */
const loads: { ifNoneMatch: string | null; status: number }[] = [];
async function catalogFetch(request: Request): Promise<Response> {
  const response = await app.fetch(request);
  if (new URL(request.url).pathname.includes('/tables/'))
    loads.push({ ifNoneMatch: request.headers.get('if-none-match'), status: response.status });
  return response;
}

let token = '';
async function call(method: string, path: string, body?: unknown): Promise<Response> {
  const res = await app.fetch(
    new Request(`http://catalog.test${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
  );
  expect(res.status, `${method} ${path}: ${await res.clone().text()}`).toBeLessThan(300);
  return res;
}

beforeAll(async () => {
  const grant = await app.fetch(
    new Request('http://catalog.test/v1/oauth/tokens', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=analytics&client_secret=analytics-secret&scope=catalog',
    }),
  );
  token = ((await grant.json()) as { access_token: string }).access_token;
  await call('POST', '/v1/namespaces', { namespace: ['default'] });
  await call('POST', '/v1/namespaces/default/tables', {
    name: 'page_views',
    schema: { type: 'struct', 'schema-id': 0, fields: [{ id: 1, name: 'id', required: true, type: 'long' }] },
  });
});

describe('RestCatalogReader', () => {
  it('reloads a table that did not change with its ETag: a 304, no metadata sent or parsed again', async () => {
    const reader = new RestCatalogReader({
      uri: 'http://catalog.test',
      credential: CREDENTIAL,
      fetch: catalogFetch,
    });
    const table = { namespace: ['default'], name: 'page_views' };
    const first = await reader.loadTable(table);
    const again = await reader.loadTable(table);
    expect(again).toBe(first);
    expect(loads.slice(-2).map((l) => l.status)).toEqual([200, 304]);
    expect(loads.at(-1)?.ifNoneMatch).toMatch(/^W\/".+"$/);

    await call('POST', '/v1/namespaces/default/tables/page_views', {
      requirements: [],
      updates: [{ action: 'set-properties', updates: { owner: 'analytics' } }],
    });
    const changed = await reader.loadTable(table);
    expect(loads.at(-1)?.status).toBe(200);
    expect(changed.metadataLocation).not.toBe(first.metadataLocation);
    expect(changed.metadata.properties?.owner).toBe('analytics');
    expect(await reader.loadTable(table)).toBe(changed);
    expect(loads.at(-1)?.status).toBe(304);
  });
});
