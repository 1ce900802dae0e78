import { defineConfig } from 'vitest/config';

/** Repository-level tests: codegen drift, served contracts, end-to-end runs against the local stack. */
export default defineConfig({
  test: {
    name: 'repo',
    include: ['**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
