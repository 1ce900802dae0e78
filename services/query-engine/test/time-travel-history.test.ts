import { mkdtempSync, rmSync } from 'node:fs';
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
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openLockedDuckDB } from '../src/duckdb-setup.ts';
import { isQueryError } from '../src/errors.ts';
import { FileCache } from '../src/file-cache.ts';
import { IcebergTableSource } from '../src/iceberg-table-source.ts';
import { QueryEngine } from '../src/query-engine.ts';

// Time travel before a table's oldest kept snapshot. Before the table's first
// commit the table was empty, and that is the answer; once expire-snapshots
// has removed older history, what was current then is unknown, and the answer
// is an `expired` error naming the instant and the oldest one still reachable.
const views = { namespace: ['default'], name: 'page_views' };
const later = { namespace: ['default'], name: 'video_events' };
const t1 = Date.UTC(2026, 0, 10);
const t2 = Date.UTC(2026, 0, 20);
const t3 = Date.UTC(2026, 0, 30);
let clock = t1;
const store = new MemoryStore();
const io = fileIO(store, 's3://analytics-source/');
const catalog = new StoreCatalog({ io, now: () => clock, newUuid: () => crypto.randomUUID() });
const env = { ...defaultTableEnv(catalog, io), now: () => clock };
let dir: string;
let engine: QueryEngine;

const schema = {
  schemaId: 0,
  fields: [
    { id: 1, name: 'event_id', required: true, type: { type: 'string' } },
    { id: 2, name: 'timestamp', required: true, type: { type: 'timestamptz' } },
    { id: 3, name: 'session_id', required: true, type: { type: 'string' } },
    { id: 4, name: 'event_type', required: true, type: { type: 'string' } },
  ],
} as const;

function rows(n: number, tag: string, type: string): Row[] {
  return Array.from({ length: n }, (_, i) => ({
    event_id: `${tag}-${i}`,
    timestamp: new Date(Date.UTC(2025, 11, 1) + i * 60_000).toISOString(),
    session_id: `s-${i}`,
    event_type: type,
  }));
}

async function count(table: string, timestampMs: number): Promise<unknown> {
  return (await engine.sql(`SELECT count(*) AS n FROM ${table}`, { at: { timestampMs } })).rows;
}

beforeAll(async () => {
  await loadParquetWasmNode();
  dir = mkdtempSync(join(tmpdir(), 'query-history-'));
  const location = (t: string) => `s3://analytics-source/events/${t}`;
  await createTable(env, views, { location: location('page_views'), schema });
  await createTable(env, later, { location: location('video_events'), schema });
  clock = t1;
  await appendRows(env, views, rows(10, 'a', 'page_view'));
  clock = t2;
  await appendRows(env, views, rows(20, 'b', 'page_view'));
  await appendRows(env, later, rows(5, 'v', 'video_event'));
  clock = t3;
  await appendRows(env, views, rows(30, 'c', 'page_view'));
  // Expire page_views' snapshots committed before t2: the one of t1 goes.
  clock = t3 + 1_000;
  const r = await expireSnapshots(env, views, { olderThanMs: t2 - 1, retainLast: 1 });
  expect(r.expiredSnapshotIds).toHaveLength(1);
  const files = new FileCache({ dir, stores: () => store, maxBytes: 1 << 30 });
  engine = new QueryEngine({
    instance: await openLockedDuckDB({ allowedDirectories: files.directories }),
    source: new IcebergTableSource(
      { listTables: async () => [views, later], loadTable: (t) => catalog.loadTable(t) },
      () => store,
    ),
    files,
    timeoutMs: 10_000,
    maxRows: 1_000,
    refreshIntervalMs: 0,
    now: () => Date.now(),
  });
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('reads the snapshots still kept as before', async () => {
  expect(await count('page_views', t2 + 1)).toEqual([{ n: '30' }]);
  expect(await count('page_views', t3 + 1)).toEqual([{ n: '60' }]);
});

it('answers an empty table before the first commit of a table whose history is whole', async () => {
  expect(await count('video_events', t1)).toEqual([{ n: '0' }]);
  expect(await count('video_events', t2)).toEqual([{ n: '5' }]);
});

it('refuses an instant before the oldest kept snapshot once history was expired', async () => {
  for (const at of [t1 + 1, t1 - 86_400_000]) {
    const e = await engine.sql('SELECT count(*) AS n FROM page_views', { at: { timestampMs: at } }).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(isQueryError(e) && e.kind).toBe('expired');
    const message = (e as Error).message;
    expect(message).toContain(new Date(at).toISOString());
    expect(message).toContain(new Date(t2).toISOString());
    expect(message).toContain('default.page_views');
    expect((e as { context: Record<string, unknown> }).context).toMatchObject({
      table: 'default.page_views',
      timestamp: new Date(at).toISOString(),
      oldestSnapshotTimestamp: new Date(t2).toISOString(),
    });
  }
  // The events view reads every event table, so it refuses too rather than drop page views.
  await expect(engine.sql('SELECT count(*) FROM events', { at: { timestampMs: t1 + 1 } })).rejects.toThrow(
    /page_views no longer has the snapshot/,
  );
});
