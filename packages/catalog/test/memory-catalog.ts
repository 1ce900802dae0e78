import { parseCredentialConfig } from '../src/auth/credentials-config.ts';
import { createCatalogApp } from '../src/http/catalog-app.ts';
import { MetadataFiles } from '../src/metadata-files.ts';
import type { Buckets } from '../src/object-locations.ts';
import { MemoryCatalogStore } from '../src/store/memory-store.ts';

/** The local admin client every in-process catalog of the tests accepts unless told otherwise. */
export const MEMORY_CATALOG_CREDENTIAL = 'analytics:analytics-secret';

/**
 * The catalog's Hono app over a memory store and the given buckets, in
 * process: what the catalog Worker serves, for tests of its clients.
 * `tokens` is a CATALOG_TOKENS value (static tokens with their grants).
 */
export function memoryCatalogApp(options: {
  readonly buckets: Buckets;
  readonly location?: string;
  readonly credential?: string;
  readonly tokens?: string;
}): ReturnType<typeof createCatalogApp> {
  return createCatalogApp({
    catalog: {
      store: new MemoryCatalogStore(),
      buckets: options.buckets,
      files: new MetadataFiles(options.buckets),
      warehouse: { name: 'analytics', location: options.location ?? 's3://analytics-source' },
      nowMs: () => Date.now(),
      newUuid: () => crypto.randomUUID(),
    },
    auth: {
      registry: parseCredentialConfig(options.tokens, options.credential ?? MEMORY_CATALOG_CREDENTIAL),
      tokenSecret: 'test-secret',
      tokenTtlSeconds: 600,
      nowMs: () => Date.now(),
    },
  });
}
