import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

/**
 * The S3 endpoint inside workerd: `test/workers/worker.ts` mounts the handler
 * at /s3 over a Miniflare R2 binding; `*.workerd.spec.ts` drive it through
 * `SELF.fetch` with the S3 store and hand-signed requests.
 * Typechecked by `test/workers/tsconfig.json`.
 */
export default defineConfig({
  plugins: [
    cloudflareTest({
      main: './test/workers/worker.ts',
      miniflare: {
        compatibilityDate: '2026-10-01',
        compatibilityFlags: ['nodejs_compat'],
        r2Buckets: ['BUCKET'],
      },
    }),
  ],
  test: { name: 's3-workerd', include: ['test/workers/**/*.workerd.spec.ts'], testTimeout: 120_000 },
});
