import { defineConfig } from 'vitest/config';

/**
 * One Vitest run covers every workspace: Node projects for the runtime-agnostic
 * packages and the query engine, workerd projects (via @cloudflare/vitest-plugin)
 * for the Worker services, and the repository-level tests in tests/.
 * Each workspace that has tests owns a vitest.config.ts; this file only lists them.
 */
export default defineConfig({
  test: {
    projects: [
      'packages/*/vitest.config.ts',
      'packages/*/vitest.workers.config.ts',
      'services/*/vitest.config.ts',
      'clients/*/vitest.config.ts',
      'tests/vitest.config.ts',
    ],
  },
});
