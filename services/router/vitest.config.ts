import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

/** Stand-ins for the services the router binds to: each echoes its name and the path it was given. */
const echo = (name: string) => ({
  name,
  modules: true,
  compatibilityDate: '2026-10-01',
  script: `export default { fetch(req) { const u = new URL(req.url); return Response.json({ service: ${JSON.stringify(name)}, method: req.method, path: u.pathname + u.search }); } };`,
});

/** The catalog stand-in also takes R2 operation reports over RPC, and shows the totals at /__operations. */
const catalog = {
  name: 'analytics-catalog',
  modules: true,
  compatibilityDate: '2026-10-01',
  script: `import { WorkerEntrypoint } from 'cloudflare:workers';
    const totals = { classA: 0, classB: 0, services: [] };
    export default class extends WorkerEntrypoint {
      fetch(req) {
        const u = new URL(req.url);
        if (u.pathname === '/__operations') return Response.json(totals);
        return Response.json({ service: 'analytics-catalog', method: req.method, path: u.pathname + u.search });
      }
      recordOperations(service, classA, classB) {
        totals.classA += classA; totals.classB += classB;
        if (!totals.services.includes(service)) totals.services.push(service);
      }
    }`,
};

export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: './wrangler.jsonc' },
      miniflare: {
        bindings: { S3_ACCESS_KEY_ID: 'test-key', S3_SECRET_ACCESS_KEY: 'test-secret' },
        workers: [
          ...['analytics-collector', 'analytics-api', 'analytics-health', 'analytics-maintenance'].map(echo),
          catalog,
        ],
      },
    }),
  ],
  test: { name: 'router', include: ['test/**/*.test.ts'], globalSetup: ['test/global-setup.mjs'] },
});
