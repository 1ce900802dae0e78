/**
 * The import pipeline against the whole local stack: a SQLite database bound
 * as D1 (seeded with `wrangler d1 execute --local` in the stack's own state
 * folder) and an HTTP JSON API (a Node server on 127.0.0.1 with paged
 * listings) are copied into Iceberg tables of namespace `imports` by
 * `POST /ops/imports` through the router and the health Worker, then read
 * back with PyIceberg through the catalog. A second run takes only the new
 * records (and adds the column a new field brings); a third finds nothing to
 * do; a misconfigured source fails alone, naming its field; `GET /ops/imports`
 * lists the runs.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM script shared with `npm start`, no type declarations
import { freePort } from '../../scripts/stack.mjs';
import { pythonJson } from '../helpers/python.ts';
import { repoRoot, type StackHandle, startTestStack } from '../helpers/stack.ts';
import { CATALOG_CREDENTIAL } from './collector-helpers.ts';

const OPERATOR = { authorization: 'Bearer dev-operator-token', 'content-type': 'application/json' };

interface Customer {
  id: number;
  name: string;
  updated_at: string;
  tier?: string;
}

/** The API's records; the test adds to them between runs. */
const customers: Customer[] = Array.from({ length: 7 }, (_, i) => ({
  id: i + 1,
  name: `customer ${i + 1}`,
  updated_at: `2026-02-0${i + 1}T08:00:00Z`,
}));
const apiCalls: string[] = [];

/**
 * `GET /customers?since=<cursor>&page=<n>`: the records after `since` in
 * ascending `updated_at`, three per page, with a `next` link while more remain.
 */
function customersApi(req: { url?: string }, base: string): unknown {
  const url = new URL(req.url ?? '/', base);
  const since = url.searchParams.get('since') ?? '';
  const page = Number(url.searchParams.get('page') ?? '0');
  const after = customers
    .filter((c) => c.updated_at > since)
    .sort((a, b) => a.updated_at.localeCompare(b.updated_at));
  const data = after.slice(page * 3, page * 3 + 3);
  const more = after.length > page * 3 + 3;
  const next = new URL(url);
  next.searchParams.set('page', String(page + 1));
  return { data, next: more ? next.toString() : null };
}

let stack: StackHandle;
let api: Server;

interface ImportResult {
  source: string;
  kind?: string;
  table: string;
  status: string;
  rows: number;
  batches: number;
  cursor?: string;
  previous_cursor?: string;
  columns_added?: string[];
  error_kind?: string;
  message?: string;
}

async function runImports(body: Record<string, unknown> = {}): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${stack.url}/ops/imports`, {
    method: 'POST',
    headers: OPERATOR,
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

async function results(body: Record<string, unknown> = {}): Promise<Map<string, ImportResult>> {
  const { status, json } = await runImports(body);
  expect(status, JSON.stringify(json)).toBe(200);
  return new Map((json as { results: ImportResult[] }).results.map((r) => [r.source, r]));
}

interface TableRead {
  fields: { name: string; type: string; required: boolean }[];
  rows: Record<string, unknown>[];
  summaries: Record<string, string>[];
}

/** imports.<table> as PyIceberg reads it (tests/e2e/python/imports_read.py). */
function readImported(table: string): Promise<TableRead> {
  return pythonJson<TableRead>('imports_read.py', [stack.url, CATALOG_CREDENTIAL, table]);
}

const byId = (a: Record<string, unknown>, b: Record<string, unknown>) => Number(a.id) - Number(b.id);

beforeAll(async () => {
  const apiPort: number = await freePort();
  const base = `http://127.0.0.1:${apiPort}`;
  api = createServer((req, res) => {
    apiCalls.push(req.url ?? '');
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(customersApi(req, base)));
  });
  await new Promise<void>((r) => api.listen(apiPort, '127.0.0.1', r));

  // The application database: D1's local SQLite in the folder the stack persists to.
  const dataDir = mkdtempSync(join(tmpdir(), 'analytics-stack-'));
  const rows = Array.from(
    { length: 5 },
    (_, i) => `(${i + 1}, 'c${i + 1}', ${(i + 1) * 2.5}, ${i % 2}, '2026-01-0${i + 1} 10:00:00')`,
  ).join(', ');
  execFileSync(
    process.execPath,
    [
      join(repoRoot, 'node_modules', 'wrangler', 'bin', 'wrangler.js'),
      'd1',
      'execute',
      'analytics-app',
      '--local',
      '--persist-to',
      join(dataDir, 'state'),
      '-c',
      join(repoRoot, 'services', 'pipeline', 'wrangler.jsonc'),
      '--command',
      `CREATE TABLE orders (id INTEGER PRIMARY KEY, customer TEXT NOT NULL, amount REAL, paid BOOLEAN, updated_at DATETIME NOT NULL); INSERT INTO orders VALUES ${rows};`,
    ],
    { cwd: repoRoot, stdio: 'pipe', env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } },
  );

  const sources = [
    {
      name: 'orders',
      kind: 'd1',
      binding: 'APP_DB',
      from: 'orders',
      cursor: 'updated_at',
      key: 'id',
      batchSize: 2,
    },
    {
      name: 'customers',
      kind: 'http',
      url: `${base}/customers?since={cursor}`,
      records: '$.data',
      next: { link: '$.next' },
      cursor: 'updated_at',
    },
    { name: 'broken', kind: 'http', url: 'ftp://files.example/x', records: '$', cursor: 'id' },
  ];
  stack = await startTestStack({ dataDir, vars: { IMPORT_SOURCES: JSON.stringify(sources) } });
}, 300_000);

afterAll(async () => {
  await stack?.dispose();
  await new Promise((r) => api?.close(r));
});

describe('POST /ops/imports on the local stack', () => {
  it('imports every row of the D1 table and every page of the API, and reports the misconfigured source alone', async () => {
    const first = await results();
    expect(first.get('orders')).toMatchObject({
      kind: 'd1',
      table: 'imports.orders',
      status: 'imported',
      rows: 5,
      batches: 3,
      cursor: '"2026-01-05 10:00:00" (key 5)',
    });
    expect(first.get('customers')).toMatchObject({
      kind: 'http',
      table: 'imports.customers',
      status: 'imported',
      rows: 7,
      batches: 1,
      cursor: '"2026-02-07T08:00:00Z"',
    });
    expect(first.get('broken')).toMatchObject({ status: 'failed', rows: 0, error_kind: 'config' });
    expect(first.get('broken')?.message).toContain('url: must be an http:// or https:// URL');
    // The first listing started with an empty cursor and followed the next links.
    expect(apiCalls).toEqual(['/customers?since=', '/customers?since=&page=1', '/customers?since=&page=2']);

    const orders = await readImported('orders');
    expect(orders.rows.sort(byId)).toEqual(
      Array.from({ length: 5 }, (_, i) => ({
        id: i + 1,
        customer: `c${i + 1}`,
        amount: (i + 1) * 2.5,
        paid: i % 2 === 1,
        updated_at: expect.stringMatching(new RegExp(`^2026-01-0${i + 1}`)),
      })),
    );
    // Each batch is one snapshot whose summary carries the source's cursor.
    expect(orders.summaries.map((s) => s['analytics.import.cursor'])).toEqual([
      '"2026-01-02 10:00:00"',
      '"2026-01-04 10:00:00"',
      '"2026-01-05 10:00:00"',
    ]);

    const read = await readImported('customers');
    expect(read.rows.sort(byId)).toEqual(customers);
    expect(read.fields.map((f) => f.name)).toEqual(['id', 'name', 'updated_at']);
  }, 240_000);

  it('takes only the new records on the next run, adding the column a new field brings', async () => {
    apiCalls.length = 0;
    customers.push(
      { id: 8, name: 'customer 8', updated_at: '2026-02-08T08:00:00Z', tier: 'gold' },
      { id: 9, name: 'customer 9', updated_at: '2026-02-09T08:00:00Z' },
    );
    const second = await results({ source: 'customers' });
    expect([...second.keys()]).toEqual(['customers']);
    expect(second.get('customers')).toMatchObject({
      status: 'imported',
      rows: 2,
      previous_cursor: '"2026-02-07T08:00:00Z"',
      cursor: '"2026-02-09T08:00:00Z"',
      columns_added: ['tier'],
    });
    expect(apiCalls).toEqual([`/customers?since=${encodeURIComponent('2026-02-07T08:00:00Z')}`]);

    const read = await readImported('customers');
    expect(read.fields.map((f) => f.name)).toEqual(['id', 'name', 'updated_at', 'tier']);
    expect(read.rows.sort(byId)).toEqual(customers.map((c) => ({ tier: null, ...c })));
  }, 240_000);

  it('finds nothing new on a third run and writes no snapshot', async () => {
    const before = (await readImported('orders')).summaries.length;
    const third = await results();
    expect(third.get('orders')).toMatchObject({ status: 'up_to_date', rows: 0, batches: 0 });
    expect(third.get('customers')).toMatchObject({ status: 'up_to_date', rows: 0, batches: 0 });
    expect((await readImported('orders')).summaries.length).toBe(before);
  }, 240_000);

  it('lists the runs, newest first, on GET /ops/imports behind the operator token', async () => {
    const res = await fetch(`${stack.url}/ops/imports?limit=2`, {
      headers: { authorization: OPERATOR.authorization },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      running: boolean;
      runs: { trigger: string; started_at: string; results: ImportResult[] }[];
    };
    expect(body.running).toBe(false);
    expect(body.runs.map((r) => r.trigger)).toEqual(['operator', 'operator']);
    // The third run (nothing new), then the second (customers only).
    expect(body.runs[0]!.results.map((r) => [r.source, r.status])).toEqual([
      ['broken', 'failed'],
      ['orders', 'up_to_date'],
      ['customers', 'up_to_date'],
    ]);
    expect(body.runs[1]!.results.map((r) => [r.source, r.rows])).toEqual([['customers', 2]]);
    const keyless = await fetch(`${stack.url}/ops/imports`);
    expect(keyless.status).toBe(401);
  }, 60_000);

  it('answers bad requests with the status and a message naming the problem', async () => {
    const unknown = await runImports({ source: 'nope' });
    expect(unknown.status).toBe(404);
    expect(JSON.stringify(unknown.json)).toContain('nope');
    const bad = await runImports({ max_batches: 0 });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toContain('max_batches');
    const keyless = await fetch(`${stack.url}/ops/imports`, { method: 'POST' });
    expect(keyless.status).toBe(401);
  }, 60_000);
});
