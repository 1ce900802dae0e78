import { env } from 'cloudflare:test';
import type { R2BucketLike } from '../../src/io/r2-store.ts';
import { R2Store } from '../../src/io/r2-store.ts';
import { objectStoreContract } from '../../src/testing/index.ts';

const bucket = (env as unknown as { BUCKET: R2BucketLike }).BUCKET;

objectStoreContract('R2 binding (workerd, Miniflare R2)', async () => new R2Store(bucket));
