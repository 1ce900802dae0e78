import { defineConfig } from 'vitest/config';

/** The client against in-process fetch functions (no server). */
export default defineConfig({ test: { name: 'analytics-client', include: ['test/**/*.test.ts'] } });
