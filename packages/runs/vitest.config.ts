import { defineConfig } from 'vitest/config';

/** The run book over Node's SQLite (the same SQL a Durable Object runs), the routes over Hono in process. */
export default defineConfig({ test: { name: 'runs', include: ['src/**/*.test.ts'] } });
