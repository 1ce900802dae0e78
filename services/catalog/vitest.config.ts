import { SCENARIO_CREDENTIAL, SCENARIO_TOKENS_JSON } from '@analytics/catalog/test/scenario-credentials';
import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: './wrangler.jsonc' },
      miniflare: {
        bindings: {
          CATALOG_TOKENS: SCENARIO_TOKENS_JSON,
          CATALOG_CREDENTIAL: `${SCENARIO_CREDENTIAL.id}:${SCENARIO_CREDENTIAL.secret}`,
          CATALOG_TOKEN_SECRET: 'workerd-test-secret',
          S3_ENDPOINT: 'http://127.0.0.1:9/s3',
          S3_ACCESS_KEY_ID: 'test-key',
          S3_SECRET_ACCESS_KEY: 'test-secret',
        },
      },
    }),
  ],
  test: { name: 'service-catalog', include: ['test/**/*.test.ts'] },
});
