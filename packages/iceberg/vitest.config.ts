import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'iceberg',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // test/workers runs inside workerd (vitest.workers.config.ts).
    exclude: ['test/workers/**', '**/node_modules/**'],
    testTimeout: 60_000,
  },
});
