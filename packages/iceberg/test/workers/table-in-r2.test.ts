import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { StoreCatalog } from '../../src/catalog/store-catalog.ts';
import { eq, gtEq } from '../../src/expr/expression.ts';
import { fileIO, keyOf } from '../../src/io/locations.ts';
import { type R2BucketLike, R2Store } from '../../src/io/r2-store.ts';
import { loadParquetWasmWorkerd } from '../../src/parquet/parquet-wasm-workerd.ts';
import { ManifestCache } from '../../src/scan/manifest-cache.ts';
import { appendRows } from '../../src/table/append.ts';
import { createTable } from '../../src/table/create-table.ts';
import { overwrite } from '../../src/table/overwrite.ts';
import { readRows, scanTable } from '../../src/table/read-table.ts';
import { randomSnapshotId, type TableEnv } from '../../src/table/table-env.ts';
import { EVENT_TABLE_PROPERTIES } from '../../src/table/table-properties.ts';

const bucket = (env as unknown as { BUCKET: R2BucketLike }).BUCKET;
const HOUR = 3_600_000_000n;
const T0 = 1_704_067_200_000_000n;

function tableEnv(): TableEnv {
  const io = fileIO(new R2Store(bucket), 's3://analytics-source/');
  const now = () => Date.now();
  const newUuid = () => crypto.randomUUID();
  return {
    catalog: new StoreCatalog({ io, now, newUuid }),
    io,
    now,
    newUuid,
    newSnapshotId: randomSnapshotId,
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    random: Math.random,
    cache: new ManifestCache(),
  };
}

const rows = (from: number, n: number, hour: number) =>
  Array.from({ length: n }, (_, k) => ({
    event_id: `e${from + k}`,
    ts: T0 + BigInt(hour) * HOUR + BigInt(k),
    country: (from + k) % 2 === 0 ? 'DE' : 'US',
  }));

describe('an Iceberg table in R2, inside workerd', () => {
  it('is created, appended to, overwritten and read back through the engine', async () => {
    loadParquetWasmWorkerd();
    const t = tableEnv();
    const id = { namespace: ['events'], name: 'page_views' };
    await createTable(t, id, {
      location: 's3://analytics-source/events/page_views',
      schema: {
        schemaId: 0,
        fields: [
          { id: 1, name: 'event_id', required: true, type: { type: 'string' } },
          { id: 2, name: 'ts', required: true, type: { type: 'timestamptz' } },
          { id: 3, name: 'country', required: false, type: { type: 'string' } },
        ],
      },
      partitionBy: [{ column: 'ts', transform: 'hour' }],
      properties: EVENT_TABLE_PROPERTIES,
    });
    await appendRows(t, id, rows(0, 50, 0));
    await Promise.all([appendRows(t, id, rows(50, 50, 1)), appendRows(t, id, rows(100, 50, 2))]);
    const o = await overwrite(t, id, eq('country', 'DE'));
    expect(o.snapshot.summary).toMatchObject({
      operation: 'overwrite',
      'deleted-data-files': '3',
      'total-records': '75',
    });

    const all = await readRows(t, id);
    expect(all).toHaveLength(75);
    expect(all.every((r) => r.country === 'US')).toBe(true);
    const plan = await scanTable(t, id, { filter: gtEq('ts', T0 + 2n * HOUR) });
    expect(plan.tasks).toHaveLength(1);

    const { metadata, metadataLocation } = await t.catalog.loadTable(id);
    expect(metadata.snapshots).toHaveLength(4);
    expect(metadataLocation).toMatch(/\.gz\.metadata\.json$/);
    const stored = await bucket.head(keyOf(t.io, metadataLocation));
    expect(stored?.size).toBeGreaterThan(0);
  });
});
