import { beforeAll, describe, expect, it } from 'vitest';
import { parseCredentialConfig } from '../src/auth/credentials-config.ts';
import { createCatalogApp } from '../src/http/catalog-app.ts';
import { MetadataFiles } from '../src/metadata-files.ts';
import { MemoryCatalogStore } from '../src/store/memory-store.ts';
import { MemoryObjectStore } from './memory-object-store.ts';
import {
  type CatalogHost,
  restScenarios,
  SCENARIO_CREDENTIAL,
  SCENARIO_TOKENS_JSON,
} from './rest-scenarios.ts';

function memoryHost(): CatalogHost {
  const buckets = new Map([
    ['analytics-source', new MemoryObjectStore()],
    ['analytics-processed', new MemoryObjectStore()],
  ]);
  const store = new MemoryCatalogStore();
  const app = createCatalogApp({
    catalog: {
      store,
      buckets,
      files: new MetadataFiles(buckets),
      warehouse: { name: 'analytics', location: 's3://analytics-source' },
      nowMs: () => Date.now(),
      newUuid: () => crypto.randomUUID(),
    },
    auth: {
      registry: parseCredentialConfig(
        SCENARIO_TOKENS_JSON,
        `${SCENARIO_CREDENTIAL.id}:${SCENARIO_CREDENTIAL.secret}`,
      ),
      tokenSecret: 'test-secret',
      tokenTtlSeconds: 600,
      nowMs: () => Date.now(),
    },
  });
  // Catalog R2 counters come from the host's adapters; count list calls here like the R2 adapter does.
  store.transact((tx) => tx.journal.addUsage(new Date().toISOString().slice(0, 7), 'test', 1, 0));
  return {
    fetch: async (request) => app.fetch(request),
    listKeys: async (bucket, prefix) => {
      const keys: string[] = [];
      for await (const o of buckets.get(bucket)?.list(prefix) ?? []) keys.push(o.key);
      return keys;
    },
  };
}

const host = memoryHost();
restScenarios('Hono app, memory store (Node)', () => host, { describe, it, beforeAll, expect });
