/**
 * `npm start` for the query engine: an HTTP service on 127.0.0.1 that the API
 * Worker calls. Configuration (environment):
 * - `QUERY_ENGINE_PORT` (default 8790; 0 picks a free port)
 * - `QUERY_ENGINE_CACHE_DIR` local data-file cache (default `.data/query-cache`)
 * - `QUERY_TIMEOUT_MS` (default 10000), `QUERY_MAX_ROWS` (default 10000)
 *
 * Until the table engine's scan planning lands, tables come from an in-memory
 * source (empty here); see docs/query.md for the catalog wiring.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Dashboard } from './dashboard.ts';
import { openLockedDuckDB } from './duckdb-setup.ts';
import { localFiles } from './file-resolver.ts';
import { createQueryServer } from './http-server.ts';
import { LatencyMetrics } from './latency-metrics.ts';
import { MemoryTableSource } from './memory-table-source.ts';
import { QueryEngine } from './query-engine.ts';

const env = process.env;
const cacheDir = resolve(env.QUERY_ENGINE_CACHE_DIR ?? '.data/query-cache');
mkdirSync(cacheDir, { recursive: true });

const source = new MemoryTableSource();
const instance = await openLockedDuckDB({ allowedDirectories: [cacheDir] });
const engine = new QueryEngine({
  instance,
  source,
  files: localFiles([cacheDir]),
  timeoutMs: Number(env.QUERY_TIMEOUT_MS ?? 10_000),
  maxRows: Number(env.QUERY_MAX_ROWS ?? 10_000),
  refreshIntervalMs: 1_000,
  now: () => Date.now(),
});
const server = createQueryServer({
  engine,
  dashboard: new Dashboard(engine),
  source,
  metrics: new LatencyMetrics(),
  now: () => Date.now(),
  bufferedEvents: async () => [],
});
server.listen(Number(env.QUERY_ENGINE_PORT ?? 8790), '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  console.log(`query engine listening on http://127.0.0.1:${port}`);
});

const stop = () => {
  server.close();
  instance.closeSync();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
