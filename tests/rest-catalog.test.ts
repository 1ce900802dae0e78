/**
 * The engine's `RestCatalog` (the Catalog port over HTTP, used by the collector
 * and maintenance) against the real catalog core: the hono app with its
 * in-memory store, in process.
 */
import { memoryCatalogApp } from '@analytics/catalog/test/memory-catalog';
import {
  appendRows,
  BucketStore,
  createTable,
  createTableUpdates,
  currentSnapshot,
  defaultTableEnv,
  fileIO,
  IcebergError,
  MemoryStore,
  type ObjectStore,
  RestCatalog,
  readRows,
  rewriteManifests,
  scanTable,
  tierPartitions,
} from '@analytics/iceberg';
import { loadParquetWasmNode } from '@analytics/iceberg/node';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';

beforeAll(async () => {
  await loadParquetWasmNode();
});

const TOKENS = JSON.stringify([
  { principal: 'writer', token: 'writer-token-0123456789', grants: [{ namespace: '*', privilege: 'admin' }] },
  { principal: 'reader', token: 'reader-token-0123456789', grants: [{ namespace: '*', privilege: 'read' }] },
]);

function catalogFor(token: string, app: { fetch(r: Request): Promise<Response> | Response }) {
  return new RestCatalog({
    uri: 'http://catalog',
    token,
    fetcher: { fetch: async (input, init) => app.fetch(new Request(input, init)) },
  });
}

const schema = {
  schemaId: 0,
  fields: [
    { id: 1, name: 'event_id', required: true, type: { type: 'string' as const } },
    { id: 2, name: 'timestamp', required: true, type: { type: 'timestamptz' as const } },
  ],
};

describe('RestCatalog against the catalog service core', () => {
  let app: ReturnType<typeof memoryCatalogApp>;
  let buckets: Map<string, ObjectStore>;
  beforeEach(() => {
    buckets = new Map<string, ObjectStore>([
      ['analytics-source', new MemoryStore()],
      ['analytics-processed', new MemoryStore()],
    ]);
    app = memoryCatalogApp({ buckets, credential: 'admin:admin-secret', tokens: TOKENS });
  });

  it('creates a table with one assert-create commit, loads it and commits to it', async () => {
    const catalog = catalogFor('writer-token-0123456789', app);
    await catalog.ensureNamespace(['default']);
    await catalog.ensureNamespace(['default']);
    const id = { namespace: ['default'], name: 'page_views' };
    const created = await catalog.createTable(
      id,
      createTableUpdates({
        uuid: crypto.randomUUID(),
        location: 's3://analytics-source/events/page_views',
        schema,
      }),
    );
    expect(created.metadataLocation).toMatch(
      /^s3:\/\/analytics-source\/events\/page_views\/metadata\/00000-.*\.metadata\.json$/,
    );
    expect(created.metadata.schemas[0]?.fields.map((f) => f.name)).toEqual(['event_id', 'timestamp']);

    const committed = await catalog.commitTable(
      id,
      [{ type: 'assert-table-uuid', uuid: created.metadata.tableUuid }],
      [{ action: 'set-properties', updates: { owner: 'collector' } }],
    );
    expect(committed.metadata.properties.owner).toBe('collector');
    expect((await catalog.loadTable(id)).metadataLocation).toBe(committed.metadataLocation);
    expect(await catalog.listTables(['default'])).toEqual([id]);
  });

  it('exchanges client credentials for a token, as PyIceberg does with credential=', async () => {
    const catalog = new RestCatalog({
      uri: 'http://catalog',
      credential: 'admin:admin-secret',
      fetcher: { fetch: async (input, init) => app.fetch(new Request(input, init)) },
    });
    await catalog.ensureNamespace(['ops']);
    expect(await catalog.listTables(['ops'])).toEqual([]);
    const wrong = new RestCatalog({
      uri: 'http://catalog',
      credential: 'admin:nope',
      fetcher: { fetch: async (input, init) => app.fetch(new Request(input, init)) },
    });
    await expect(wrong.listTables(['ops'])).rejects.toThrow(/refused the client credentials: 401/);
  });

  it('maps statuses to error kinds: 404 not-found, 409 commit-failed / already-exists, 403 invalid-argument', async () => {
    const catalog = catalogFor('writer-token-0123456789', app);
    await catalog.ensureNamespace(['default']);
    const id = { namespace: ['default'], name: 't' };
    const kind = (p: Promise<unknown>) =>
      p.then(
        () => 'ok',
        (e: unknown) => (e instanceof IcebergError ? e.kind : String(e)),
      );

    expect(await kind(catalog.loadTable(id))).toBe('not-found');
    const updates = createTableUpdates({
      uuid: crypto.randomUUID(),
      location: 's3://analytics-source/t',
      schema,
    });
    await catalog.createTable(id, updates);
    expect(await kind(catalog.createTable(id, updates))).toBe('already-exists');
    expect(
      await kind(catalog.commitTable(id, [{ type: 'assert-current-schema-id', currentSchemaId: 7 }], [])),
    ).toBe('commit-failed');
    expect(await kind(catalogFor('reader-token-0123456789', app).commitTable(id, [], []))).toBe(
      'invalid-argument',
    );
  });

  it('tiers partitions and merges manifests of tables in both buckets, as the maintenance Worker does', async () => {
    const catalog = catalogFor('writer-token-0123456789', app);
    // The Worker's FileIO: one store over both buckets, root s3://.
    const io = fileIO(new BucketStore(Object.fromEntries(buckets)), 's3://');
    const env = { ...defaultTableEnv(catalog, io), now: () => Date.parse('2024-03-15T12:00:00Z') };
    const tables = [
      {
        id: { namespace: ['default'], name: 'page_views' },
        location: 's3://analytics-source/events/page_views',
      },
      {
        id: { namespace: ['processed'], name: 'fact_page_views' },
        location: 's3://analytics-processed/facts/fact_page_views',
      },
    ];
    for (const { id, location } of tables) {
      await catalog.ensureNamespace(id.namespace);
      await createTable(env, id, {
        location,
        schema,
        partitionBy: [{ column: 'timestamp', transform: 'hour' }],
      });
      for (const iso of ['2024-01-10T03:00:00Z', '2024-02-20T10:00:00Z', '2024-03-15T09:00:00Z']) {
        const ts = BigInt(Date.parse(iso)) * 1000n;
        await appendRows(env, id, [{ event_id: `${id.name}@${iso}`, timestamp: ts }]);
      }
      const before = (await readRows(env, id)).map((r) => r.event_id).sort();
      // The catalog numbers the tier specs' fields (the request sends none).
      const tiered = await tierPartitions(env, id);
      expect(tiered).toMatchObject({ filesMoved: { day: 1, month: 1 }, failures: [] });
      const { metadata } = await catalog.loadTable(id);
      expect(metadata.defaultSpecId).toBe(0);
      expect(
        metadata.partitionSpecs.map((p) => p.fields.map((f) => `${f.fieldId}:${f.name}:${f.transform}`)),
      ).toEqual([['1000:timestamp_hour:hour'], ['1001:timestamp_day:day'], ['1002:timestamp_month:month']]);
      expect((await rewriteManifests(env, id))?.snapshot.summary.operation).toBe('replace');
      const after = await catalog.loadTable(id);
      expect(await env.cache.manifestList(io, currentSnapshot(after.metadata)!.manifestList)).toHaveLength(3);
      expect((await readRows(env, id)).map((r) => r.event_id).sort()).toEqual(before);
      const files = (await scanTable(env, id)).tasks.map((t) => t.file.filePath);
      expect(files.every((f) => f.startsWith(`${location}/data/`))).toBe(true);
    }
  });
});
