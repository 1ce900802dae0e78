import { env } from 'cloudflare:test';
import {
  MEMORY_CATALOG_CREDENTIAL as CREDENTIAL,
  memoryCatalogApp,
} from '@analytics/catalog/test/memory-catalog';
import { defaultTableEnv, type FetchLike, fileIO, R2Store, RestCatalog } from '@analytics/iceberg';
import { loadParquetWasmWorkerd } from '@analytics/iceberg/workerd';
import type { ImportDeps } from '../src/import-source.ts';
import { IMPORT_BUCKET } from '../src/pipeline-state.ts';

/**
 * The real catalog core (`@analytics/catalog`'s Hono app, memory store) over
 * this test run's R2 bucket, reached in-process through `RestCatalog`: what
 * the CATALOG binding reaches in the stack. `faults.beforeCommit` makes the
 * next table commits answer 503 without committing; `faults.afterCommit`
 * commits them and then loses the answer.
 */
export function catalogHost() {
  const buckets = new Map([[IMPORT_BUCKET, new R2Store(env.SOURCE)]]);
  const app = memoryCatalogApp({ buckets, location: `s3://${IMPORT_BUCKET}` });
  const faults = { beforeCommit: 0, afterCommit: 0 };
  const http: FetchLike = {
    async fetch(input, init) {
      const request = new Request(input, init);
      const path = new URL(request.url).pathname;
      const isCommit = request.method === 'POST' && /\/namespaces\/[^/]+\/tables\/[^/]+$/.test(path);
      if (isCommit && faults.beforeCommit > 0) {
        faults.beforeCommit--;
        return Response.json(
          { error: { message: 'unavailable', type: 'ServiceUnavailable', code: 503 } },
          { status: 503 },
        );
      }
      const res = await app.fetch(request);
      if (isCommit && res.status === 200 && faults.afterCommit > 0) {
        faults.afterCommit--;
        throw new Error('connection lost after the commit (simulated)');
      }
      return res;
    },
  };
  loadParquetWasmWorkerd();
  const catalog = new RestCatalog({ uri: 'http://catalog', fetcher: http, credential: CREDENTIAL });
  const tableEnv = {
    ...defaultTableEnv(catalog, fileIO(new R2Store(env.SOURCE), `s3://${IMPORT_BUCKET}/`)),
    sleep: async () => {},
  };
  const deps = (runId: string): ImportDeps => ({
    env: tableEnv,
    ensureNamespace: async (ns) => {
      await catalog.ensureNamespace(ns);
    },
    warehouseRoot: `s3://${IMPORT_BUCKET}`,
    runId,
  });
  return { catalog, tableEnv, deps, faults };
}
