import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

/**
 * The engine's tests inside workerd (`*.workerd.spec.ts`, so the Node project
 * does not pick them up), with a local R2 bucket bound as `BUCKET`.
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
  test: { name: 'iceberg-workerd', include: ['test/**/*.workerd.spec.ts'], testTimeout: 60_000 },
});
