import { describe, expect, it } from 'vitest';
import { readAvroContainer } from '../../src/avro/avro-container.ts';
import type { Catalog } from '../../src/catalog/catalog.ts';
import { eq, gtEq, isNull, lt, startsWith } from '../../src/expr/expression.ts';
import { keyOf, readFile } from '../../src/io/locations.ts';
import { readManifest } from '../../src/manifest/manifest.ts';
import { readManifestList } from '../../src/manifest/manifest-list.ts';
import { appendedFilesBetween } from '../../src/scan/incremental.ts';
import { buildPartitionSpec, specChangeCommit } from '../../src/spec/partition-evolution.ts';
import { addColumn, schemaChangeCommit } from '../../src/spec/schema-evolution.ts';
import { currentSchema } from '../../src/spec/table-metadata.ts';
import type { Schema } from '../../src/spec/types.ts';
import { appendRows } from '../../src/table/append.ts';
import { createTable } from '../../src/table/create-table.ts';
import { expireSnapshots } from '../../src/table/expire-snapshots.ts';
import { overwrite } from '../../src/table/overwrite.ts';
import { readRows, scanTable } from '../../src/table/read-table.ts';
import { removeOrphanFiles } from '../../src/table/remove-orphan-files.ts';
import { compactTable, repartitionFiles } from '../../src/table/replace-files.ts';
import { rewriteManifests } from '../../src/table/rewrite-manifests.ts';
import { EVENT_TABLE_PROPERTIES } from '../../src/table/table-properties.ts';
import { testEnv } from '../helpers/table-env.ts';

const schema: Schema = {
  schemaId: 0,
  fields: [
    { id: 1, name: 'event_id', required: true, type: { type: 'string' } },
    { id: 2, name: 'ts', required: true, type: { type: 'timestamptz' } },
    { id: 3, name: 'country', required: false, type: { type: 'string' } },
    { id: 4, name: 'time_on_page', required: false, type: { type: 'int' } },
  ],
};

const id = { namespace: ['events'], name: 'page_views' };
const HOUR = 3_600_000_000n;
const T0 = 1_704_067_200_000_000n; // 2024-01-01T00:00:00Z in µs

function rows(from: number, n: number, hour = 0) {
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    return {
      event_id: `e${String(i).padStart(5, '0')}`,
      ts: T0 + BigInt(hour) * HOUR + BigInt(i),
      country: ['DE', 'US', null][i % 3],
      time_on_page: i % 7,
    };
  });
}

async function newTable(env = testEnv(), properties = EVENT_TABLE_PROPERTIES) {
  await createTable(env, id, {
    location: 's3://warehouse/events/page_views',
    schema,
    partitionBy: [{ column: 'ts', transform: 'hour' }],
    properties,
  });
  return env;
}

const ids = (rs: Record<string, unknown>[]) => rs.map((r) => r.event_id as string).sort();

describe('append', () => {
  it('commits append snapshots with sequence numbers, summaries and exact file sizes', async () => {
    const env = await newTable();
    const a = await appendRows(env, id, rows(0, 30, 0));
    const b = await appendRows(env, id, rows(30, 20, 1));
    expect(a.snapshot.sequenceNumber).toBe(1n);
    expect(b.snapshot.sequenceNumber).toBe(2n);
    expect(b.snapshot.parentSnapshotId).toBe(a.snapshot.snapshotId);
    expect(b.snapshot.summary).toMatchObject({
      operation: 'append',
      'added-records': '20',
      'total-records': '50',
      'total-data-files': '2',
      'added-data-files': '1',
    });
    expect(Number(b.snapshot.summary['total-files-size'])).toBeGreaterThan(0);
    const list = await readManifestList(await readFile(env.io, b.snapshot.manifestList));
    expect(list.map((m) => m.sequenceNumber)).toEqual([2n, 1n]);
    for (const m of list)
      expect((await env.io.store.head(keyOf(env.io, m.manifestPath)))?.size).toBe(Number(m.manifestLength));
    const entries = (await readManifest(await readFile(env.io, list[0]!.manifestPath), list[0])).entries;
    const f = entries[0]!.dataFile;
    expect((await env.io.store.head(keyOf(env.io, f.filePath)))?.size).toBe(Number(f.fileSizeInBytes));
    expect(f.filePath).toContain('/data/ts_hour=2024-01-01-01/');
    expect(ids(await readRows(env, id))).toEqual(ids([...rows(0, 30), ...rows(30, 20)]));
    // The metadata file is gzipped as the event-table defaults say.
    expect(b.metadataLocation).toMatch(/\/metadata\/00002-.*\.gz\.metadata\.json$/);
  });

  it('rebases on a concurrent append and retries with backoff', async () => {
    const env = await newTable(undefined, {
      'commit.retry.num-retries': '5',
      'commit.retry.min-wait-ms': '10',
      'commit.retry.max-wait-ms': '40',
    });
    const results = await Promise.all([0, 1, 2, 3].map((w) => appendRows(env, id, rows(w * 10, 10, w))));
    expect(results.some((r) => r.attempts > 1)).toBe(true);
    expect(env.waits.every((w) => w >= 5 && w <= 40)).toBe(true);
    const { metadata } = await env.catalog.loadTable(id);
    expect(metadata.snapshots).toHaveLength(4);
    expect(metadata.snapshots.map((s) => s.sequenceNumber)).toEqual([1n, 2n, 3n, 4n]);
    expect((await readRows(env, id)).length).toBe(40);
  });
});

describe('overwrite', () => {
  it('deletes matching rows copy-on-write and adds new rows', async () => {
    const env = await newTable();
    await appendRows(env, id, rows(0, 30, 0));
    await appendRows(env, id, rows(30, 30, 5));
    const r = await overwrite(env, id, eq('country', 'DE'), rows(1000, 5, 9));
    expect(r.snapshot.summary.operation).toBe('overwrite');
    expect(r.deletedRows).toBe(20);
    expect(r.snapshot.summary).toMatchObject({
      'deleted-data-files': '2',
      'deleted-records': '60',
      'total-records': '45',
    });
    const after = await readRows(env, id);
    expect(after).toHaveLength(45);
    expect(after.some((x) => x.country === 'DE' && (x.event_id as string) < 'e01000')).toBe(false);
    // The old snapshot still reads the old rows (time travel by id).
    const first = (await env.catalog.loadTable(id)).metadata.snapshots[1]!;
    expect(await readRows(env, id, { snapshotId: first.snapshotId })).toHaveLength(60);
  });

  it('is a delete when only removing rows, and leaves non-matching files alone', async () => {
    const env = await newTable();
    await appendRows(env, id, rows(0, 10, 0));
    await appendRows(env, id, rows(10, 10, 3));
    const r = await overwrite(env, id, lt('ts', T0 + 3n * HOUR));
    expect(r.snapshot.summary.operation).toBe('delete');
    expect(r.rewrittenFiles).toBe(1);
    expect(ids(await readRows(env, id))).toEqual(ids(rows(10, 10)));
  });

  it('fails clearly when a concurrent commit added rows the filter matches', async () => {
    const env = await newTable(undefined, {
      'commit.retry.num-retries': '3',
      'commit.retry.min-wait-ms': '1',
    });
    await appendRows(env, id, rows(0, 10, 0));
    // Interleave: the overwrite plans against snapshot 1, then an append lands before it commits.
    const inner = env.catalog;
    let calls = 0;
    const catalog: Catalog = {
      loadTable: (t) => inner.loadTable(t),
      commitTable: async (t, r, u) => {
        if (++calls === 1) await appendRows(env, id, rows(100, 5, 0));
        return inner.commitTable(t, r, u);
      },
      createTable: (t, u) => inner.createTable(t, u),
    };
    await expect(overwrite({ ...env, catalog }, id, eq('country', 'US'))).rejects.toThrowError(
      expect.objectContaining({
        kind: 'commit-failed',
        message: expect.stringContaining('may match the filter'),
      }),
    );
    expect(await readRows(env, id)).toHaveLength(15);
  });
});

describe('planning and time travel', () => {
  it('prunes by partition and by metrics, and reads by timestamp and incrementally', async () => {
    const env = await newTable();
    const s1 = await appendRows(env, id, rows(0, 10, 0));
    const s2 = await appendRows(env, id, rows(10, 10, 1));
    const s3 = await appendRows(env, id, rows(20, 10, 2));
    const hourly = await scanTable(env, id, { filter: gtEq('ts', T0 + 2n * HOUR) });
    expect(hourly.tasks).toHaveLength(1);
    expect(hourly.metrics.skippedByPartition + hourly.metrics.skippedManifests).toBe(2);
    const byId = await scanTable(env, id, { filter: eq('event_id', 'e00015') });
    expect(byId.tasks).toHaveLength(1);
    expect(byId.metrics.skippedByMetrics).toBe(2);
    expect(ids(await readRows(env, id, { filter: startsWith('event_id', 'e0001') }))).toHaveLength(10);
    expect((await scanTable(env, id, { filter: isNull('country') })).tasks).toHaveLength(3);
    expect(await readRows(env, id, { asOfTimestampMs: s2.snapshot.timestampMs })).toHaveLength(20);
    const { metadata } = await env.catalog.loadTable(id);
    const added = await appendedFilesBetween(
      env.io,
      metadata,
      env.cache,
      s1.snapshot.snapshotId,
      s3.snapshot.snapshotId,
    );
    expect(added.map((t) => t.snapshotId)).toEqual([s2.snapshot.snapshotId, s3.snapshot.snapshotId]);
    expect(env.cache.hits).toBeGreaterThan(0);
  });

  it('reads across schema and partition evolution', async () => {
    const env = await newTable();
    await appendRows(env, id, rows(0, 10, 0));
    let { metadata } = await env.catalog.loadTable(id);
    const c1 = schemaChangeCommit(
      metadata,
      addColumn(currentSchema(metadata), metadata.lastColumnId, {
        name: 'referrer',
        type: { type: 'string' },
      }),
    );
    ({ metadata } = await env.catalog.commitTable(id, c1.requirements, c1.updates));
    const c2 = specChangeCommit(metadata, buildPartitionSpec(metadata, [{ column: 'ts', transform: 'day' }]));
    ({ metadata } = await env.catalog.commitTable(id, c2.requirements, c2.updates));
    await appendRows(
      env,
      id,
      rows(10, 5, 30).map((r) => ({ ...r, referrer: 'x' })),
    );
    const all = await readRows(env, id);
    expect(all).toHaveLength(15);
    expect(all.filter((r) => r.referrer === 'x')).toHaveLength(5);
    expect(all.filter((r) => r.referrer === null || r.referrer === undefined)).toHaveLength(10);
    expect((await scanTable(env, id, { filter: gtEq('ts', T0 + 24n * HOUR) })).tasks).toHaveLength(1);
  });
});

describe('maintenance', () => {
  it('compacts small files into one replace snapshot with the same rows', async () => {
    const env = await newTable();
    for (let i = 0; i < 3; i++) await appendRows(env, id, rows(i * 10, 10, 0));
    const r = await compactTable(env, id);
    expect(r?.commits).toHaveLength(1);
    expect(r?.commits[0]?.snapshot.summary).toMatchObject({
      operation: 'replace',
      'deleted-data-files': '3',
      'added-data-files': '1',
      'total-records': '30',
    });
    expect(ids(await readRows(env, id))).toEqual(ids(rows(0, 30)));
  });

  it('expires old snapshots and deletes only the files they alone reached', async () => {
    const env = await newTable();
    await appendRows(env, id, rows(0, 10, 0));
    await appendRows(env, id, rows(10, 10, 0));
    await overwrite(env, id, eq('country', 'DE'));
    const r = await expireSnapshots(env, id, { olderThanMs: Date.UTC(2030, 0, 1), retainLast: 1 });
    expect(r.expiredSnapshotIds).toHaveLength(2);
    expect(r.deletedDataFiles).toBe(2);
    expect(r.deletedManifestLists).toBe(2);
    const { metadata } = await env.catalog.loadTable(id);
    expect(metadata.snapshots).toHaveLength(1);
    expect(metadata.snapshotLog).toHaveLength(1);
    expect(await readRows(env, id)).toHaveLength(13);
  });

  it('removes orphan files older than the window and keeps every reachable one', async () => {
    const env = await newTable();
    await appendRows(env, id, rows(0, 10, 0));
    const orphan = 'events/page_views/data/ts_hour=2024-01-01-00/orphan.parquet';
    await env.io.store.put(orphan, new Uint8Array([1, 2, 3]));
    const dry = await removeOrphanFiles(env, id, { olderThanMs: Date.now() + 60_000, dryRun: true });
    expect(dry.orphans).toEqual([`s3://warehouse/${orphan}`]);
    const young = await removeOrphanFiles(env, id, { olderThanMs: 0 });
    expect(young.orphans).toEqual([]);
    await removeOrphanFiles(env, id, { olderThanMs: Date.now() + 60_000 });
    expect(await env.io.store.head(orphan)).toBeUndefined();
    expect(await readRows(env, id)).toHaveLength(10);
  });

  it('moves aged files to a coarser spec while new data keeps the default one', async () => {
    const env = await newTable();
    for (let h = 0; h < 4; h++) await appendRows(env, id, rows(h * 10, 10, h));
    let { metadata } = await env.catalog.loadTable(id);
    const daily = buildPartitionSpec(metadata, [{ column: 'ts', transform: 'day' }]);
    ({ metadata } = await env.catalog.commitTable(
      id,
      [],
      [{ action: 'add-spec', spec: { fields: daily.fields } }],
    ));
    const daySpec = metadata.partitionSpecs.find((s) => s.fields[0]?.transform === 'day')!;
    expect(metadata.defaultSpecId).toBe(0);
    const r = await repartitionFiles(env, id, { filter: lt('ts', T0 + 2n * HOUR), specId: daySpec.specId });
    expect(r?.snapshot.summary).toMatchObject({
      operation: 'replace',
      'deleted-data-files': '2',
      'added-data-files': '1',
      'total-records': '40',
    });
    const plan = await scanTable(env, id);
    expect(plan.tasks.map((t) => t.file.specId).sort()).toEqual([0, 0, daySpec.specId]);
    expect(ids(await readRows(env, id))).toEqual(ids(rows(0, 40)));
    expect((await scanTable(env, id, { filter: gtEq('ts', T0 + 3n * HOUR) })).tasks).toHaveLength(1);
    expect(
      await repartitionFiles(env, id, { filter: lt('ts', T0 + 2n * HOUR), specId: daySpec.specId }),
    ).toBeUndefined();
  });

  it('merges one manifest per append into one per spec without changing the data', async () => {
    const env = await newTable();
    for (let i = 0; i < 4; i++) await appendRows(env, id, rows(i * 10, 10, i));
    await overwrite(env, id, eq('event_id', 'e00003'));
    const r = await rewriteManifests(env, id);
    expect(r?.snapshot.summary).toMatchObject({
      operation: 'replace',
      'manifests-created': '1',
      'total-records': '39',
    });
    const list = await readManifestList(await readFile(env.io, r!.snapshot.manifestList));
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ existingFilesCount: 4, addedFilesCount: 0, existingRowsCount: 39n });
    expect(ids(await readRows(env, id))).toEqual(ids(rows(0, 40)).filter((x) => x !== 'e00003'));
    expect(await rewriteManifests(env, id)).toBeUndefined();
    const entries = (await readManifest(await readFile(env.io, list[0]!.manifestPath), list[0])).entries;
    expect(new Set(entries.map((e) => e.sequenceNumber))).toEqual(new Set([2n, 3n, 4n, 5n])); // the first file was rewritten at 5
  });

  it('writes manifests readable as Avro with the data file count', async () => {
    const env = await newTable();
    const a = await appendRows(env, id, rows(0, 5, 0));
    const c = await readAvroContainer(await readFile(env.io, a.snapshot.manifestList));
    expect(c.records).toHaveLength(1);
  });
});
