import {
  appendRows,
  createTable,
  defaultTableEnv,
  EVENT_TABLE_PROPERTIES,
  fileIO,
  MemoryStore,
  readRows,
  StoreCatalog,
  type TableEnv,
} from '@analytics/iceberg';
import { loadParquetWasmNode } from '@analytics/iceberg/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { runMaintenance } from '../src/tasks.ts';

const id = { namespace: ['default'], name: 'page_views' };
const T0 = 1_704_067_200_000_000n; // 2024-01-01T00:00:00Z in µs

async function tableWithSmallFiles(batches: number): Promise<TableEnv> {
  const io = fileIO(new MemoryStore(), 's3://analytics-source/');
  const env = defaultTableEnv(
    new StoreCatalog({ io, now: () => Date.now(), newUuid: () => crypto.randomUUID() }),
    io,
  );
  await createTable(env, id, {
    location: 's3://analytics-source/events/page_views',
    schema: {
      schemaId: 0,
      fields: [
        { id: 1, name: 'event_id', required: true, type: { type: 'string' } },
        { id: 2, name: 'timestamp', required: true, type: { type: 'timestamptz' } },
      ],
    },
    partitionBy: [{ column: 'timestamp', transform: 'hour' }],
    properties: EVENT_TABLE_PROPERTIES,
  });
  for (let b = 0; b < batches; b++) {
    await appendRows(
      env,
      id,
      Array.from({ length: 10 }, (_, i) => ({ event_id: `e${b}-${i}`, timestamp: T0 + BigInt(b * 10 + i) })),
    );
  }
  return env;
}

beforeAll(async () => {
  await loadParquetWasmNode();
});

describe('runMaintenance', () => {
  it('compacts the small files of a partition into one, keeping every row', async () => {
    const env = await tableWithSmallFiles(3);
    const progress: string[] = [];
    const results = await runMaintenance(env, [id], ['compaction'], { orphanMinAgeMs: 0 }, (p) =>
      progress.push(`${p.task} ${p.table} ${p.done}/${p.total}`),
    );
    expect(results).toEqual([
      expect.objectContaining({
        table: 'default.page_views',
        task: 'compaction',
        status: 'succeeded',
        files_rewritten: 3,
        files_added: 1,
      }),
    ]);
    expect(progress).toEqual(['compaction default.page_views 0/1']);
    const { metadata } = await env.catalog.loadTable(id);
    expect(metadata.snapshots.at(-1)?.summary.operation).toBe('replace');
    const rows = await readRows(env, id);
    expect(rows.map((r) => r.event_id).sort()).toEqual(
      Array.from({ length: 30 }, (_, k) => `e${Math.floor(k / 10)}-${k % 10}`).sort(),
    );
  });

  it('skips what has nothing to do and says why', async () => {
    const env = await tableWithSmallFiles(1);
    const results = await runMaintenance(
      env,
      [id],
      ['compaction', 'expire-snapshots', 'remove-orphan-files'],
      {
        orphanMinAgeMs: 3_600_000,
      },
    );
    expect(results.map((r) => [r.task, r.status, r.message])).toEqual([
      ['compaction', 'skipped', 'no partition has two or more small files'],
      ['expire-snapshots', 'skipped', 'no snapshot is old enough to expire'],
      ['remove-orphan-files', 'skipped', 'no orphan files'],
    ]);
  });

  it('removes files no metadata reaches once they are old enough', async () => {
    const env = await tableWithSmallFiles(1);
    await env.io.store.put('events/page_views/data/stray.parquet', new Uint8Array([1, 2, 3]));
    const [result] = await runMaintenance(env, [id], ['remove-orphan-files'], { orphanMinAgeMs: -60_000 });
    expect(result).toMatchObject({ status: 'succeeded', files_removed: 1 });
    expect(await env.io.store.head('events/page_views/data/stray.parquet')).toBeUndefined();
  });

  it('reports a failing table and goes on with the next', async () => {
    const env = await tableWithSmallFiles(2);
    const missing = { namespace: ['default'], name: 'nope' };
    const results = await runMaintenance(env, [missing, id], ['compaction'], { orphanMinAgeMs: 0 });
    expect(results[0]).toMatchObject({
      table: 'default.nope',
      status: 'failed',
      message: expect.stringContaining('not-found'),
    });
    expect(results[1]).toMatchObject({ table: 'default.page_views', status: 'succeeded' });
  });
});
