import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

/**
 * The engine inside workerd: the ObjectStore contract against Miniflare's
 * local R2, and a table written to R2 and read back (issue 3, "Done when" 4).
 */
export default defineConfig({
  plugins: [
    cloudflareTest({
      miniflare: {
        compatibilityDate: '2026-10-01',
        compatibilityFlags: ['nodejs_compat'],
        r2Buckets: ['BUCKET'],
      },
    }),
  ],
  test: { name: 'iceberg-workers', include: ['test/workers/**/*.test.ts'], testTimeout: 60_000 },
});
