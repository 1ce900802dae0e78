import { describe, expect, it } from 'vitest';
import { readFile } from '../../src/io/locations.ts';
import type { ManifestFile } from '../../src/manifest/manifest-file.ts';
import { readManifestList } from '../../src/manifest/manifest-list.ts';
import { currentSnapshot } from '../../src/spec/table-metadata.ts';
import type { Schema } from '../../src/spec/types.ts';
import { appendRows } from '../../src/table/append.ts';
import { compactTable } from '../../src/table/compact-table.ts';
import { createTable } from '../../src/table/create-table.ts';
import { readRows } from '../../src/table/read-table.ts';
import { planManifestMerge, rewriteManifests } from '../../src/table/rewrite-manifests.ts';
import type { TableEnv } from '../../src/table/table-env.ts';
import { testEnv } from '../helpers/table-env.ts';

const schema: Schema = {
  schemaId: 0,
  fields: [
    { id: 1, name: 'event_id', required: true, type: { type: 'string' } },
    { id: 2, name: 'ts', required: true, type: { type: 'timestamptz' } },
  ],
};
const id = { namespace: ['events'], name: 'page_views' };
const T0 = 1_704_067_200_000_000n; // 2024-01-01T00:00:00Z in µs
const HOUR = 3_600_000_000n;

async function appended(appends: number): Promise<TableEnv> {
  const env = testEnv();
  await createTable(env, id, {
    location: 's3://warehouse/events/page_views',
    schema,
    partitionBy: [{ column: 'ts', transform: 'hour' }],
  });
  for (let a = 0; a < appends; a++)
    await appendRows(env, id, [{ event_id: `e${a}`, ts: T0 + BigInt(a % 5) * HOUR + BigInt(a) }]);
  return env;
}

async function manifestList(env: TableEnv): Promise<ManifestFile[]> {
  const { metadata } = await env.catalog.loadTable(id);
  return readManifestList(await readFile(env.io, currentSnapshot(metadata)!.manifestList));
}

const manifest = (
  path: string,
  length: number,
  specId = 0,
  content: 0 | 1 = 0,
  deleted = 0,
): ManifestFile => ({
  manifestPath: path,
  manifestLength: BigInt(length),
  partitionSpecId: specId,
  content,
  sequenceNumber: 1n,
  minSequenceNumber: 1n,
  addedSnapshotId: 1n,
  addedFilesCount: 1,
  existingFilesCount: 0,
  deletedFilesCount: deleted,
  addedRowsCount: 1n,
  existingRowsCount: 0n,
  deletedRowsCount: 0n,
});

describe('planManifestMerge', () => {
  it('bins small data manifests per spec within the target size, keeping large, lone and delete manifests (a lone one with DELETED entries is rewritten)', () => {
    const plan = planManifestMerge(
      [
        manifest('a', 40),
        manifest('big', 100),
        manifest('b', 40),
        manifest('del', 10, 0, 1),
        manifest('c', 40),
        manifest('d1', 10, 1),
        manifest('lone', 10, 2),
        manifest('d2', 10, 1),
        manifest('lone-with-deleted', 10, 3, 0, 1),
      ],
      100,
    );
    expect(plan.map((bin) => bin.map((m) => m.manifestPath))).toEqual([
      ['a', 'b'],
      ['d1', 'd2'],
      ['lone-with-deleted'],
    ]);
    expect(planManifestMerge([manifest('a', 40), manifest('b', 40), manifest('c', 40)]).length).toBe(1);
  });
});

describe('rewriteManifests', () => {
  it('merges many one-append manifests into one, rows unchanged', async () => {
    const env = await appended(30);
    const before = await readRows(env, id);
    expect(await manifestList(env)).toHaveLength(30);
    const r = await rewriteManifests(env, id, { minCount: 30, targetSizeBytes: 8 * 1024 * 1024 });
    expect(r?.snapshot.summary).toMatchObject({
      operation: 'replace',
      'manifests-replaced': '30',
      'manifests-created': '1',
      'manifests-kept': '0',
      'entries-processed': '30',
      'total-records': '30',
      'total-data-files': '30',
    });
    const list = await manifestList(env);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ existingFilesCount: 30, addedFilesCount: 0, existingRowsCount: 30n });
    const key = (rs: Record<string, unknown>[]) => rs.map((x) => `${x.event_id}@${x.ts}`).sort();
    expect(key(await readRows(env, id))).toEqual(key(before));
  });

  it('waits for min-count manifests and leaves manifests of the target size alone', async () => {
    const env = await appended(6);
    expect(await rewriteManifests(env, id, { minCount: 7 })).toBeUndefined();
    const sizes = (await manifestList(env)).map((m) => Number(m.manifestLength));
    expect(await rewriteManifests(env, id, { targetSizeBytes: Math.min(...sizes) })).toBeUndefined();
    // Room for two manifests per merged one: six become three.
    const r = await rewriteManifests(env, id, { targetSizeBytes: 2 * Math.max(...sizes) + 1 });
    expect(r?.snapshot.summary).toMatchObject({ 'manifests-replaced': '6', 'manifests-created': '3' });
    expect(await manifestList(env)).toHaveLength(3);
    expect(await readRows(env, id)).toHaveLength(6);
  });

  it('drops the manifests compaction left with only DELETED entries', async () => {
    const env = await appended(10);
    await compactTable(env, id);
    const before = await manifestList(env);
    expect(before.filter((m) => m.addedFilesCount + m.existingFilesCount === 0)).toHaveLength(10);
    const r = await rewriteManifests(env, id);
    expect(r?.snapshot.summary).toMatchObject({ 'manifests-replaced': '15', 'manifests-created': '1' });
    const after = await manifestList(env);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ existingFilesCount: 5, deletedFilesCount: 0, existingRowsCount: 10n });
    expect(await readRows(env, id)).toHaveLength(10);
  });
});
