import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

/**
 * The engine's tests inside workerd (`*.workerd.spec.ts` and `test/workers/`,
 * which the Node project excludes), with a local R2 bucket bound as `BUCKET`:
 * the ObjectStore contract against Miniflare's R2, Parquet in workerd, and a
 * table written to R2 and read back (issue 3, "Done when" 4).
 */
export default defineConfig({
  plugins: [
    cloudflareTest({
      miniflare: {
        compatibilityDate: '2026-10-01',
        compatibilityFlags: ['nodejs_compat'],
        r2Buckets: ['BUCKET'],
        // As wrangler does by default: `.wasm?module` imports (parquet-wasm) become compiled modules.
        modulesRules: [{ type: 'CompiledWasm', include: ['**/*.wasm', '**/*.wasm?module'] }],
      },
    }),
  ],
  test: {
    name: 'iceberg-workerd',
    include: ['test/**/*.workerd.spec.ts', 'test/workers/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
