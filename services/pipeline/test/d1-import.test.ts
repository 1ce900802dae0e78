/**
 * Imports from a real local D1 database (Miniflare's SQLite) into Iceberg
 * tables in a real local R2 bucket, committed through the real catalog core
 * over REST: twice (the second run takes only the new rows), with schema
 * evolution, a type conflict in one source beside a working one, lost and
 * failed commit answers, and two runs racing over one source.
 */
import { env } from 'cloudflare:test';
import {
  currentSchema,
  currentSnapshot,
  readRows,
  type TableIdentifier,
  type TableMetadata,
} from '@analytics/iceberg';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseSources, type SourceConfig } from '../src/config.ts';
import { SUMMARY_CURSOR, SUMMARY_SOURCE } from '../src/cursor.ts';
import { importSource } from '../src/import-source.ts';
import { runImports } from '../src/run-imports.ts';
import { buildSource } from '../src/sources/index.ts';
import { catalogHost } from './catalog-host.ts';

const db = env.APP_DB;
const host = catalogHost();
const lookup = (name: string) => (env as unknown as Record<string, unknown>)[name];
let runs = 0;
const deps = () => host.deps(`run-${++runs}`);

function source(fields: Record<string, unknown>): SourceConfig {
  const { sources, invalid } = parseSources(JSON.stringify([{ kind: 'd1', binding: 'APP_DB', ...fields }]));
  expect(invalid).toEqual([]);
  return sources[0]!;
}

const orders = source({ name: 'orders', from: 'orders', cursor: 'updated_at', key: 'id', batchSize: 2 });
const ordersId: TableIdentifier = { namespace: ['imports'], name: 'orders' };

async function tableRows(id: TableIdentifier) {
  const rows = await readRows(host.tableEnv, id);
  return rows.sort(
    (a, b) => Number(a.id) - Number(b.id) || String(a.updated_at).localeCompare(String(b.updated_at)),
  );
}

async function metadata(id: TableIdentifier): Promise<TableMetadata> {
  return (await host.catalog.loadTable(id)).metadata;
}

async function insertOrder(id: number, updatedAt: string, amount = 10.5): Promise<void> {
  await db
    .prepare('INSERT INTO orders (id, customer, amount, paid, updated_at, note) VALUES (?, ?, ?, ?, ?, ?)')
    .bind(id, `c${id}`, amount, id % 2, updatedAt, id % 3 === 0 ? null : `n${id}`)
    .run();
}

beforeAll(async () => {
  await db.exec(
    'CREATE TABLE orders (id INTEGER PRIMARY KEY, customer VARCHAR(40) NOT NULL, amount REAL, paid BOOLEAN, updated_at DATETIME NOT NULL, note)',
  );
  for (let i = 1; i <= 5; i++) await insertOrder(i, `2026-01-0${i} 10:00:00`, i * 1.25);
});

describe('importing a D1 table', () => {
  it('creates the table on the first run, with types from the declared ones, in batches carrying the cursor', async () => {
    const [result] = await runImports(deps(), { sources: [orders], invalid: [] }, lookup);
    expect(result).toMatchObject({
      source: 'orders',
      kind: 'd1',
      table: 'imports.orders',
      status: 'imported',
      rows: 5,
      batches: 3,
      more: false,
      cursor: '"2026-01-05 10:00:00" (key 5)',
    });
    expect(result!.previous_cursor).toBeUndefined();

    const m = await metadata(ordersId);
    expect(currentSchema(m).fields.map((f) => [f.name, f.type.type, f.required])).toEqual([
      ['id', 'long', false],
      ['customer', 'string', false],
      ['amount', 'double', false],
      ['paid', 'boolean', false],
      ['updated_at', 'string', false],
      // No declared type: its values (text) decide.
      ['note', 'string', false],
    ]);
    expect(m.snapshots.map((s) => s.summary[SUMMARY_CURSOR])).toEqual([
      '"2026-01-02 10:00:00"',
      '"2026-01-04 10:00:00"',
      '"2026-01-05 10:00:00"',
    ]);
    expect(currentSnapshot(m)?.summary).toMatchObject({
      [SUMMARY_SOURCE]: 'orders',
      'analytics.import.cursor-key': '5',
      'analytics.import.run-id': 'run-1',
      'added-records': '1',
      'total-records': '5',
    });
    expect(await tableRows(ordersId)).toEqual([
      { id: 1n, customer: 'c1', amount: 1.25, paid: true, updated_at: '2026-01-01 10:00:00', note: 'n1' },
      { id: 2n, customer: 'c2', amount: 2.5, paid: false, updated_at: '2026-01-02 10:00:00', note: 'n2' },
      { id: 3n, customer: 'c3', amount: 3.75, paid: true, updated_at: '2026-01-03 10:00:00', note: null },
      { id: 4n, customer: 'c4', amount: 5, paid: false, updated_at: '2026-01-04 10:00:00', note: 'n4' },
      { id: 5n, customer: 'c5', amount: 6.25, paid: true, updated_at: '2026-01-05 10:00:00', note: 'n5' },
    ]);
  });

  it('imports only the rows changed since, adding a column the source gained', async () => {
    await db.exec("ALTER TABLE orders ADD COLUMN channel TEXT DEFAULT 'web'");
    await insertOrder(6, '2026-01-06 10:00:00');
    await insertOrder(7, '2026-01-06 10:00:00');
    await db.prepare("UPDATE orders SET amount = 99, updated_at = '2026-01-07 09:00:00' WHERE id = 2").run();
    const [result] = await runImports(deps(), { sources: [orders], invalid: [] }, lookup);
    expect(result).toMatchObject({
      status: 'imported',
      rows: 3,
      batches: 2,
      previous_cursor: '"2026-01-05 10:00:00" (key 5)',
      cursor: '"2026-01-07 09:00:00" (key 2)',
      columns_added: ['channel'],
    });
    const rows = await tableRows(ordersId);
    expect(rows).toHaveLength(8);
    // An update arrives as a new version of the row (append only); the old one stays.
    expect(rows.filter((r) => r.id === 2n).map((r) => [r.amount, r.updated_at, r.channel])).toEqual([
      [2.5, '2026-01-02 10:00:00', null],
      [99, '2026-01-07 09:00:00', 'web'],
    ]);
    expect(rows.filter((r) => r.id === 6n || r.id === 7n).map((r) => r.channel)).toEqual(['web', 'web']);
  });

  it('finds nothing to do when nothing changed, and commits nothing', async () => {
    const before = currentSnapshot(await metadata(ordersId))!.snapshotId;
    const [result] = await runImports(deps(), { sources: [orders], invalid: [] }, lookup);
    expect(result).toMatchObject({ status: 'up_to_date', rows: 0, batches: 0, more: false });
    expect(currentSnapshot(await metadata(ordersId))!.snapshotId).toBe(before);
  });

  it('stops at maxBatches and goes on from the cursor next run', async () => {
    for (let i = 8; i <= 12; i++) await insertOrder(i, `2026-01-${i + 2} 10:00:00`);
    const [first] = await runImports(deps(), { sources: [orders], invalid: [] }, lookup, { maxBatches: 1 });
    expect(first).toMatchObject({ status: 'imported', rows: 2, batches: 1, more: true });
    const [second] = await runImports(deps(), { sources: [orders], invalid: [] }, lookup);
    expect(second).toMatchObject({ status: 'imported', rows: 3, batches: 2, more: false });
    expect(await tableRows(ordersId)).toHaveLength(13);
  });

  it('never imports twice when a commit lands but its answer is lost', async () => {
    await insertOrder(13, '2026-01-20 10:00:00');
    host.faults.afterCommit = 1;
    const [lost] = await runImports(deps(), { sources: [orders], invalid: [] }, lookup);
    // The table says the commit landed with this run's id: the batch counts as done.
    expect(lost).toMatchObject({ status: 'imported', rows: 1, cursor: '"2026-01-20 10:00:00" (key 13)' });
    const [again] = await runImports(deps(), { sources: [orders], invalid: [] }, lookup);
    expect(again).toMatchObject({ status: 'up_to_date', rows: 0 });
    expect((await tableRows(ordersId)).filter((r) => r.id === 13n)).toHaveLength(1);
  });

  it('imports a failed batch once, on the next run', async () => {
    await insertOrder(14, '2026-01-21 10:00:00');
    host.faults.beforeCommit = 1;
    const [failed] = await runImports(deps(), { sources: [orders], invalid: [] }, lookup);
    expect(failed).toMatchObject({ status: 'failed', error_kind: 'catalog', rows: 0, batches: 0 });
    expect(failed!.message).toContain('commit-state-unknown');
    const [retried] = await runImports(deps(), { sources: [orders], invalid: [] }, lookup);
    expect(retried).toMatchObject({ status: 'imported', rows: 1 });
    const rows = await tableRows(ordersId);
    expect(rows.filter((r) => r.id === 14n)).toHaveLength(1);
    expect(rows).toHaveLength(15);
  });

  it('lets only one of two racing runs commit a batch', async () => {
    await insertOrder(15, '2026-01-22 10:00:00');
    await insertOrder(16, '2026-01-22 11:00:00');
    const run = (id: string) =>
      importSource(host.deps(id), orders, buildSource(orders, lookup), { maxBatches: 1 });
    const results = await Promise.all([run('race-a'), run('race-b')]);
    expect(results.map((r) => r.rows).sort()).toEqual([0, 2]);
    const loser = results.find((r) => r.rows === 0)!;
    expect(loser).toMatchObject({ status: 'failed', error_kind: 'concurrent_import' });
    const rows = await tableRows(ordersId);
    expect(rows.filter((r) => r.id === 15n || r.id === 16n)).toHaveLength(2);
    expect(rows).toHaveLength(17);
  });
});

describe('one source failing beside others', () => {
  it('reports a type conflict for its source and still imports the rest', async () => {
    await db.exec('CREATE TABLE readings (seq INTEGER NOT NULL, sensor TEXT, value INTEGER)');
    await db.exec("INSERT INTO readings VALUES (1, 'a', 10), (2, 'b', 20)");
    const readings = source({ name: 'readings', from: 'readings', cursor: 'seq' });
    const [first] = await runImports(deps(), { sources: [readings], invalid: [] }, lookup);
    expect(first).toMatchObject({ status: 'imported', rows: 2 });

    // SQLite keeps text that is not a number in an INTEGER column.
    await db.exec("INSERT INTO readings VALUES (3, 'c', 'n/a')");
    await insertOrder(17, '2026-01-23 10:00:00');
    const results = await runImports(
      deps(),
      parseSources(
        JSON.stringify([
          { name: 'readings', kind: 'd1', binding: 'APP_DB', from: 'readings', cursor: 'seq' },
          { name: 'missing', kind: 'd1', binding: 'NO_SUCH_DB', from: 'x', cursor: 'id' },
          { name: 'orders', kind: 'd1', binding: 'APP_DB', from: 'orders', cursor: 'updated_at', key: 'id' },
        ]),
      ),
      lookup,
    );
    expect(results.map((r) => [r.source, r.status, r.error_kind ?? null, r.rows])).toEqual([
      ['readings', 'failed', 'type_conflict', 0],
      ['missing', 'failed', 'config', 0],
      ['orders', 'imported', null, 1],
    ]);
    expect(results[0]!.message).toBe(
      'readings: imports.readings: column value: "n/a" (text) does not fit long (row with seq = 3). Nothing of this batch was imported.',
    );
    expect(results[1]!.message).toContain('no D1 binding named NO_SUCH_DB');
    expect(await readRows(host.tableEnv, { namespace: ['imports'], name: 'readings' })).toHaveLength(2);
  });

  it('reports a source column whose declared type no longer fits the table', async () => {
    await db.exec('CREATE TABLE prices (id INTEGER PRIMARY KEY, price INTEGER)');
    await db.exec('INSERT INTO prices VALUES (1, 5)');
    const prices = source({ name: 'prices', from: 'prices', cursor: 'id' });
    expect((await runImports(deps(), { sources: [prices], invalid: [] }, lookup))[0]).toMatchObject({
      rows: 1,
    });
    // The application rebuilds the table with REAL prices.
    await db.exec('DROP TABLE prices');
    await db.exec('CREATE TABLE prices (id INTEGER PRIMARY KEY, price REAL)');
    await db.exec('INSERT INTO prices VALUES (2, 5.5)');
    const [result] = await runImports(deps(), { sources: [prices], invalid: [] }, lookup);
    expect(result).toMatchObject({ status: 'failed', error_kind: 'type_conflict' });
    expect(result!.message).toContain(
      'column price is long in the table but double at the source (declared REAL)',
    );
  });

  it('reports initialCursor as the previous cursor of a first import', async () => {
    await db.exec('CREATE TABLE signups (id INTEGER PRIMARY KEY, email TEXT)');
    await db.exec("INSERT INTO signups VALUES (1, 'a@x'), (2, 'b@x'), (3, 'c@x')");
    const signups = source({ name: 'signups', from: 'signups', cursor: 'id', initialCursor: 1 });
    const [first] = await runImports(deps(), { sources: [signups], invalid: [] }, lookup);
    expect(first).toMatchObject({ status: 'imported', rows: 2, previous_cursor: '1', cursor: '3' });
    const [again] = await runImports(deps(), { sources: [signups], invalid: [] }, lookup);
    expect(again).toMatchObject({ status: 'up_to_date', previous_cursor: '3' });
  });

  it('holds back rows that share the last cursor value when there is no key', async () => {
    await db.exec('CREATE TABLE visits (at INTEGER NOT NULL, page TEXT)');
    await db.exec("INSERT INTO visits VALUES (1, 'a'), (2, 'b'), (2, 'c'), (2, 'd'), (3, 'e')");
    const visits = source({ name: 'visits', from: 'visits', cursor: 'at', batchSize: 3 });
    const [result] = await runImports(deps(), { sources: [visits], invalid: [] }, lookup);
    expect(result).toMatchObject({ status: 'imported', rows: 5, batches: 3, cursor: '3' });
    expect(result!.message).toContain('rows with at = 2 are held back for the next batch');
    const rows = await readRows(host.tableEnv, { namespace: ['imports'], name: 'visits' });
    expect(rows.map((r) => r.page).sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});
