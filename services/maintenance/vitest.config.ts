import { defineConfig } from 'vitest/config';

/** The maintenance tasks run over the real table engine (in-process catalog, memory store) in Node. */
export default defineConfig({
  test: { name: 'maintenance', include: ['test/**/*.test.ts'], testTimeout: 60_000 },
});
