import { env, runInDurableObject } from 'cloudflare:test';
import { catalogStoreContract } from '@analytics/catalog/test/catalog-store-contract';
import { describe, expect, it } from 'vitest';
import { SqliteCatalogStore } from '../src/sqlite-catalog-store.ts';

catalogStoreContract(
  'Durable Object SQLite',
  (body) =>
    runInDurableObject(env.CATALOG.get(env.CATALOG.newUniqueId()), (_instance, state) =>
      body(new SqliteCatalogStore(state.storage)),
    ),
  { describe, it, expect },
);
