import { env } from 'cloudflare:test';
import { expect, it } from 'vitest';
import type { R2BucketLike } from '../../src/server/r2-bucket-like.ts';
import { MemoryBucket } from '../../src/testing/memory-bucket.ts';
import { scenario } from '../support/bucket-scenario.ts';

it('MemoryBucket gives the same results as Miniflare R2 for conditional puts, ranges, lists and multipart rules', async () => {
  const expected = await scenario(env.BUCKET as unknown as R2BucketLike);
  const actual = await scenario(new MemoryBucket());
  expect(actual).toEqual(expected);
});
