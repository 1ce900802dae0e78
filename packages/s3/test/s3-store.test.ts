import { IcebergError } from '@analytics/iceberg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3Handler, type S3OperationEvent } from '../src/index.ts';
import { S3Store } from '../src/s3-store.ts';
import { MemoryBucket } from '../src/testing/memory-bucket.ts';
import { type RunningServer, serve } from './support/node-server.ts';

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array | undefined) => (b === undefined ? undefined : new TextDecoder().decode(b));
const MiB = 1024 * 1024;

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('S3Store over the S3 handler (node:http, memory bucket)', () => {
  let server: RunningServer;
  let bucket: MemoryBucket;
  let store: S3Store;
  const events: S3OperationEvent[] = [];

  beforeAll(async () => {
    bucket = new MemoryBucket();
    const handler = createS3Handler({
      buckets: (name) => (name === 'warehouse' ? bucket : undefined),
      credentials: (id) => (id === 'engine' ? 'engine-secret' : undefined),
      basePath: '/s3',
      onOperation: (e) => events.push(e),
    });
    server = await serve(handler);
    store = new S3Store({
      endpoint: `${server.origin}/s3`,
      bucket: 'warehouse',
      credentials: { accessKeyId: 'engine', secretAccessKey: 'engine-secret' },
      multipartThreshold: 6 * MiB,
      partSize: 5 * MiB,
    });
  });

  afterAll(async () => {
    await server?.close();
  });

  it('round-trips objects and reports absent ones as undefined', async () => {
    const info = await store.put('t/metadata/00000-a b+ü.metadata.json', bytes('{"format-version":2}'), {
      contentType: 'application/json',
    });
    expect(info).toMatchObject({ key: 't/metadata/00000-a b+ü.metadata.json', size: 20 });
    expect(text(await store.get('t/metadata/00000-a b+ü.metadata.json'))).toBe('{"format-version":2}');
    expect(await store.get('t/metadata/missing.json')).toBeUndefined();
    expect(await store.head('t/metadata/missing.json')).toBeUndefined();
    const head = await store.head('t/metadata/00000-a b+ü.metadata.json');
    expect(head).toMatchObject({ size: 20, etag: info.etag });
    expect(head?.uploaded).toBeInstanceOf(Date);
  });

  it('reads byte ranges, clipping at the end of the object', async () => {
    await store.put('r/data.parquet', bytes('PAR1abcdefghijPAR1'));
    expect(text(await store.get('r/data.parquet', { offset: 4, length: 10 }))).toBe('abcdefghij');
    expect(text(await store.get('r/data.parquet', { offset: 14, length: 100 }))).toBe('PAR1');
    expect(text(await store.get('r/data.parquet', { offset: 18, length: 4 }))).toBe('');
    expect(text(await store.get('r/data.parquet', { offset: 0, length: 0 }))).toBe('');
    expect(await store.get('r/none.parquet', { offset: 0, length: 4 })).toBeUndefined();
  });

  it('refuses If-None-Match: * over an existing key and If-Match with a stale etag', async () => {
    const first = await store.put('c/v1.metadata.json', bytes('one'), { ifNoneMatch: '*' });
    const lost = await store
      .put('c/v1.metadata.json', bytes('two'), { ifNoneMatch: '*' })
      .catch((e: unknown) => e);
    expect(lost).toBeInstanceOf(IcebergError);
    expect((lost as IcebergError).kind).toBe('precondition-failed');
    expect(text(await store.get('c/v1.metadata.json'))).toBe('one');

    const swapped = await store.put('c/v1.metadata.json', bytes('three'), { ifMatch: first.etag as string });
    const stale = await store
      .put('c/v1.metadata.json', bytes('four'), { ifMatch: first.etag as string })
      .catch((e: unknown) => e);
    expect((stale as IcebergError).kind).toBe('precondition-failed');
    expect(text(await store.get('c/v1.metadata.json'))).toBe('three');
    expect(swapped.etag).not.toBe(first.etag);

    const absent = await store
      .put('c/absent.json', bytes('x'), { ifMatch: first.etag as string })
      .catch((e: unknown) => e);
    expect((absent as IcebergError).kind).toBe('precondition-failed');
  });

  it('lists every key under a prefix in order across ListObjectsV2 pages', async () => {
    const keys = Array.from({ length: 2345 }, (_, i) => `l/data/${String(i).padStart(5, '0')}.parquet`);
    for (const key of keys) await bucket.put(key, bytes(key));
    await bucket.put('l/data-other/x', bytes('x'));
    await bucket.put('l/datb', bytes('x'));
    const before = events.filter((e) => e.operation === 'ListObjectsV2').length;
    const listed = await collect(store.list('l/data/'));
    expect(listed.map((o) => o.key)).toEqual(keys);
    expect(listed[7]).toMatchObject({ size: keys[7]?.length });
    expect(events.filter((e) => e.operation === 'ListObjectsV2').length - before).toBe(3);
    expect((await collect(store.list('l/data'))).length).toBe(2346);
  });

  it('deletes in batches of 1000', async () => {
    const keys = (await collect(store.list('l/'))).map((o) => o.key);
    expect(keys.length).toBe(2347);
    await store.delete(keys);
    expect(await collect(store.list('l/'))).toEqual([]);
    expect(events.filter((e) => e.operation === 'DeleteObjects').length).toBe(3);
    await store.delete(['never/existed']);
  });

  it('uploads big objects in parts', async () => {
    const big = new Uint8Array(13 * MiB + 7).map((_, i) => (i * 31) & 255);
    const info = await store.put('big/file.parquet', big);
    expect(info.etag).toMatch(/-3$/);
    const back = await store.get('big/file.parquet');
    expect(back?.byteLength).toBe(big.byteLength);
    expect(back?.every((b, i) => b === big[i])).toBe(true);
    expect(events.filter((e) => e.operation === 'UploadPart').length).toBe(3);
  });

  it('names wrong credentials and missing buckets', async () => {
    const wrong = new S3Store({
      endpoint: `${server.origin}/s3`,
      bucket: 'warehouse',
      credentials: { accessKeyId: 'engine', secretAccessKey: 'nope' },
    });
    expect(await wrong.get('x').catch((e: IcebergError) => [e.kind, e.context.code])).toEqual([
      'storage',
      'SignatureDoesNotMatch',
    ]);
    const unknown = new S3Store({
      endpoint: `${server.origin}/s3`,
      bucket: 'warehouse',
      credentials: { accessKeyId: 'who', secretAccessKey: 'x' },
    });
    expect(await unknown.head('x').catch((e: IcebergError) => [e.kind, e.context.code])).toEqual([
      'storage',
      '403',
    ]);
    expect(await unknown.put('x', bytes('x')).catch((e: IcebergError) => [e.kind, e.context.code])).toEqual([
      'storage',
      'InvalidAccessKeyId',
    ]);
    const missing = new S3Store({
      endpoint: `${server.origin}/s3`,
      bucket: 'nope',
      credentials: { accessKeyId: 'engine', secretAccessKey: 'engine-secret' },
    });
    expect(await missing.put('x', bytes('x')).catch((e: IcebergError) => [e.kind, e.context.code])).toEqual([
      'storage',
      'NoSuchBucket',
    ]);
  });

  it('works in process with the handler as its fetch, mounted at the root, with unsigned payloads', async () => {
    const local = new MemoryBucket();
    const handler = createS3Handler({ buckets: () => local, credentials: () => 's' });
    const direct = new S3Store({
      endpoint: 'http://s3.local',
      bucket: 'any',
      credentials: { accessKeyId: 'k', secretAccessKey: 's' },
      fetch: handler,
      payload: 'unsigned',
    });
    await direct.put('a/b', bytes('hello'));
    expect(text(await direct.get('a/b', { offset: 1, length: 3 }))).toBe('ell');
    expect((await collect(direct.list('a/'))).map((o) => o.key)).toEqual(['a/b']);
  });

  it('retries transient failures with backoff, but never a conditional put', async () => {
    const local = new MemoryBucket();
    const handler = createS3Handler({ buckets: () => local, credentials: () => 's' });
    let failNext = 0;
    let requests = 0;
    const flaky = async (request: Request) => {
      requests++;
      if (failNext > 0) {
        failNext--;
        return new Response('<Error><Code>ServiceUnavailable</Code><Message>busy</Message></Error>', {
          status: 503,
        });
      }
      return handler(request);
    };
    const waits: number[] = [];
    const retrying = new S3Store({
      endpoint: 'http://s3.local',
      bucket: 'any',
      credentials: { accessKeyId: 'k', secretAccessKey: 's' },
      fetch: flaky,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    await retrying.put('k', bytes('v'));
    failNext = 2;
    expect(text(await retrying.get('k'))).toBe('v');
    expect(waits).toEqual([200, 800]);

    failNext = 3;
    const gaveUp = await retrying.get('k').catch((e: IcebergError) => [e.kind, e.context.code]);
    expect(gaveUp).toEqual(['storage', 'ServiceUnavailable']);

    failNext = 1;
    requests = 0;
    const conditional = await retrying
      .put('k2', bytes('v'), { ifNoneMatch: '*' })
      .catch((e: IcebergError) => [e.kind, e.context.status]);
    expect(conditional).toEqual(['storage', 503]);
    expect(requests).toBe(1);
    expect(await local.head('k2')).toBeNull();
  });

  it('uploads parts concurrently and completes them in order', async () => {
    const local = new MemoryBucket();
    const handler = createS3Handler({ buckets: () => local, credentials: () => 's' });
    let inFlight = 0;
    let peak = 0;
    const counting = async (request: Request) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      try {
        return await handler(request);
      } finally {
        inFlight--;
      }
    };
    const parallel = new S3Store({
      endpoint: 'http://s3.local',
      bucket: 'any',
      credentials: { accessKeyId: 'k', secretAccessKey: 's' },
      fetch: counting,
      payload: 'unsigned',
      multipartThreshold: 5 * MiB,
      partSize: 5 * MiB,
      partConcurrency: 3,
    });
    const big = new Uint8Array(16 * MiB).map((_, i) => (i >> 20) & 255);
    const info = await parallel.put('p', big);
    expect(info.etag).toMatch(/-4$/);
    expect(await parallel.get('p', { offset: 15 * MiB, length: 4 })).toEqual(
      new Uint8Array([15, 15, 15, 15]),
    );
    expect(peak).toBe(3);
  });

  it('reports every request with its R2 class for cost accounting', async () => {
    const local = new MemoryBucket();
    const handler = createS3Handler({ buckets: () => local, credentials: () => 's' });
    const seen: string[] = [];
    const counted = new S3Store({
      endpoint: 'http://s3.local',
      bucket: 'lake',
      credentials: { accessKeyId: 'k', secretAccessKey: 's' },
      fetch: handler,
      payload: 'unsigned',
      multipartThreshold: 5 * MiB,
      partSize: 5 * MiB,
      partConcurrency: 1,
      onRequest: (e) => seen.push(`${e.operation}:${e.operationClass}:${e.status}:${e.bucket}`),
    });
    await counted.put('a', bytes('x'));
    await counted.get('a');
    await counted.head('missing');
    await collect(counted.list(''));
    await counted.delete(['a']);
    await counted.put('big', new Uint8Array(6 * MiB));
    expect(seen).toEqual([
      'PutObject:A:200:lake',
      'GetObject:B:200:lake',
      'HeadObject:B:404:lake',
      'ListObjectsV2:A:200:lake',
      'DeleteObjects:free:200:lake',
      'CreateMultipartUpload:A:200:lake',
      'UploadPart:A:200:lake',
      'UploadPart:A:200:lake',
      'CompleteMultipartUpload:A:200:lake',
    ]);
  });
});
