import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ColumnSpec } from '../src/table-source.ts';
import { type TestEngine, testEngine } from './helpers/engine.ts';

const table = { namespace: ['analytics'], name: 'signups' };
let t: TestEngine;

// Schema v1: id(1) long… written as int, name(2), plan(3).
// Schema v2: `name` renamed to `full_name` (same id 2), `plan` dropped, a new
// `plan` added with id 4 (a different column that happens to reuse the name),
// `id` promoted int → long, `country`(5) added.
const v1: ColumnSpec[] = [
  { fieldId: 1, name: 'id', duckdbType: 'INTEGER' },
  { fieldId: 2, name: 'name', duckdbType: 'VARCHAR' },
  { fieldId: 3, name: 'plan', duckdbType: 'VARCHAR' },
];
const v2: ColumnSpec[] = [
  { fieldId: 1, name: 'id', duckdbType: 'BIGINT' },
  { fieldId: 2, name: 'full_name', duckdbType: 'VARCHAR' },
  { fieldId: 4, name: 'plan', duckdbType: 'VARCHAR' },
  { fieldId: 5, name: 'country', duckdbType: 'VARCHAR' },
];

beforeAll(async () => {
  t = await testEngine();
  const w = await t.writer.connect();
  const a = join(t.dir, 'v1.parquet');
  const b = join(t.dir, 'v2.parquet');
  await w.run(
    `COPY (SELECT 1::INTEGER AS id, 'Ada' AS name, 'free' AS plan) TO '${a}' (FORMAT parquet, FIELD_IDS {id: 1, name: 2, plan: 3})`,
  );
  await w.run(
    `COPY (SELECT 2::BIGINT AS id, 'Grace' AS full_name, 'pro' AS plan, 'GB' AS country) TO '${b}' (FORMAT parquet, FIELD_IDS {id: 1, full_name: 2, plan: 4, country: 5})`,
  );
  t.source.createTable(table, 's3://analytics-source/signups');
  t.source.append(table, {
    snapshotId: 10n,
    timestampMs: 1_000,
    columns: v1,
    files: [{ uri: a, recordCount: 1n, sizeInBytes: 1n }],
  });
  t.source.append(table, {
    snapshotId: 11n,
    timestampMs: 2_000,
    columns: v2,
    files: [{ uri: b, recordCount: 1n, sizeInBytes: 1n }],
  });
});
afterAll(() => t.close());

it('reads files of every schema version by field id under the current schema', async () => {
  const r = await t.engine.sql('SELECT * FROM signups ORDER BY id');
  expect(r.columns).toEqual(['id', 'full_name', 'plan', 'country']);
  // The old file's `plan` (id 3) is a dropped column: it must not show up as the new `plan` (id 4).
  expect(r.rows).toEqual([
    { id: '1', full_name: 'Ada', plan: null, country: null },
    { id: '2', full_name: 'Grace', plan: 'pro', country: 'GB' },
  ]);
});

it('reads an older snapshot under that snapshot’s own schema', async () => {
  const r = await t.engine.sql('SELECT * FROM signups', { at: { snapshotId: 10n } });
  expect(r.columns).toEqual(['id', 'name', 'plan']);
  expect(r.rows).toEqual([{ id: 1, name: 'Ada', plan: 'free' }]);
  expect(r.snapshotId).toBe(10n);
});

it('time travel by timestamp reads the snapshot current at that instant', async () => {
  const before = await t.engine.sql('SELECT count(*) AS n FROM signups', { at: { timestampMs: 1_500 } });
  expect(before.rows).toEqual([{ n: '1' }]);
  expect(before.snapshotTimestampMs).toBe(1_000);
  const after = await t.engine.sql('SELECT count(*) AS n FROM signups', { at: { timestampMs: 2_000 } });
  expect(after.rows).toEqual([{ n: '2' }]);
  const current = await t.engine.sql('SELECT count(*) AS n FROM signups');
  expect(current.rows).toEqual([{ n: '2' }]);
});
