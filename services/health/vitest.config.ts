import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

/**
 * Stand-ins for the services the health Worker probes. Each answers /healthz,
 * /metrics?format=json (a MetricsSnapshot) and the operator endpoints, echoing
 * what it received (the query string as `search` when there is one). A service named in the `down` set answers 500 to /healthz.
 */
const stub = (name: string, metrics: unknown, down = false, entrypoint?: string) => ({
  name,
  modules: true,
  compatibilityDate: '2026-10-01',
  script: `${entrypoint ? `import { WorkerEntrypoint } from 'cloudflare:workers'; export class ${entrypoint} extends WorkerEntrypoint { fetch(req) { return handler.fetch(req); } }` : ''}
  const handler = { async fetch(req) {
    const u = new URL(req.url);
    if (u.pathname === '/healthz') return ${down} ? new Response('disk on fire', { status: 500 }) : Response.json({ status: 'ok', service: ${JSON.stringify(name)} });
    if (u.pathname === '/metrics') return Response.json(${JSON.stringify(metrics)});
    return Response.json({ service: ${JSON.stringify(name)}, method: req.method, path: u.pathname, ...(u.search ? { search: u.search } : {}), body: await req.text() });
  } };
  export default handler;`,
});

const snapshot = (service: string, metrics: unknown[]) => ({
  service,
  at: '2026-01-01T00:00:00.000Z',
  metrics,
});

export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: './wrangler.jsonc' },
      miniflare: {
        bindings: { ANALYTICS_OPERATOR_TOKEN: 'test-operator-token', QUERY_ENGINE_URL: 'http://127.0.0.1:9' },
        workers: [
          stub(
            'analytics-collector',
            snapshot('collector', [
              {
                name: 'analytics_events_total',
                help: 'h',
                type: 'counter',
                samples: [{ labels: {}, value: 42 }],
              },
              {
                name: 'analytics_buffer_events',
                help: 'h',
                type: 'gauge',
                samples: [{ labels: { table: 'default.page_views' }, value: 7 }],
              },
              {
                name: 'analytics_buffer_bytes',
                help: 'h',
                type: 'gauge',
                samples: [{ labels: { table: 'default.page_views' }, value: 700 }],
              },
              {
                name: 'analytics_buffer_fill_ratio',
                help: 'h',
                type: 'gauge',
                samples: [{ labels: { table: 'default.page_views' }, value: 0.25 }],
              },
            ]),
            false,
            'TrustedIngest',
          ),
          stub('analytics-catalog', snapshot('catalog', [])),
          stub(
            'analytics-api',
            snapshot('api', [
              {
                name: 'analytics_query_latency_ms',
                help: 'h',
                type: 'summary',
                samples: [
                  { labels: { query_type: 'eventCounts', quantile: '0.5' }, value: 3 },
                  { labels: { query_type: 'eventCounts', quantile: '0.95' }, value: 9 },
                  { labels: { query_type: 'eventCounts', quantile: '0.99' }, value: 12 },
                  { labels: { query_type: 'eventCounts', stat: 'count' }, value: 200 },
                  { labels: { query_type: 'eventCounts', stat: 'sum' }, value: 800 },
                ],
              },
              {
                name: 'analytics_cache_hits_total',
                help: 'h',
                type: 'counter',
                samples: [{ labels: { cache: 'manifest' }, value: 3 }],
              },
              {
                name: 'analytics_cache_misses_total',
                help: 'h',
                type: 'counter',
                samples: [{ labels: { cache: 'manifest' }, value: 1 }],
              },
            ]),
          ),
          stub('analytics-maintenance', snapshot('maintenance', []), true),
          stub('analytics-pipeline', snapshot('pipeline', [])),
        ],
      },
    }),
  ],
  test: { name: 'health', include: ['test/**/*.test.ts'] },
});
