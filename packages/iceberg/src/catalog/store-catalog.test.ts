import { describe, expect, it } from 'vitest';
import { createTableUpdates } from '../commit/create-table-updates.ts';
import { fileIO, keyOf } from '../io/locations.ts';
import { MemoryStore } from '../io/memory-store.ts';
import type { ObjectStore } from '../io/storage.ts';
import { metadataVersion, readMetadataFile } from './metadata-file.ts';
import { StoreCatalog } from './store-catalog.ts';

const id = { namespace: ['db'], name: 't' };
const schema = {
  schemaId: 0,
  fields: [{ id: 1, name: 'a', required: false, type: { type: 'int' as const } }],
};

function catalog(store: ObjectStore = new MemoryStore()) {
  const io = fileIO(store, 's3://b/');
  let t = 0;
  return { io, catalog: new StoreCatalog({ io, now: () => ++t, newUuid: () => crypto.randomUUID() }) };
}

const create = (c: StoreCatalog, properties: Record<string, string> = {}) =>
  c.createTable(id, createTableUpdates({ uuid: 'u-1', location: 's3://b/db/t', schema, properties }));

describe('StoreCatalog', () => {
  it('creates a table once, names metadata files by version and loads them back', async () => {
    const { io, catalog: c } = catalog();
    const created = await create(c);
    expect(created.metadataLocation).toMatch(/^s3:\/\/b\/db\/t\/metadata\/00000-.*\.metadata\.json$/);
    await expect(create(c)).rejects.toThrowError(
      expect.objectContaining({ kind: 'already-exists', message: 'Table already exists: db.t' }),
    );
    const next = await c.commitTable(id, [], [{ action: 'set-properties', updates: { x: '1' } }]);
    expect(metadataVersion(next.metadataLocation)).toBe(1);
    expect((await c.loadTable(id)).metadata.properties.x).toBe('1');
    expect((await readMetadataFile(io, next.metadataLocation)).metadataLog).toEqual([
      { timestampMs: created.metadata.lastUpdatedMs, metadataFile: created.metadataLocation },
    ]);
  });

  it('reports missing tables as not-found with the reference message', async () => {
    await expect(catalog().catalog.loadTable(id)).rejects.toThrowError(
      expect.objectContaining({ kind: 'not-found', message: 'Table does not exist: db.t' }),
    );
  });

  it('writes gzip metadata when the table asks and reads it back', async () => {
    const { io, catalog: c } = catalog();
    const created = await create(c, { 'write.metadata.compression-codec': 'gzip' });
    expect(created.metadataLocation).toMatch(/\.gz\.metadata\.json$/);
    const raw = await io.store.get(keyOf(io, created.metadataLocation));
    expect([raw?.[0], raw?.[1]]).toEqual([0x1f, 0x8b]);
    expect((await c.loadTable(id)).metadata.tableUuid).toBe('u-1');
  });

  it('serialises concurrent commits: requirements that still hold are re-applied, stale ones fail', async () => {
    const { catalog: c } = catalog();
    await create(c);
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        c.commitTable(
          id,
          [{ type: 'assert-current-schema-id', currentSchemaId: 0 }],
          [{ action: 'set-properties', updates: { [`k${i}`]: 'v' } }],
        ),
      ),
    );
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    const { metadata } = await c.loadTable(id);
    expect(Object.keys(metadata.properties).sort()).toEqual(['k0', 'k1', 'k2', 'k3', 'k4', 'k5']);
    expect(metadata.metadataLog).toHaveLength(6);
    await expect(c.commitTable(id, [{ type: 'assert-table-uuid', uuid: 'other' }], [])).rejects.toThrowError(
      expect.objectContaining({ kind: 'commit-failed' }),
    );
  });

  it('deletes metadata files that fall out of the log when delete-after-commit is on', async () => {
    const { io, catalog: c } = catalog();
    const first = await create(c, {
      'write.metadata.delete-after-commit.enabled': 'true',
      'write.metadata.previous-versions-max': '1',
    });
    await c.commitTable(id, [], [{ action: 'set-properties', updates: { a: '1' } }]);
    expect(await io.store.head(keyOf(io, first.metadataLocation))).toBeDefined();
    await c.commitTable(id, [], [{ action: 'set-properties', updates: { a: '2' } }]);
    expect(await io.store.head(keyOf(io, first.metadataLocation))).toBeUndefined();
  });
});
