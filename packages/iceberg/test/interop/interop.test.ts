import { execFile } from 'node:child_process';
import { mkdtemp, open, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { icebergRead } from 'icebird';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseJson } from '../../src/json/lossless-json.ts';
import { FsStore } from '../../src/node.ts';
import { createTable } from '../../src/table/create-table.ts';
import { EVENT_TABLE_PROPERTIES } from '../../src/table/table-properties.ts';
import { testEnv } from '../helpers/table-env.ts';
import {
  buildMaintainedTable,
  buildScenarioTable,
  concurrentAppends,
  type ExpectedSnapshot,
  normaliseRow,
  scenarioSchema,
  T0_US,
} from './scenario.ts';

const PYTHON = new URL('../../../../.venv/bin/python', import.meta.url).pathname;
const CHECKER = new URL('./python/check_table.py', import.meta.url).pathname;

type CheckResult = {
  pyiceberg: Record<string, Record<string, unknown>[]>;
  duckdb: Record<string, Record<string, unknown>[]>;
  duckdbErrors: Record<string, string>;
  planFiles: { total: number; laterThan: number; oneEvent: number };
  bounds: { checked: number; types: string[]; mismatches: unknown[] };
  concurrent: { snapshots: number; rows: number; duckdbRows: number };
  maintained: { snapshots: number; ids: string[]; duckdbIds: string[]; files: number };
  empty: { pyiceberg: number; duckdb: number | string };
};

let root: string;
let location: string;
let metadataLocation: string;
let snapshots: ExpectedSnapshot[];
let checked: CheckResult;
let maintained: { metadataLocation: string; ids: string[] };
const WRITERS = 8;
const APPENDS = 25;

const expectedRows = (s: ExpectedSnapshot) =>
  s.rows.map(normaliseRow).sort((a, b) => (String(a.event_id) < String(b.event_id) ? -1 : 1));

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'iceberg-interop-'));
  const store = new FsStore(root);
  const env = testEnv({ store, root: `${root}/` });
  location = `${root}/wh/events/page_views`;
  const built = await buildScenarioTable(env, { namespace: ['events'], name: 'page_views' }, location);
  metadataLocation = built.metadataLocation;
  snapshots = built.snapshots;

  // 8 writers × 25 appends, each with its own catalog client over the one store.
  const concurrentId = { namespace: ['events'], name: 'concurrent' };
  await createTable(env, concurrentId, {
    location: `${root}/wh/events/concurrent`,
    schema: scenarioSchema,
    properties: {
      ...EVENT_TABLE_PROPERTIES,
      'commit.retry.num-retries': '200',
      'commit.retry.min-wait-ms': '20',
      'commit.retry.max-wait-ms': '400',
    },
  });
  const writers = Array.from({ length: WRITERS }, () => ({
    ...testEnv({ store, root: `${root}/`, now: () => Date.now() }),
    sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
  }));
  await concurrentAppends(writers, concurrentId, APPENDS);
  const concurrent = await env.catalog.loadTable(concurrentId);
  const empty = await createTable(
    env,
    { namespace: ['events'], name: 'empty' },
    {
      location: `${root}/wh/events/empty`,
      schema: scenarioSchema,
      properties: EVENT_TABLE_PROPERTIES,
    },
  );
  maintained = await buildMaintainedTable(
    env,
    { namespace: ['events'], name: 'maintained' },
    `${root}/wh/events/maintained`,
  );

  const input = join(root, 'check.json');
  await writeFile(
    input,
    JSON.stringify({
      metadata: metadataLocation,
      snapshots: snapshots.map((s) => s.snapshotId.toString()),
      laterThan: new Date(Number((T0_US + 48n * 3_600_000_000n) / 1000n))
        .toISOString()
        .replace('Z', '+00:00'),
      oneEventId: 'e00041',
      concurrent: concurrent.metadataLocation,
      maintained: maintained.metadataLocation,
      empty: empty.metadataLocation,
    }),
  );
  const { stdout } = await promisify(execFile)(PYTHON, [CHECKER, input], { maxBuffer: 64 * 1024 * 1024 });
  checked = JSON.parse(stdout) as CheckResult;
}, 240_000);

describe('tables written by the engine, read by real readers', () => {
  it('covers three appends, one overwrite, two schemas and two specs', async () => {
    const metadata = parseJson(await readFileGz(metadataLocation)) as {
      schemas: unknown[];
      'partition-specs': unknown[];
    };
    expect(snapshots.map((s) => s.operation)).toEqual(['append', 'append', 'append', 'overwrite', 'append']);
    expect(metadata.schemas).toHaveLength(2);
    expect(metadata['partition-specs']).toHaveLength(2);
  });

  it('PyIceberg returns exactly the rows written, for every snapshot', () => {
    for (const s of snapshots)
      expect(checked.pyiceberg[s.snapshotId.toString()], `snapshot ${s.snapshotId}`).toEqual(expectedRows(s));
  });

  it("DuckDB's iceberg extension returns exactly the rows written, for every snapshot", () => {
    expect(checked.duckdbErrors).toEqual({});
    for (const s of snapshots)
      expect(checked.duckdb[s.snapshotId.toString()], `snapshot ${s.snapshotId}`).toEqual(expectedRows(s));
  });

  it('PyIceberg plan_files prunes files under a filter', () => {
    expect(checked.planFiles.total).toBeGreaterThan(4);
    expect(checked.planFiles.laterThan).toBeGreaterThan(0);
    expect(checked.planFiles.laterThan).toBeLessThan(checked.planFiles.total);
    expect(checked.planFiles.oneEvent).toBe(1);
  });

  it('bounds PyIceberg reads from the manifests equal the true min/max for every column type', () => {
    expect(checked.bounds.mismatches).toEqual([]);
    expect(checked.bounds.types).toEqual(
      [
        'boolean',
        'date',
        'decimal(9, 2)',
        'double',
        'float',
        'int',
        'long',
        'string',
        'timestamptz',
        'uuid',
      ].sort(),
    );
    expect(checked.bounds.checked).toBeGreaterThan(50);
  });

  it('8 concurrent writers × 25 appends leave 200 snapshots and 200 rows', () => {
    expect(checked.concurrent).toEqual({
      snapshots: WRITERS * APPENDS,
      rows: WRITERS * APPENDS,
      duckdbRows: WRITERS * APPENDS,
    });
  });

  it('after compaction, repartitioning, manifest rewrite, expiry and orphan removal the table still reads right', () => {
    expect(checked.maintained).toEqual({
      snapshots: 1,
      ids: maintained.ids,
      duckdbIds: maintained.ids,
      files: 2, // day 0's two files compacted into one (then moved to the month spec), day 1's file kept
    });
  });

  it('an empty table (current-snapshot-id -1) reads as zero rows', () => {
    expect(checked.empty).toEqual({ pyiceberg: 0, duckdb: 0 });
  });

  it('icebird reads every snapshot from Node', async () => {
    const original = globalThis.fetch;
    globalThis.fetch = localFileFetch(original);
    try {
      const text = await readFileGz(metadataLocation);
      for (const s of snapshots) {
        const metadata = parseJson(text) as Record<string, unknown>;
        metadata['current-snapshot-id'] = s.snapshotId;
        const rows = (await icebergRead({ tableUrl: location, metadata: metadata as never })) as Record<
          string,
          unknown
        >[];
        expect(rows.map((r) => r.event_id).sort(), `snapshot ${s.snapshotId}`).toEqual(
          s.rows.map((r) => r.event_id).sort(),
        );
        expect(rows.filter((r) => r.country === 'DE').length).toBe(
          s.rows.filter((r) => r.country === 'DE').length,
        );
      }
    } finally {
      globalThis.fetch = original;
    }
  });
});

async function readFileGz(path: string): Promise<string> {
  const bytes = await readFile(path);
  if (bytes[0] !== 0x1f) return new TextDecoder().decode(bytes);
  const body = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(body).text();
}

/** fetch for absolute local paths (icebird fetches the URIs in metadata), with Range support. */
function localFileFetch(fallback: typeof fetch): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith('/')) return fallback(input, init);
    const range = new Headers(init?.headers).get('range');
    const handle = await open(url, 'r');
    try {
      const size = (await handle.stat()).size;
      if (init?.method === 'HEAD') return new Response(null, { headers: { 'content-length': String(size) } });
      const m = range ? /bytes=(\d+)-(\d*)/.exec(range) : null;
      const start = m ? Number(m[1]) : 0;
      const end = m?.[2] ? Math.min(Number(m[2]), size - 1) : size - 1;
      const buf = new Uint8Array(end - start + 1);
      await handle.read(buf, 0, buf.length, start);
      return new Response(buf, { status: m ? 206 : 200, headers: { 'content-length': String(buf.length) } });
    } finally {
      await handle.close();
    }
  }) as typeof fetch;
}
