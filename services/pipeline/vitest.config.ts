import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

/**
 * The pipeline inside workerd with a real local D1 database (APP_DB) and R2
 * bucket (SOURCE) from wrangler.jsonc. Imports commit through the real
 * catalog core (`@analytics/catalog`, in-process over the same R2), as the
 * CATALOG binding does in the stack; the binding itself answers 503 here.
 * Pure unit tests (mapping, cursors, configuration) run in the same pool.
 */
export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: './wrangler.jsonc' },
      miniflare: {
        bindings: {
          IMPORT_SOURCES: JSON.stringify([
            { name: 'app_orders', kind: 'd1', binding: 'APP_DB', from: 'http_orders', cursor: 'id' },
            { name: 'broken', kind: 'http', url: 'ftp://nope', records: '$', cursor: 'id' },
          ]),
        },
        // As wrangler does by default: `.wasm?module` imports (parquet-wasm) become compiled modules.
        modulesRules: [{ type: 'CompiledWasm', include: ['**/*.wasm', '**/*.wasm?module'] }],
        serviceBindings: {
          CATALOG: () =>
            Response.json(
              {
                error: { message: 'no catalog Worker in these tests', type: 'ServiceUnavailable', code: 503 },
              },
              { status: 503 },
            ),
        },
      },
    }),
  ],
  test: { name: 'pipeline', include: ['test/**/*.test.ts'], testTimeout: 60_000 },
});
