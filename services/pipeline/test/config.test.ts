import { describe, expect, it } from 'vitest';
import { parseSources } from '../src/config.ts';

const d1 = { name: 'orders', kind: 'd1', binding: 'APP_DB', from: 'orders', cursor: 'updated_at', key: 'id' };
const turso = {
  name: 'customers',
  kind: 'libsql',
  url: 'libsql://app-acme.turso.io',
  authTokenSecret: 'TURSO_TOKEN',
  from: 'customers',
  cursor: 'id',
};
const api = {
  name: 'tickets',
  kind: 'http',
  url: 'https://api.example.com/tickets?since={cursor}',
  records: '$.data',
  next: { link: '$.links.next' },
  tokenSecret: 'TICKETS_TOKEN',
  cursor: 'updated_at',
};

describe('IMPORT_SOURCES', () => {
  it('reads every kind of source, with the defaults filled in', () => {
    const { sources, invalid } = parseSources(JSON.stringify([d1, turso, api]));
    expect(invalid).toEqual([]);
    expect(sources.map((s) => [s.name, s.kind, s.batchSize, s.maxBatches])).toEqual([
      ['orders', 'd1', 5000, 10],
      ['customers', 'libsql', 5000, 10],
      ['tickets', 'http', 5000, 10],
    ]);
    expect(sources[2]).toMatchObject({ maxPages: 100, next: { link: '$.links.next' } });
  });

  it('is empty when unset', () => {
    expect(parseSources(undefined)).toEqual({ sources: [], invalid: [] });
    expect(parseSources('  ')).toEqual({ sources: [], invalid: [] });
  });

  it('reports an invalid entry by its field and keeps the others', () => {
    const { sources, invalid } = parseSources(
      JSON.stringify([
        { ...api, url: 'ftp://x' },
        d1,
        { ...turso, batchSize: 0 },
        { ...d1, name: 'x', color: 1 },
      ]),
    );
    expect(sources.map((s) => s.name)).toEqual(['orders']);
    expect(invalid).toEqual([
      {
        name: 'tickets',
        kind: 'http',
        table: 'tickets',
        message: expect.stringMatching(/^IMPORT_SOURCES\[0\] \(tickets\): url: must be an http/),
      },
      {
        name: 'customers',
        kind: 'libsql',
        table: 'customers',
        message: expect.stringContaining('batchSize'),
      },
      { name: 'x', kind: 'd1', table: 'x', message: expect.stringContaining('color') },
    ]);
  });

  it('names the configured table of an invalid entry, and no kind when its kind is not one of the kinds', () => {
    const { invalid } = parseSources(
      JSON.stringify([
        { ...d1, kind: 'postgres', table: 'shop_orders' },
        { ...api, table: 'bad table', batchSize: 0 },
        { kind: 'd1' },
      ]),
    );
    expect(invalid).toEqual([
      {
        name: 'orders',
        table: 'shop_orders',
        message: expect.stringContaining('(orders): kind: '),
      },
      { name: 'tickets', kind: 'http', table: 'tickets', message: expect.stringContaining('table') },
      { name: '#2', kind: 'd1', table: '#2', message: expect.stringContaining('(#2)') },
    ]);
  });

  it('takes the array itself as well as a string holding it (wrangler vars may be JSON values)', () => {
    expect(parseSources([d1, turso, api])).toEqual(parseSources(JSON.stringify([d1, turso, api])));
    expect(parseSources([]).sources).toEqual([]);
    const { sources, invalid } = parseSources([d1, { ...api, url: 'ftp://x' }]);
    expect(sources.map((s) => s.name)).toEqual(['orders']);
    expect(invalid.map((i) => i.name)).toEqual(['tickets']);
    expect(() => parseSources({ name: 'x' } as unknown as unknown[])).toThrow(
      'IMPORT_SOURCES must be a JSON array',
    );
  });

  it('refuses a bad JSON path, two sources of one name or one table, and types on the cursor', () => {
    const { invalid } = parseSources(
      JSON.stringify([
        d1,
        { ...api, records: '$.data[x]' },
        { ...d1, table: 'other' },
        { ...turso, name: 'c2', table: 'orders' },
        { ...turso, types: { id: 'string' } },
      ]),
    );
    expect(invalid.map((i) => i.message)).toEqual([
      expect.stringContaining('records: invalid JSON path "$.data[x]"'),
      'IMPORT_SOURCES[2]: a source named orders is configured twice',
      'IMPORT_SOURCES[3] (c2): table imports.orders is already written by orders',
      'IMPORT_SOURCES[4] (customers): types: the cursor and key columns keep their source types (id)',
    ]);
  });

  it('throws when the variable is not a JSON array', () => {
    expect(() => parseSources('{"name":"x"}')).toThrow('IMPORT_SOURCES must be a JSON array');
    expect(() => parseSources('[')).toThrow('IMPORT_SOURCES is not valid JSON');
  });
});
