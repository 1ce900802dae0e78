import { defineConfig } from 'vitest/config';

/**
 * Repository-level tests: codegen drift, served contracts, end-to-end runs
 * against the local stack. Files run one at a time: each end-to-end file starts
 * a whole stack (every Worker under workerd plus the query engine), and two at
 * once on a 2-core machine only slow each other down.
 */
export default defineConfig({
  test: {
    name: 'repo',
    include: ['**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
