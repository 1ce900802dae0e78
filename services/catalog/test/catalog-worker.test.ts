import { env, runInDurableObject, SELF } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { type CatalogHost, restScenarios } from '@analytics/catalog/test/rest-scenarios';
import { zGetCostsResponse } from '@analytics/generated/ops/zod';
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

describe('R2 operation reports over RPC', () => {
  it('adds the operations other services report to the cost report', async () => {
    type Costs = { operations: { class_a: { count: number }; class_b: { count: number } } };
    const costs = async () => (await (await SELF.fetch('http://catalog.test/v1/costs')).json()) as Costs;
    const before = await costs();
    const worker = (
      exports as unknown as { default: { recordOperations(s: string, a: number, b: number): Promise<void> } }
    ).default;
    await worker.recordOperations('s3', 5, 1000);
    const after = await costs();
    // The cost report reads table metadata and manifests itself (class B, no listing), so B grows by
    // at least the 1,000 reported and A by exactly the 5 reported.
    expect(after.operations.class_a.count - before.operations.class_a.count).toBe(5);
    expect(after.operations.class_b.count - before.operations.class_b.count).toBeGreaterThanOrEqual(1000);
  });
});

describe('R2 operation counts', () => {
  it('are added up in memory and written in one transaction within a second', async () => {
    const stub = env.CATALOG.get(env.CATALOG.idFromName(env.WAREHOUSE ?? 'analytics'));
    const stored = () =>
      runInDurableObject(stub, (_instance, state: DurableObjectState) =>
        state.storage.sql
          .exec<{ a: number; b: number }>(
            "SELECT COALESCE(SUM(class_a), 0) AS a, COALESCE(SUM(class_b), 0) AS b FROM usage WHERE service = 'tally-test'",
          )
          .one(),
      );
    for (let i = 0; i < 10; i++) await stub.recordOperations('tally-test', 1, 2);
    expect(await stored()).toEqual({ a: 0, b: 0 });
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await stored()).toEqual({ a: 10, b: 20 });
  });
});

describe('GET /v1/costs', () => {
  it('answers in the shape of contracts/ops.yaml CostReport', async () => {
    const res = await SELF.fetch('http://catalog.test/v1/costs');
    expect(res.status).toBe(200);
    const parsed = zGetCostsResponse.safeParse(await res.json());
    expect(parsed.error?.issues ?? []).toEqual([]);
  });
});
