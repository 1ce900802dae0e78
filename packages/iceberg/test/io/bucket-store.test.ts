import { describe, expect, it } from 'vitest';
import { isIcebergError } from '../../src/errors.ts';
import { BucketStore } from '../../src/io/bucket-store.ts';
import { fileIO, keyOf, readFile, uriOf } from '../../src/io/locations.ts';
import { MemoryStore } from '../../src/io/memory-store.ts';
import type { ByteRange, ObjectInfo, ObjectStore, PutOptions } from '../../src/io/storage.ts';
import { objectStoreContract } from '../../src/testing/index.ts';

/** The keys of one bucket of a BucketStore, seen as a store of their own (so the contract suite can run). */
class OneBucket implements ObjectStore {
  readonly #inner: ObjectStore;
  readonly #bucket: string;
  constructor(inner: ObjectStore, bucket: string) {
    this.#inner = inner;
    this.#bucket = bucket;
  }
  get(key: string, range?: ByteRange) {
    return this.#inner.get(`${this.#bucket}/${key}`, range);
  }
  async head(key: string) {
    return strip(await this.#inner.head(`${this.#bucket}/${key}`), this.#bucket);
  }
  async put(key: string, body: Uint8Array, options?: PutOptions) {
    return strip(await this.#inner.put(`${this.#bucket}/${key}`, body, options), this.#bucket)!;
  }
  delete(keys: readonly string[]) {
    return this.#inner.delete(keys.map((k) => `${this.#bucket}/${k}`));
  }
  async *list(prefix: string) {
    for await (const o of this.#inner.list(`${this.#bucket}/${prefix}`)) yield strip(o, this.#bucket)!;
  }
}
const strip = (o: ObjectInfo | undefined, bucket: string) =>
  o && { ...o, key: o.key.slice(bucket.length + 1) };

const shared = new BucketStore({
  'analytics-source': new MemoryStore(),
  'analytics-processed': new MemoryStore(),
});
objectStoreContract(
  'bucket store (one of two buckets)',
  async () => new OneBucket(shared, 'analytics-processed'),
);

const bytes = (s: string) => new TextEncoder().encode(s);

describe('BucketStore', () => {
  it('resolves s3:// locations of every bucket it knows through one FileIO', async () => {
    const source = new MemoryStore();
    const processed = new MemoryStore();
    const io = fileIO(
      new BucketStore({ 'analytics-source': source, 'analytics-processed': processed }),
      's3://',
    );
    await io.store.put(keyOf(io, 's3://analytics-source/events/a.parquet'), bytes('raw'));
    await io.store.put(keyOf(io, 's3://analytics-processed/facts/b.parquet'), bytes('fact'));
    expect(await source.head('events/a.parquet')).toMatchObject({ size: 3 });
    expect(await processed.head('facts/b.parquet')).toMatchObject({ size: 4 });
    expect(new TextDecoder().decode(await readFile(io, 's3://analytics-processed/facts/b.parquet'))).toBe(
      'fact',
    );
    const listed: string[] = [];
    for await (const o of io.store.list('analytics-processed/facts/')) listed.push(uriOf(io, o.key));
    expect(listed).toEqual(['s3://analytics-processed/facts/b.parquet']);
    await io.store.delete(['analytics-source/events/a.parquet', 'analytics-processed/facts/b.parquet']);
    expect(await source.head('events/a.parquet')).toBeUndefined();
    expect(await processed.head('facts/b.parquet')).toBeUndefined();
  });

  it('lists across buckets in key order when the prefix names no bucket yet', async () => {
    const store = new BucketStore({ b: new MemoryStore(), a: new MemoryStore(), 'a-b': new MemoryStore() });
    for (const k of ['a/2', 'a/1', 'a-b/1', 'b/1']) await store.put(k, bytes(k));
    const keys = async (prefix: string) => {
      const out: string[] = [];
      for await (const o of store.list(prefix)) out.push(o.key);
      return out;
    };
    expect(await keys('')).toEqual(['a-b/1', 'a/1', 'a/2', 'b/1']);
    expect(await keys('a')).toEqual(['a-b/1', 'a/1', 'a/2']);
    expect(await keys('c/')).toEqual([]);
  });

  it('refuses a bucket it has no store for, naming the ones it has', async () => {
    const store = new BucketStore({ 'analytics-source': new MemoryStore() });
    const error = await store.get('analytics-catalog/x').catch((e: unknown) => e);
    expect(isIcebergError(error, 'invalid-argument')).toBe(true);
    expect((error as Error).message).toBe(
      "No store for bucket 'analytics-catalog' (key analytics-catalog/x); known buckets: analytics-source",
    );
  });
});
