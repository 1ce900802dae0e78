import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  appendRows,
  compactTable,
  createTable,
  defaultTableEnv,
  fileIO,
  MemoryStore,
  type Row,
  StoreCatalog,
} from '@analytics/iceberg';
import { loadParquetWasmNode } from '@analytics/iceberg/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dashboard } from '../src/dashboard.ts';
import { openLockedDuckDB } from '../src/duckdb-setup.ts';
import { FileCache } from '../src/file-cache.ts';
import { IcebergTableSource } from '../src/iceberg-table-source.ts';
import { QueryEngine } from '../src/query-engine.ts';

// Tables written by the table engine (@analytics/iceberg: Parquet with field
// ids, manifests, commits through a catalog), then read back through the
// query engine's Iceberg source: planning, pruning, time travel, incremental
// rollups and the data-file cache.
const id = { namespace: ['default'], name: 'page_views' };
const DAY = 86_400_000;
const day1 = Date.UTC(2024, 0, 1);
const day5 = Date.UTC(2024, 0, 5);
let clock = Date.UTC(2026, 0, 1);
const store = new MemoryStore();
const io = fileIO(store, 's3://analytics-source/');
const catalog = new StoreCatalog({ io, now: () => clock, newUuid: () => crypto.randomUUID() });
const env = { ...defaultTableEnv(catalog, io), now: () => clock };
let dir: string;
let engine: QueryEngine;
let source: IcebergTableSource;
let files: FileCache;
let firstCommitMs = 0;

function views(n: number, startMs: number, tag: string): Row[] {
  return Array.from({ length: n }, (_, i) => ({
    event_id: `${tag}-${i}`,
    timestamp: new Date(startMs + (i * 3_600_000) / 4).toISOString(),
    session_id: `s-${i % 9}`,
    user_id: i % 2 === 0 ? `u-${i % 5}` : null,
    event_type: 'page_view',
    page_url: `https://rawkode.academy/p/${i % 3}`,
  }));
}

beforeAll(async () => {
  await loadParquetWasmNode();
  dir = mkdtempSync(join(tmpdir(), 'query-iceberg-'));
  await createTable(env, id, {
    location: 's3://analytics-source/events/page_views',
    schema: {
      schemaId: 0,
      fields: [
        { id: 1, name: 'event_id', required: true, type: { type: 'string' } },
        { id: 2, name: 'timestamp', required: true, type: { type: 'timestamptz' } },
        { id: 3, name: 'session_id', required: true, type: { type: 'string' } },
        { id: 4, name: 'user_id', required: false, type: { type: 'string' } },
        { id: 5, name: 'event_type', required: true, type: { type: 'string' } },
        { id: 6, name: 'page_url', required: true, type: { type: 'string' } },
      ],
    },
    partitionBy: [{ column: 'timestamp', transform: 'day' }],
  });
  clock += 60_000;
  await appendRows(env, id, views(40, day1, 'a')); // 10 hours of day 1
  firstCommitMs = clock;
  source = new IcebergTableSource(
    { listTables: async () => [id], loadTable: (t) => catalog.loadTable(t) },
    () => store,
  );
  files = new FileCache({ dir, stores: () => store, maxBytes: 1 << 30 });
  engine = new QueryEngine({
    instance: await openLockedDuckDB({ allowedDirectories: files.directories }),
    source,
    files,
    timeoutMs: 10_000,
    maxRows: 1_000,
    refreshIntervalMs: 0,
    now: () => Date.now(),
  });
  await engine.refresh();
  clock += 60_000;
  await appendRows(env, id, views(24, day5, 'b'));
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Iceberg table source', () => {
  it('reads the current snapshot through the planner and the file cache', async () => {
    const r = await engine.sql(
      "SELECT count(*) AS n, count(DISTINCT event_id) AS d FROM events WHERE type = 'page_view'",
    );
    expect(r.rows).toEqual([{ n: '64', d: '64' }]);
    expect(files.stats.misses).toBeGreaterThanOrEqual(2);
    const misses = files.stats.misses;
    await engine.sql('SELECT count(*) FROM page_views');
    expect(files.stats.misses).toBe(misses);
    expect(files.stats.hits).toBeGreaterThan(0);
  });

  it('time travel to an instant between the two commits sees only the first', async () => {
    const r = await engine.sql('SELECT min(event_id) AS lo, count(*) AS n FROM page_views', {
      at: { timestampMs: firstCommitMs + 30_000 },
    });
    expect(r.rows).toEqual([{ lo: 'a-0', n: '40' }]);
    const before = await engine.sql('SELECT count(*) AS n FROM page_views', { at: { timestampMs: day1 } });
    expect(before.rows).toEqual([{ n: '0' }]);
  });

  it('prunes files outside a time range (day partitions)', async () => {
    const all = await source.plan(id);
    const day5Only = await source.plan(id, undefined, {
      column: 'timestamp',
      startMs: day5,
      endMs: day5 + DAY,
    });
    expect(all.files.length).toBeGreaterThan(day5Only.files.length);
    expect(day5Only.files.reduce((n, f) => n + f.recordCount, 0n)).toBe(24n);
  });

  it('rolls up only the files appended since the last refresh', async () => {
    const inc = await source.planIncremental(
      id,
      (await source.plan(id, { timestampMs: firstCommitMs })).snapshotId,
    );
    expect(inc.reset).toBe(false);
    expect(inc.addedFiles.reduce((n, f) => n + f.recordCount, 0n)).toBe(24n);
    const dashboard = new Dashboard(engine);
    const range = { startMs: day1, endMs: day1 + 10 * DAY };
    const exact = await dashboard.eventCounts(range, ['page_view'], {}, 'EXACT');
    const estimated = await dashboard.eventCounts(range, ['page_view'], {}, 'ESTIMATED');
    expect(exact[0]?.count).toBe(64);
    expect(estimated[0]?.count).toBe(64);
    expect(estimated[0]?.uniqueUsers).toBe(exact[0]?.uniqueUsers);
  });

  it('keeps rollups across a compaction (replace) and rolls up only appends after it', async () => {
    const before = (await source.plan(id)).snapshotId;
    clock += 60_000;
    await appendRows(env, id, views(8, day5, 'c')); // a second small file in the day-5 partition
    clock += 60_000;
    const compacted = await compactTable(env, id, {});
    expect(compacted?.filesRewritten).toBeGreaterThan(1);
    clock += 60_000;
    await appendRows(env, id, views(4, day1, 'd'));
    await source.listTables();
    const inc = await source.planIncremental(id, before);
    expect(inc.reset).toBe(false);
    // The 8 and 4 appended rows, not the compacted file that holds rows already rolled up.
    expect(inc.addedFiles.reduce((n, f) => n + f.recordCount, 0n)).toBe(12n);
  });
});
