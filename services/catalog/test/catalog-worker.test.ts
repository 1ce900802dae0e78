import { env, SELF } from 'cloudflare:test';
import { type CatalogHost, restScenarios } from '@analytics/catalog/test/rest-scenarios';
import { beforeAll, describe, expect, it } from 'vitest';

const buckets: Record<string, R2Bucket> = {
  'analytics-source': env.SOURCE,
  'analytics-processed': env.PROCESSED,
  'analytics-catalog': env.CATALOG_BUCKET,
};

const host: CatalogHost = {
  fetch: (request) => SELF.fetch(request),
  listKeys: async (bucket, prefix) => {
    const listed = await buckets[bucket]?.list({ prefix });
    return listed?.objects.map((o) => o.key) ?? [];
  },
};

restScenarios('Worker + Catalog Durable Object (workerd, SQLite, local R2)', () => host, {
  describe,
  it,
  beforeAll,
  expect,
});
