import { objectStoreContract } from '@analytics/iceberg/testing';
import { afterAll } from 'vitest';
import { createS3Handler } from '../src/index.ts';
import { S3Store } from '../src/s3-store.ts';
import { MemoryBucket } from '../src/testing/memory-bucket.ts';
import { type RunningServer, serve } from './support/node-server.ts';

// The engine's shared storage contract, run against S3Store talking HTTP to the handler.
let server: RunningServer | undefined;
let store: S3Store | undefined;

async function makeStore(): Promise<S3Store> {
  if (!store) {
    const bucket = new MemoryBucket();
    server = await serve(
      createS3Handler({
        buckets: (n) => (n === 'warehouse' ? bucket : undefined),
        credentials: () => 'secret',
        basePath: '/s3',
      }),
    );
    store = new S3Store({
      endpoint: `${server.origin}/s3`,
      bucket: 'warehouse',
      credentials: { accessKeyId: 'k', secretAccessKey: 'secret' },
    });
  }
  return store;
}

afterAll(async () => {
  await server?.close();
});

objectStoreContract('S3Store over node:http to the S3 handler on a memory bucket', makeStore);
