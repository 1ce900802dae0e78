/**
 * The engine's `RestCatalog` (the Catalog port over HTTP, used by the collector
 * and maintenance) against the real catalog core: the hono app with its
 * in-memory store, in process.
 */
import {
  createCatalogApp,
  MemoryCatalogStore,
  MetadataFiles,
  parseCredentialConfig,
} from '@analytics/catalog';
import {
  createTableUpdates,
  IcebergError,
  MemoryStore,
  type ObjectStore,
  RestCatalog,
} from '@analytics/iceberg';

import { beforeEach, describe, expect, it } from 'vitest';

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
  let app: ReturnType<typeof createCatalogApp>;
  beforeEach(() => {
    const buckets = new Map<string, ObjectStore>([['analytics-source', new MemoryStore()]]);
    app = createCatalogApp({
      catalog: {
        store: new MemoryCatalogStore(),
        buckets,
        files: new MetadataFiles(buckets),
        warehouse: { name: 'analytics', location: 's3://analytics-source' },
        nowMs: () => Date.now(),
        newUuid: () => crypto.randomUUID(),
      },
      auth: {
        registry: parseCredentialConfig(TOKENS, 'admin:admin-secret'),
        tokenSecret: 'secret',
        tokenTtlSeconds: 600,
        nowMs: () => Date.now(),
      },
    });
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
});
