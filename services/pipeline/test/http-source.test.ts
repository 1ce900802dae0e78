import { describe, expect, it } from 'vitest';
import { type HttpSourceConfig, parseSources } from '../src/config.ts';
import { isImportError } from '../src/errors.ts';
import { parseJsonPath, selectJsonPath } from '../src/json-path.ts';
import { HttpSource } from '../src/sources/http-source.ts';

function config(fields: Record<string, unknown>): HttpSourceConfig {
  const { sources, invalid } = parseSources(
    JSON.stringify([{ name: 'tickets', kind: 'http', records: '$.data', cursor: 'updated', ...fields }]),
  );
  expect(invalid).toEqual([]);
  return sources[0] as HttpSourceConfig;
}

interface Ticket {
  id: number;
  updated: number;
  title: string;
}

/**
 * An in-memory JSON API: `GET /tickets?since=N&page=P` lists tickets with
 * `updated >= since` (inclusive, as many APIs are) in ascending order, two
 * per page, with a next link; `/by-token` pages by an opaque token instead.
 */
function ticketApi(tickets: Ticket[], options: { order?: 'asc' | 'desc' } = {}) {
  const requests: { url: string; authorization: string | null }[] = [];
  return {
    requests,
    fetcher: {
      async fetch(input: string, init?: RequestInit): Promise<Response> {
        const url = new URL(input);
        requests.push({ url: input, authorization: new Headers(init?.headers).get('authorization') });
        if (url.pathname === '/down') return new Response('maintenance', { status: 503 });
        const since = Number(url.searchParams.get('since') || 0);
        const page = Number(url.searchParams.get('page') ?? url.searchParams.get('token') ?? 0);
        const all = tickets
          .filter((t) => t.updated >= since)
          .sort((a, b) => (options.order === 'desc' ? b.updated - a.updated : a.updated - b.updated));
        const data = all.slice(page * 2, page * 2 + 2);
        const more = (page + 1) * 2 < all.length;
        const next = new URL(url);
        next.searchParams.set('page', String(page + 1));
        return Response.json({
          data,
          links: { next: more ? `${next.pathname}${next.search}` : null },
          meta: { token: more ? String(page + 1) : null },
        });
      },
    },
  };
}

const tickets = (n: number, updated = (i: number) => i * 10): Ticket[] =>
  Array.from({ length: n }, (_, i) => ({ id: i + 1, updated: updated(i + 1), title: `ticket ${i + 1}` }));

describe('the HTTP JSON source', () => {
  it('follows next links to the end of the listing, with the cursor in the URL and the bearer token', async () => {
    const api = ticketApi(tickets(5));
    const source = new HttpSource(
      config({ url: 'http://api.test/tickets?since={cursor}', next: { link: '$.links.next' } }),
      { fetcher: api.fetcher, token: 't0ken' },
    );
    const batch = await source.readBatch({ value: 20n }, 100);
    // since=20 is inclusive at the API; ticket 2 (updated 20) was imported already.
    expect(batch.rows.map((r) => r.id)).toEqual([3n, 4n, 5n]);
    expect(batch.cursor).toEqual({ value: 50n });
    expect(batch.more).toBe(false);
    expect(api.requests.map((r) => r.url)).toEqual([
      'http://api.test/tickets?since=20',
      'http://api.test/tickets?since=20&page=1',
    ]);
    expect(api.requests.every((r) => r.authorization === 'Bearer t0ken')).toBe(true);
    expect(batch.columns).toEqual([
      { name: 'id', type: { type: 'long' }, origin: 'JSON values' },
      { name: 'updated', type: { type: 'long' }, origin: 'JSON values' },
      { name: 'title', type: { type: 'string' }, origin: 'JSON values' },
    ]);
  });

  it('starts from initialCursor, then from nothing, when nothing was imported', async () => {
    const api = ticketApi(tickets(3));
    const from = (fields: Record<string, unknown>) =>
      new HttpSource(config({ url: 'http://api.test/tickets?since={cursor}', ...fields }), {
        fetcher: api.fetcher,
      });
    expect((await from({ initialCursor: 15 }).readBatch(undefined, 100)).rows.map((r) => r.id)).toEqual([
      2n,
      3n,
    ]);
    expect(api.requests.at(-1)?.url).toBe('http://api.test/tickets?since=15');
    expect((await from({}).readBatch(undefined, 100)).rows.map((r) => r.id)).toEqual([1n, 2n]);
    expect(api.requests.at(-1)?.url).toBe('http://api.test/tickets?since=');
  });

  it('pages by a token sent back as a query parameter', async () => {
    const api = ticketApi(tickets(5));
    const source = new HttpSource(
      config({
        url: 'http://api.test/by-token?since={cursor}',
        next: { cursor: '$.meta.token', param: 'token' },
      }),
      { fetcher: api.fetcher },
    );
    const batch = await source.readBatch(undefined, 100);
    expect(batch.rows.map((r) => r.id)).toEqual([1n, 2n, 3n, 4n, 5n]);
    expect(api.requests.map((r) => new URL(r.url).searchParams.get('token'))).toEqual([null, '1', '2']);
  });

  it('stops between pages once it has the limit, keeping records that share a cursor value together', async () => {
    // updated: 10, 20, 20, 20, 30, 40; pages of two.
    const api = ticketApi(tickets(6, (i) => [0, 10, 20, 20, 20, 30, 40][i]!));
    const source = new HttpSource(
      config({ url: 'http://api.test/tickets?since={cursor}', next: { link: '$.links.next' } }),
      { fetcher: api.fetcher },
    );
    const first = await source.readBatch(undefined, 2);
    // The limit falls on the first 20: the other two 20s come along, up to the 30.
    expect(first.rows.map((r) => r.id)).toEqual([1n, 2n, 3n, 4n]);
    expect(first).toMatchObject({ cursor: { value: 20n }, more: true });
    const second = await source.readBatch(first.cursor, 2);
    expect(second.rows.map((r) => r.id)).toEqual([5n, 6n]);
    expect(second).toMatchObject({ cursor: { value: 40n }, more: false });
  });

  it('holds back a run of equal cursor values cut by maxPages, for the next batch', async () => {
    const api = ticketApi(tickets(6, (i) => [0, 10, 20, 20, 20, 30, 40][i]!));
    const source = new HttpSource(
      config({ url: 'http://api.test/tickets?since={cursor}', next: { link: '$.links.next' }, maxPages: 2 }),
      { fetcher: api.fetcher },
    );
    const first = await source.readBatch(undefined, 100);
    // Two pages end inside the 20s: only the 10 is safe.
    expect(first.rows.map((r) => r.id)).toEqual([1n]);
    expect(first).toMatchObject({ cursor: { value: 10n }, more: true });
    expect(first.notes).toEqual(['3 records with updated = 20 are held back for the next batch']);
    // Asked again from 10, two pages hold nothing but 20s: no batch can be cut safely.
    await expect(source.readBatch(first.cursor, 100)).rejects.toThrow(
      '3 records share updated = 20 over 2 pages and the listing goes on: raise maxPages',
    );
  });

  it('reads a listing not in cursor order to its end, and refuses to cut it short', async () => {
    const api = ticketApi(tickets(5), { order: 'desc' });
    const source = (maxPages: number) =>
      new HttpSource(
        config({ url: 'http://api.test/tickets?since={cursor}', next: { link: '$.links.next' }, maxPages }),
        { fetcher: api.fetcher },
      );
    // Past the limit nothing greater than the limit's value comes, so the batch reads on to the end.
    const all = await source(100).readBatch(undefined, 2);
    expect(all).toMatchObject({ cursor: { value: 50n }, more: false });
    expect(all.rows).toHaveLength(5);
    const error = await source(2)
      .readBatch(undefined, 2)
      .catch((e: unknown) => e);
    expect(isImportError(error, 'source')).toBe(true);
    expect((error as Error).message).toContain(
      'does not list records in ascending updated order (50 before 40)',
    );
  });

  it('reports an HTTP error or records that are not where the path says', async () => {
    const api = ticketApi(tickets(1));
    const down = new HttpSource(config({ url: 'http://api.test/down' }), { fetcher: api.fetcher });
    await expect(down.readBatch(undefined, 10)).rejects.toThrow(
      'GET http://api.test/down answered HTTP 503: maintenance',
    );
    const wrongPath = new HttpSource(config({ url: 'http://api.test/tickets', records: '$.items' }), {
      fetcher: api.fetcher,
    });
    await expect(wrongPath.readBatch(undefined, 10)).rejects.toThrow(
      '$.items is missing, not an array of records',
    );
  });

  it('keeps nested members as JSON text and reports a field holding two kinds of values', async () => {
    const fetcher = {
      fetch: async () =>
        Response.json([
          { updated: '2026-01-01', tags: ['a', 'b'], owner: { id: 7 }, n: 1 },
          { updated: '2026-01-02', tags: [], owner: null, n: 'one' },
        ]),
    };
    const source = new HttpSource(config({ url: 'http://api.test/x', records: '$' }), { fetcher });
    await expect(source.readBatch(undefined, 10)).rejects.toThrow(
      'field n holds both integer and text values',
    );
    const ok = new HttpSource(config({ url: 'http://api.test/x', records: '$', types: { n: 'string' } }), {
      fetcher: {
        fetch: async () => Response.json([{ updated: '2026-01-01', tags: ['a'], owner: { id: 7 } }]),
      },
    });
    const batch = await ok.readBatch(undefined, 10);
    expect(batch.rows[0]).toEqual({ updated: '2026-01-01', tags: '["a"]', owner: '{"id":7}' });
    expect(batch.cursor).toEqual({ value: '2026-01-01' });
  });
});

describe('JSON paths', () => {
  it('select members, indices and quoted names; $ alone is the document', () => {
    const doc = { data: { items: [{ 'odd key': 1 }] } };
    expect(selectJsonPath(doc, '$')).toBe(doc);
    expect(selectJsonPath(doc, 'data.items')).toEqual([{ 'odd key': 1 }]);
    expect(selectJsonPath(doc, "$.data.items[0]['odd key']")).toBe(1);
    expect(selectJsonPath(doc, '$.data.missing.deeper')).toBeUndefined();
    expect(() => parseJsonPath('$.a..b')).toThrow('invalid JSON path "$.a..b" at 3');
  });
});
