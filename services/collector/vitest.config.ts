import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { kCurrentWorker } from 'miniflare';
import { defineConfig } from 'vitest/config';

/**
 * The collector inside workerd with real local Durable Object (SQLite) and R2
 * storage. Flushes go to the in-memory flush target the tests install, or to
 * the catalog stand-in below; ANALYTICS_API_KEY is the test key.
 */
export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: './wrangler.jsonc' },
      miniflare: {
        bindings: { ANALYTICS_API_KEY: 'test-key', FLUSH_INTERVAL_MS: '2000', BUFFER_SHARDS: '2' },
        // The catalog Worker is not part of this project; the end-to-end tests run the real one.
        // As wrangler does by default: `.wasm?module` imports (parquet-wasm) become compiled modules.
        modulesRules: [{ type: 'CompiledWasm', include: ['**/*.wasm', '**/*.wasm?module'] }],
        serviceBindings: {
          // SEED.md's service-binding example: a Worker bound to the TrustedIngest entrypoint.
          ANALYTICS: { name: kCurrentWorker, entrypoint: 'TrustedIngest' },
          CATALOG: () =>
            Response.json(
              { error: { message: 'no catalog in unit tests', type: 'ServiceUnavailable', code: 503 } },
              { status: 503 },
            ),
        },
      },
    }),
  ],
  test: { name: 'service-collector', include: ['test/**/*.test.ts'], testTimeout: 30_000 },
});
