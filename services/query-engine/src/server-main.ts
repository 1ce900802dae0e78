/**
 * The query engine process (started by `main.ts`): DuckDB locked down, tables
 * from the Iceberg REST catalog, data files over S3 into the disk cache, and
 * the HTTP interface on 127.0.0.1.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { S3Store } from '@analytics/s3';
import { configFromEnv } from './config.ts';
import { type BufferedEvent, Dashboard } from './dashboard.ts';
import { openLockedDuckDB } from './duckdb-setup.ts';
import { FileCache } from './file-cache.ts';
import { createQueryServer } from './http-server.ts';
import { IcebergTableSource } from './iceberg-table-source.ts';
import { LatencyMetrics } from './latency-metrics.ts';
import { MemoryTableSource } from './memory-table-source.ts';
import { QueryEngine } from './query-engine.ts';
import { RestCatalogReader } from './rest-catalog-reader.ts';
import type { TableSource } from './table-source.ts';

const config = configFromEnv(process.env);
const cacheDir = resolve(config.cacheDir);
mkdirSync(cacheDir, { recursive: true });

const stores = new Map<string, S3Store>();
const storeFor = (bucket: string) => {
  let s = stores.get(bucket);
  if (!s) {
    if (!config.s3.endpoint) throw new Error('S3_ENDPOINT is not set: the engine cannot read data files.');
    s = new S3Store({
      endpoint: config.s3.endpoint,
      bucket,
      region: config.s3.region,
      credentials: { accessKeyId: config.s3.accessKeyId, secretAccessKey: config.s3.secretAccessKey },
    });
    stores.set(bucket, s);
  }
  return s;
};
const source: TableSource = config.catalogUrl
  ? new IcebergTableSource(
      new RestCatalogReader({
        uri: config.catalogUrl,
        token: config.catalogToken,
        credential: config.catalogCredential,
        warehouse: config.catalogWarehouse,
      }),
      storeFor,
    )
  : new MemoryTableSource();
if (!config.catalogUrl) console.warn('CATALOG_URL is not set: serving no tables.');

const files = new FileCache({ dir: cacheDir, stores: storeFor, maxBytes: config.cacheMaxBytes });
const instance = await openLockedDuckDB({ allowedDirectories: files.directories });
const engine = new QueryEngine({
  instance,
  source,
  files,
  timeoutMs: config.timeoutMs,
  maxRows: config.maxRows,
  refreshIntervalMs: config.refreshIntervalMs,
  now: () => Date.now(),
  // Beside the data files, so a restart loads the rollups instead of rebuilding them.
  rollupDir: join(cacheDir, 'rollups'),
  rollupSaveIntervalMs: config.rollupSaveIntervalMs,
});
// Keep tables and rollups current even while no query comes in; queries never wait for it.
const refresher = setInterval(
  () => {
    engine.refresh().catch((e) => console.warn(`refresh failed: ${String(e)}`));
  },
  Math.max(config.refreshIntervalMs, 100),
);
refresher.unref();
const metrics = new LatencyMetrics();
const server = createQueryServer({
  engine,
  dashboard: new Dashboard(engine),
  source,
  metrics,
  now: () => Date.now(),
  bufferedEvents: async (): Promise<readonly BufferedEvent[]> => {
    if (!config.bufferedEventsUrl) return [];
    try {
      const res = await fetch(config.bufferedEventsUrl);
      return res.ok ? (((await res.json()) as { events?: BufferedEvent[] }).events ?? []) : [];
    } catch {
      return []; // realtime still answers from committed data
    }
  },
  cacheStats: () => ({
    'data-files': files.stats,
    manifests: source instanceof IcebergTableSource ? source.cacheStats : { hits: 0, misses: 0 },
  }),
});
server.listen(config.port, config.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  console.log(`query engine listening on http://${config.host}:${port}`);
});

const stop = () => {
  clearInterval(refresher);
  server.close();
  // Save what changed since the last save, so the next start folds in only newer appends.
  engine
    .persistRollups()
    .catch((e) => console.warn(`could not save rollups: ${String(e)}`))
    .finally(() => {
      instance.closeSync();
      process.exit(0);
    });
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
