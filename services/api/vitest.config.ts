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
        bindings: {
          QUERY_ENGINE_URL: engine.url,
          EXPECTED: JSON.parse(JSON.stringify(engine.expected)),
          CONTRACT_SDL: readFileSync(new URL('../../contracts/analytics.graphql', import.meta.url), 'utf8'),
        },
      },
    }),
  ],
  test: { name: 'api', include: ['test/**/*.test.ts'] },
});
