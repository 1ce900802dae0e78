import { readFileSync } from 'node:fs';
import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import { startEngineFixture } from './test/fixture/engine-fixture.ts';

// A real query engine (Node + DuckDB) for the Worker under test to call.
const engine = await startEngineFixture();

export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: './wrangler.jsonc' },
      miniflare: {
        // The collector's TrustedIngest, standing in with one buffered page view at "now".
        workers: [
          {
            name: 'analytics-collector',
            modules: true,
            compatibilityDate: '2026-10-01',
            script: `import { WorkerEntrypoint } from 'cloudflare:workers';
              export class TrustedIngest extends WorkerEntrypoint {
                async readBuffered(table, fromMicros, toMicros) {
                  if (table !== 'page_views') return [];
                  const ts = Date.now() * 1000 - 5_000_000;
                  return ts >= fromMicros && ts < toMicros
                    ? [{ event_id: 'buffered-1', timestamp: ts, event_type: 'page_view', session_id: 'live', page_url: 'https://rawkode.academy/live', page_title: 'Live' }]
                    : [];
                }
              }
              export default { fetch() { return new Response('collector stub'); } };`,
          },
        ],
        bindings: {
          QUERY_ENGINE_URL: engine.url,
          // wrangler.jsonc keeps QUERY_PUBLIC "false": every test sends this key (test/read-key.ts).
          ANALYTICS_QUERY_KEY: 'test-query-key',
          EXPECTED: JSON.parse(JSON.stringify(engine.expected)),
          CONTRACT_SDL: readFileSync(new URL('../../contracts/analytics.graphql', import.meta.url), 'utf8'),
        },
      },
    }),
  ],
  test: { name: 'api', include: ['test/**/*.test.ts'] },
});
