#!/usr/bin/env node
// `npm start`: the whole stack on http://localhost:8787 (PORT to change), state
// persisted in ./.data (ANALYTICS_DATA_DIR to change). Ctrl-C stops everything.
import { join } from 'node:path';
import { root, startStack } from './stack.mjs';

const port = Number(process.env.PORT ?? 8787);
const dataDir = process.env.ANALYTICS_DATA_DIR ?? join(root, '.data');

console.log(`Starting the analytics stack on http://localhost:${port} (data in ${dataDir}) …`);
const stack = await startStack({ port, dataDir, logLevel: process.env.LOG_LEVEL ?? 'info' });
console.log(`
  Ready: http://localhost:${port}
    /                 dashboard
    POST /events      ingest (X-API-Key: $ANALYTICS_API_KEY, default "dev-api-key"; keyless locally)
    /tracker.js       browser tracker script
    /v1/...           Iceberg REST catalog
    POST /graphql     analytics API (GraphQL; Authorization: Bearer $ANALYTICS_QUERY_KEY, default "dev-query-key"; keyless locally)
    /health /metrics  operations (POST /ops/flush, /ops/maintenance, /ops/imports)
    /docs             API documentation
    /s3               S3-compatible endpoint over local R2
  Ctrl-C to stop.
`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping …');
    await stack.stop();
    process.exit(0);
  });
}
