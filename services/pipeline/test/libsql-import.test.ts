/**
 * Imports from a libSQL / Turso database over Hrana HTTP, end to end:
 * `buildSource` → `SqlSource` → `HranaClient` → a server that speaks Hrana
 * over HTTP v2 (`hrana-server.ts`, over a real SQLite database, this run's
 * local D1) → Parquet in the local R2 bucket, committed through the real
 * catalog core. Integers beyond 2^53 travel as text and stay exact; floats,
 * nulls and blobs keep their values; the token comes from the secret the
 * source names; an SQL error and a refused token are `source` failures that
 * say what happened.
 */
import { env } from 'cloudflare:test';
import { currentSchema, readRows, type TableIdentifier } from '@analytics/iceberg';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseSources, type SourceConfig } from '../src/config.ts';
import { runImports } from '../src/run-imports.ts';
import { decodeHranaValue, HranaClient, hranaBaseUrl } from '../src/sources/hrana-client.ts';
import { catalogHost } from './catalog-host.ts';
import { HranaServer } from './hrana-server.ts';

const db = env.APP_DB;
const host = catalogHost();
const TOKEN = 'turso-token-for-tests';
const server = new HranaServer(db, { authToken: TOKEN });
const secrets: Record<string, string> = { TURSO_TOKEN: TOKEN, WRONG_TOKEN: 'not-the-token' };
const lookup = (name: string) => secrets[name] ?? (env as unknown as Record<string, unknown>)[name];
let runs = 0;
const deps = () => host.deps(`libsql-run-${++runs}`);

function source(fields: Record<string, unknown>): SourceConfig {
  const { sources, invalid } = parseSources([
    { kind: 'libsql', url: 'libsql://app-acme.turso.io', authTokenSecret: 'TURSO_TOKEN', ...fields },
  ]);
  expect(invalid).toEqual([]);
  return sources[0]!;
}

const run = (config: SourceConfig) =>
  runImports(deps(), { sources: [config], invalid: [] }, lookup, { fetcher: server });

const customers = source({ name: 'lib_customers', from: 'lib_customers', cursor: 'id', batchSize: 2 });
const customersId: TableIdentifier = { namespace: ['imports'], name: 'lib_customers' };

beforeAll(async () => {
  await db.exec(
    'CREATE TABLE lib_customers (id INTEGER PRIMARY KEY, big INTEGER, score REAL, name TEXT, avatar BLOB, note)',
  );
  // Integers at and beyond 2^53 (exact in SQLite, not in a JavaScript number), floats, NULLs, blobs.
  await db.exec(
    "INSERT INTO lib_customers VALUES (1, 9007199254740993, 1.5, 'Ann', x'00ff10', NULL), (2, -9223372036854775808, -0.25, 'Bø', NULL, 'vip'), (3, 9223372036854775807, 1e300, NULL, x'', NULL)",
  );
});

describe('importing a libSQL table over Hrana HTTP', () => {
  it('imports every value exactly, in batches, with the token and one closed stream per request', async () => {
    const [result] = await run(customers);
    expect(result).toMatchObject({
      source: 'lib_customers',
      kind: 'libsql',
      table: 'imports.lib_customers',
      status: 'imported',
      rows: 3,
      batches: 2,
      cursor: '3',
    });
    expect(result!.previous_cursor).toBeUndefined();

    const { metadata } = await host.catalog.loadTable(customersId);
    expect(currentSchema(metadata).fields.map((f) => [f.name, f.type.type])).toEqual([
      ['id', 'long'],
      ['big', 'long'],
      ['score', 'double'],
      ['name', 'string'],
      ['avatar', 'binary'],
      ['note', 'string'],
    ]);
    const rows = (await readRows(host.tableEnv, customersId)).sort((a, b) => Number(a.id) - Number(b.id));
    expect(rows).toEqual([
      {
        id: 1n,
        big: 9007199254740993n,
        score: 1.5,
        name: 'Ann',
        avatar: new Uint8Array([0, 255, 16]),
        note: null,
      },
      { id: 2n, big: -9223372036854775808n, score: -0.25, name: 'Bø', avatar: null, note: 'vip' },
      { id: 3n, big: 9223372036854775807n, score: 1e300, name: null, avatar: new Uint8Array([]), note: null },
    ]);

    // Every request: the database's HTTPS URL, the bearer token, a new stream, closed at the end.
    expect(server.received.length).toBeGreaterThanOrEqual(4);
    for (const r of server.received) {
      expect(r.url).toBe('https://app-acme.turso.io/v2/pipeline');
      expect(r.authorization).toBe(`Bearer ${TOKEN}`);
      expect(r.body.baton).toBeNull();
      expect(r.body.requests.at(-1)).toEqual({ type: 'close' });
      expect(r.baton).toBeNull();
    }
    expect(server.openStreams).toBe(0);
    // The keyset scan binds the cursor as a Hrana integer.
    const scans = server.received
      .flatMap((r) => r.body.requests)
      .filter((q) => /^SELECT/.test(String(q.stmt?.sql)));
    expect(scans.map((q) => q.stmt?.args)).toEqual([[], [{ type: 'integer', value: '2' }]]);
  });

  it('takes only the new rows on the next run', async () => {
    await db.exec("INSERT INTO lib_customers VALUES (4, 42, 2.5, 'Dee', x'ab', NULL)");
    const [result] = await run(customers);
    expect(result).toMatchObject({
      status: 'imported',
      rows: 1,
      batches: 1,
      previous_cursor: '3',
      cursor: '4',
    });
    const [again] = await run(customers);
    expect(again).toMatchObject({ status: 'up_to_date', rows: 0, previous_cursor: '4' });
    expect(await readRows(host.tableEnv, customersId)).toHaveLength(4);
  });

  it('reports an SQL error of the database as a source failure carrying its message', async () => {
    await db.exec('CREATE TABLE lib_gone (id INTEGER)');
    await db.exec('CREATE VIEW lib_broken AS SELECT id FROM lib_gone');
    await db.exec('DROP TABLE lib_gone');
    const [result] = await run(source({ name: 'lib_broken', from: 'lib_broken', cursor: 'id' }));
    expect(result).toMatchObject({ status: 'failed', error_kind: 'source', rows: 0 });
    expect(result!.message).toMatch(
      /^lib_broken: libSQL database https:\/\/app-acme\.turso\.io failed: .*no such table: main\.lib_gone.* \(SQLITE_ERROR\)$/,
    );
  });

  it('reports a refused token as a source failure pointing at authTokenSecret, and a missing secret as config', async () => {
    const [refused] = await run(
      source({ name: 'lib_refused', from: 'lib_customers', cursor: 'id', authTokenSecret: 'WRONG_TOKEN' }),
    );
    expect(refused).toMatchObject({ status: 'failed', error_kind: 'source' });
    expect(refused!.message).toContain("answered HTTP 401 (check the source's authTokenSecret)");
    const [missing] = await run(
      source({ name: 'lib_unset', from: 'lib_customers', cursor: 'id', authTokenSecret: 'NOT_SET' }),
    );
    expect(missing).toMatchObject({ status: 'failed', error_kind: 'config' });
    expect(missing!.message).toContain('no secret named NOT_SET is set');
  });
});

describe('HranaClient', () => {
  it('runs statements in order on one stream, closes it in the same request, and encodes arguments', async () => {
    const client = new HranaClient({ url: 'http://127.0.0.1:8080/', authToken: TOKEN, fetcher: server });
    const before = server.received.length;
    const [values, args] = await client.execute([
      { sql: "SELECT 9007199254740993 AS big, 0.5 AS f, 'x' AS t, NULL AS n, x'0102' AS b" },
      { sql: 'SELECT ? AS i, ? AS f, ? AS t, ? AS n', args: [7n, 0.5, 'x', null] },
    ]);
    expect(values).toEqual({
      columns: ['big', 'f', 't', 'n', 'b'],
      rows: [[9007199254740993n, 0.5, 'x', null, new Uint8Array([1, 2])]],
    });
    expect(args?.columns).toEqual(['i', 'f', 't', 'n']);
    expect(args?.rows[0]?.slice(1)).toEqual([0.5, 'x', null]);
    const sent = server.received.slice(before);
    expect(sent.map((r) => r.body.requests.map((q) => q.type))).toEqual([['execute', 'execute', 'close']]);
    // Integers as decimal strings, numbers (even integral ones) as floats.
    expect(sent[0]?.body.requests[1]?.stmt?.args).toEqual([
      { type: 'integer', value: '7' },
      { type: 'float', value: 0.5 },
      { type: 'text', value: 'x' },
      { type: 'null' },
    ]);
  });

  it('fails clearly on an HTTP error and on a body that is not a pipeline response', async () => {
    const notFound = new HranaClient({
      url: 'http://db.local',
      fetcher: { fetch: async () => new Response('no database here', { status: 404 }) },
    });
    await expect(notFound.execute([{ sql: 'SELECT 1' }])).rejects.toThrow(
      'libSQL database http://db.local answered HTTP 404: no database here',
    );
    const html = new HranaClient({
      url: 'http://db.local',
      fetcher: { fetch: async () => new Response('<html>') },
    });
    await expect(html.execute([{ sql: 'SELECT 1' }])).rejects.toThrow('not a Hrana pipeline response');
  });

  it('maps libsql:// to https:// and decodes unpadded base64 blobs', () => {
    expect(hranaBaseUrl('libsql://db-org.turso.io/')).toBe('https://db-org.turso.io');
    expect(hranaBaseUrl('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
    expect(decodeHranaValue({ type: 'blob', base64: 'AP8Q' })).toEqual(new Uint8Array([0, 255, 16]));
    expect(decodeHranaValue({ type: 'blob', base64: 'qw' })).toEqual(new Uint8Array([0xab]));
    expect(decodeHranaValue({ type: 'integer', value: '-9223372036854775808' })).toBe(-9223372036854775808n);
  });
});
