import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isQueryError } from '../src/errors.ts';
import { type TestEngine, testEngine } from './helpers/engine.ts';
import { pageViewColumns, writePageViews } from './helpers/page-views.ts';

const table = { namespace: ['analytics'], name: 'page_views' };
let t: TestEngine;

beforeAll(async () => {
  t = await testEngine({ timeoutMs: 300 });
  const w = await t.writer.connect();
  const path = join(t.dir, 'a.parquet');
  await writePageViews(w, path, {
    count: 1000,
    startMs: Date.UTC(2024, 0, 1),
    spanMs: 86_400_000,
    users: 50,
    seed: 1,
  });
  t.source.createTable(table, 's3://analytics-source/events/page_views');
  t.source.append(table, {
    snapshotId: 1n,
    timestampMs: Date.UTC(2024, 0, 2),
    columns: pageViewColumns,
    files: [{ uri: path, recordCount: 1000n, sizeInBytes: 1n }],
  });
});
afterAll(() => t.close());

async function refusal(sql: string): Promise<{ kind: string; message: string }> {
  try {
    await t.engine.sql(sql);
  } catch (e) {
    if (isQueryError(e)) return { kind: e.kind, message: e.message };
    throw e;
  }
  throw new Error(`expected ${sql} to be refused`);
}

describe('user SQL safety', () => {
  it('runs a SELECT over the views', async () => {
    const r = await t.engine.sql("SELECT count(*) AS n FROM events WHERE type = 'page_view'");
    expect(r.rows).toEqual([{ n: '1000' }]);
    expect(r.snapshotId).toBe(1n);
  });

  it.each([
    ["SELECT * FROM read_csv('/etc/passwd')", 'forbidden', /Table function read_csv\(\) is not allowed/],
    ["SELECT * FROM '/etc/passwd'", 'forbidden', /Table \/etc\/passwd is not available/],
    ["SELECT * FROM read_parquet('a.parquet')", 'forbidden', /read_parquet\(\) is not allowed/],
    ["SELECT * FROM glob('/*')", 'forbidden', /glob\(\) is not allowed/],
    ["ATTACH '/tmp/x.db' AS x", 'forbidden', /ATTACH statements are not allowed/],
    ["COPY page_views TO '/tmp/out.csv'", 'forbidden', /COPY statements are not allowed/],
    ['INSTALL httpfs', 'forbidden', /INSTALL statements are not allowed/],
    ['LOAD httpfs', 'forbidden', /LOAD statements are not allowed/],
    ['SET threads = 1', 'forbidden', /SET statements are not allowed/],
    ['SET enable_external_access = true', 'forbidden', /SET statements are not allowed/],
    ['PRAGMA version', 'forbidden', /PRAGMA statements are not allowed/],
    ['CREATE TABLE x AS SELECT 1', 'forbidden', /CREATE statements are not allowed/],
    ["INSERT INTO page_views (event_id) VALUES ('x')", 'forbidden', /INSERT statements are not allowed/],
    ['DELETE FROM page_views', 'forbidden', /DELETE statements are not allowed/],
    ['DROP VIEW events', 'forbidden', /DROP statements are not allowed/],
    ['SELECT 1; DROP VIEW events', 'forbidden', /DROP statements are not allowed|exactly one SELECT/],
    ['SELECT 1; SELECT 2', 'forbidden', /exactly one SELECT statement \(got 2\)/],
    ['SELECT * FROM duckdb_settings()', 'forbidden', /duckdb_settings\(\) is not allowed/],
    ['SELECT * FROM information_schema.tables', 'forbidden', /information_schema.tables is not available/],
    ["SELECT current_setting('threads')", 'forbidden', /current_setting\(\) is not allowed/],
    ['DESCRIBE events', 'forbidden', /DESCRIBE\/SHOW\/SUMMARIZE is not allowed/],
    ['SELEC 1', 'invalid-sql', /does not parse/],
    ['SELECT nope FROM events', 'invalid-sql', /nope/],
  ])('refuses %s', async (sql, kind, message) => {
    const r = await refusal(sql);
    expect(r.kind).toBe(kind);
    expect(r.message).toMatch(message);
  });

  it('allows CTEs, subqueries and joins between our views', async () => {
    const r = await t.engine.sql(
      'WITH v AS (SELECT session_id FROM page_views) SELECT count(*) AS n FROM v JOIN events e USING (session_id) WHERE e.session_id IN (SELECT session_id FROM events)',
    );
    expect(Number(r.rows[0]?.n)).toBeGreaterThan(1000);
  });

  it('stops a query past the timeout with a timeout error', async () => {
    const r = await refusal('SELECT count(*) FROM events a, events b, events c, events d');
    expect(r.kind).toBe('timeout');
    expect(r.message).toMatch(/longer than 300 ms/);
  });

  it('cuts results at the row limit and says so', async () => {
    const r = await t.engine.sql('SELECT event_id FROM page_views ORDER BY event_id', { limit: 7 });
    expect(r.rows).toHaveLength(7);
    expect(r.truncated).toBe(true);
    const all = await t.engine.sql('SELECT event_id FROM page_views LIMIT 5', { limit: 7 });
    expect(all.truncated).toBe(false);
  });
});
