import { defineConfig } from 'vitest/config';

/** Hashing, key lists and key matching: plain functions, tested in Node. */
export default defineConfig({ test: { name: 'keys', include: ['src/**/*.test.ts'] } });
