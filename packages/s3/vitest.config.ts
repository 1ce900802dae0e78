import { defineConfig } from 'vitest/config';

/** Node tests of the S3 library: SigV4 vectors, the handler over the memory bucket, real clients (boto3, pyarrow, DuckDB). */
export default defineConfig({
  test: { name: 's3', include: ['test/*.test.ts'], testTimeout: 120_000, hookTimeout: 60_000 },
});
