import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: 'catalog', include: ['test/**/*.test.ts', 'src/**/*.test.ts'] },
});
