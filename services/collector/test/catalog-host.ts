import { env } from 'cloudflare:test';
import {
  createCatalogApp,
  MemoryCatalogStore,
  MetadataFiles,
  parseCredentialConfig,
} from '@analytics/catalog';
import { EVENT_BUCKET } from '@analytics/events';
import { fileIO, R2Store } from '@analytics/iceberg';
import { loadParquetWasmWorkerd } from '../src/iceberg/engine-parquet.ts';
import { type FetchLike, RestTableCatalog } from '../src/iceberg/rest-table-catalog.ts';
import { IcebergFlushTarget } from '../src/iceberg-flush-target.ts';

export const CATALOG_CREDENTIAL = 'analytics:analytics-secret';

/**
 * The real catalog core (`@analytics/catalog`'s Hono app, memory store) over
 * this test run's R2 bucket, reached in-process: what the CATALOG binding
 * reaches in the stack. `failCommits` makes the next commits answer 503 or
 * lose their answer after committing.
 */
export function catalogHost() {
  const buckets = new Map([[EVENT_BUCKET, new R2Store(env.SOURCE)]]);
  const app = createCatalogApp({
    catalog: {
      store: new MemoryCatalogStore(),
      buckets,
      files: new MetadataFiles(buckets),
      warehouse: { name: 'analytics', location: `s3://${EVENT_BUCKET}` },
      nowMs: () => Date.now(),
      newUuid: () => crypto.randomUUID(),
    },
    auth: {
      registry: parseCredentialConfig(undefined, CATALOG_CREDENTIAL),
      tokenSecret: 'test-secret',
      tokenTtlSeconds: 600,
      nowMs: () => Date.now(),
    },
  });
  const faults = { beforeCommit: 0, afterCommit: 0, commits: 0 };
  const http: FetchLike = {
    async fetch(input, init) {
      const request = new Request(input, init);
      const isCommit = request.method === 'POST' && /\/tables\/[^/]+$/.test(new URL(request.url).pathname);
      if (isCommit && faults.beforeCommit > 0) {
        faults.beforeCommit--;
        return new Response('{"error":{"message":"unavailable","type":"ServiceUnavailable","code":503}}', {
          status: 503,
        });
      }
      const res = await app.fetch(request);
      if (isCommit && res.status === 200) faults.commits++;
      if (isCommit && res.status === 200 && faults.afterCommit > 0) {
        faults.afterCommit--;
        throw new Error('connection lost after the commit (simulated)');
      }
      return res;
    },
  };
  loadParquetWasmWorkerd();
  const catalog = new RestTableCatalog(http, { credential: CATALOG_CREDENTIAL });
  const target = new IcebergFlushTarget({
    catalog,
    io: fileIO(new R2Store(env.SOURCE), `s3://${EVENT_BUCKET}/`),
  });
  return { catalog, target, faults };
}
