import { SELF } from 'cloudflare:test';
import { objectStoreContract } from '@analytics/iceberg/testing';
import { S3Store } from '../../src/index.ts';

// The engine's shared storage contract: S3Store → SELF.fetch → S3 handler → Miniflare R2.
objectStoreContract(
  'S3Store through the S3 handler on a Miniflare R2 binding',
  async () =>
    new S3Store({
      endpoint: 'http://localhost:8787/s3',
      bucket: 'analytics-source',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local-secret' },
      fetch: (request) => SELF.fetch(request),
    }),
);
