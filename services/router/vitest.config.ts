import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

/** Stand-ins for the services the router binds to: each echoes its name and the path it was given. */
const echo = (name: string) => ({
  name,
  modules: true,
  compatibilityDate: '2026-10-01',
  script: `export default { fetch(req) { const u = new URL(req.url); return Response.json({ service: ${JSON.stringify(name)}, method: req.method, path: u.pathname + u.search }); } };`,
});

export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: './wrangler.jsonc' },
      miniflare: {
        bindings: { S3_ACCESS_KEY_ID: 'test-key', S3_SECRET_ACCESS_KEY: 'test-secret' },
        workers: [
          'analytics-collector',
          'analytics-catalog',
          'analytics-api',
          'analytics-health',
          'analytics-maintenance',
        ].map(echo),
      },
    }),
  ],
  test: { name: 'router', include: ['test/**/*.test.ts'] },
});
