import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  appendRows,
  createTable,
  defaultTableEnv,
  expireSnapshots,
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
import { rollupFilePath } from '../src/rollup-file.ts';

// Rollups saved under the engine's cache directory survive a restart: a new
// engine loads them, checks their snapshot is still an ancestor of the
// table's current one, and folds in only what was appended since; when that
// snapshot is gone (expired) or the file is unusable it rebuilds. Every
// answer equals the one of an engine that rebuilt from the table.
const id = { namespace: ['default'], name: 'page_views' };
const DAY = 86_400_000;
const day1 = Date.UTC(2024, 0, 1);
let clock = Date.UTC(2026, 0, 1);
const store = new MemoryStore();
const io = fileIO(store, 's3://analytics-source/');
const catalog = new StoreCatalog({ io, now: () => clock, newUuid: () => crypto.randomUUID() });
const env = { ...defaultTableEnv(catalog, io), now: () => clock };
let dir: string;
const range = { startMs: day1, endMs: day1 + 4 * DAY };

function views(n: number, startMs: number, tag: string): Row[] {
  return Array.from({ length: n }, (_, i) => ({
    event_id: `${tag}-${i}`,
    timestamp: new Date(startMs + i * 60_000).toISOString(),
    session_id: `${tag}-s-${i % 40}`,
    user_id: i % 3 === 0 ? null : `u-${i % 70}`,
    event_type: 'page_view',
    page_url: `https://rawkode.academy/p/${i % 7}`,
  }));
}

/** The newest committed event: realtime is asked about the half hour up to it. */
let newestMs = 0;

async function commit(n: number, startMs: number, tag: string): Promise<void> {
  clock += 60_000;
  newestMs = Math.max(newestMs, startMs + (n - 1) * 60_000);
  await appendRows(env, id, views(n, startMs, tag));
}

/** A fresh engine process: new DuckDB, new caches, the same cache directory. */
async function start(rollupDir: string | undefined) {
  const source = new IcebergTableSource(
    { listTables: async () => [id], loadTable: (t) => catalog.loadTable(t) },
    () => store,
  );
  const files = new FileCache({ dir: join(dir, 'files'), stores: () => store, maxBytes: 1 << 30 });
  const instance = await openLockedDuckDB({ allowedDirectories: files.directories });
  const engine = new QueryEngine({
    instance,
    source,
    files,
    timeoutMs: 10_000,
    maxRows: 1_000,
    refreshIntervalMs: 0,
    now: () => clock,
    ...(rollupDir ? { rollupDir, rollupSaveIntervalMs: 0 } : {}),
  });
  await engine.refresh();
  return { engine, instance, dashboard: new Dashboard(engine) };
}

/** What the dashboards answer, for comparing engines. */
async function answers(d: Dashboard) {
  return {
    counts: await d.eventCounts(range, null, {}, 'EXACT'),
    pages: await d.topPages(range, {}, 10, 'ESTIMATED'),
    traffic: await d.traffic(range, 'HOUR', {}, 'ESTIMATED'),
    breakdown: await d.breakdown('PAGE', range, {}, 3, 'ESTIMATED'),
    realtime: await d.realtime(newestMs, 30, {}, [], 10),
  };
}

async function rebuiltAnswers() {
  const e = await start(undefined);
  const a = await answers(e.dashboard);
  e.instance.closeSync();
  return a;
}

beforeAll(async () => {
  await loadParquetWasmNode();
  dir = mkdtempSync(join(tmpdir(), 'query-rollups-'));
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
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('persisted rollups', () => {
  const rollupDir = () => join(dir, 'rollups');

  it('are loaded at start and only the appends since are folded in', async () => {
    await commit(300, day1, 'a');
    const first = await start(rollupDir());
    expect(first.engine.rollupStats).toEqual({ loaded: 0, rebuilt: 1, filesFolded: 0 });
    first.instance.closeSync();

    await commit(200, day1 + DAY, 'b'); // while the engine is down
    const second = await start(rollupDir());
    expect(second.engine.rollupStats).toEqual({ loaded: 1, rebuilt: 0, filesFolded: 1 });
    expect(await answers(second.dashboard)).toEqual(await rebuiltAnswers());
    expect((await answers(second.dashboard)).counts[0]?.count).toBe(500);
    // The last half hour, one view a minute, from the saved recent events plus the fold-in.
    expect((await answers(second.dashboard)).realtime.pageviews).toBe(30);

    await commit(100, day1 + 2 * DAY, 'c'); // while it runs
    await second.engine.refresh();
    expect(second.engine.rollupStats).toEqual({ loaded: 1, rebuilt: 0, filesFolded: 2 });
    second.instance.closeSync();

    // Saved after the last fold-in: nothing left to do.
    const third = await start(rollupDir());
    expect(third.engine.rollupStats).toEqual({ loaded: 1, rebuilt: 0, filesFolded: 0 });
    expect(await answers(third.dashboard)).toEqual(await rebuiltAnswers());
    third.instance.closeSync();
  });

  it('are rebuilt when the snapshot they cover is no longer an ancestor (expired history)', async () => {
    await commit(50, day1 + 3 * DAY, 'd');
    clock += DAY;
    const expired = await expireSnapshots(env, id, { olderThanMs: clock, retainLast: 1 });
    expect(expired.expiredSnapshotIds.length).toBeGreaterThan(0);
    const e = await start(rollupDir());
    expect(e.engine.rollupStats).toEqual({ loaded: 1, rebuilt: 1, filesFolded: 0 });
    expect(await answers(e.dashboard)).toEqual(await rebuiltAnswers());
    e.instance.closeSync();
  });

  it('are rebuilt when the saved file is unreadable', async () => {
    writeFileSync(rollupFilePath(rollupDir(), 'default.page_views'), 'not a rollup file');
    const e = await start(rollupDir());
    expect(e.engine.rollupStats).toEqual({ loaded: 0, rebuilt: 1, filesFolded: 0 });
    expect((await answers(e.dashboard)).counts[0]?.count).toBe(650);
    e.instance.closeSync();
  });
});
