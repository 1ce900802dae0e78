/**
 * One `ObjectStore` over several buckets: key `<bucket>/<key>` goes to the
 * store of `<bucket>`. Paired with the root `s3://` (`fileIO(store, 's3://')`)
 * it resolves any `s3://<bucket>/...` location of the buckets it knows, so one
 * table environment can maintain tables in different buckets (raw events in
 * `analytics-source`, dbt output in `analytics-processed`).
 */
import { IcebergError } from '../errors.ts';
import type { ByteRange, ObjectInfo, ObjectStore, PutOptions, StoreCapabilities } from './storage.ts';

/** Routes keys to per-bucket stores by their first path segment. */
export class BucketStore implements ObjectStore {
  readonly #buckets: ReadonlyMap<string, ObjectStore>;
  readonly capabilities?: StoreCapabilities;

  constructor(buckets: Readonly<Record<string, ObjectStore>>) {
    this.#buckets = new Map(Object.entries(buckets));
    // Conditional writes work only if every bucket's store enforces them.
    if ([...this.#buckets.values()].some((s) => s.capabilities?.conditionalWrites === false))
      this.capabilities = { conditionalWrites: false };
  }

  #route(key: string): { store: ObjectStore; bucket: string; key: string } {
    const slash = key.indexOf('/');
    const bucket = slash < 0 ? key : key.slice(0, slash);
    const store = this.#buckets.get(bucket);
    if (!store || slash < 0) {
      throw new IcebergError(
        'invalid-argument',
        `No store for bucket '${bucket}' (key ${key}); known buckets: ${[...this.#buckets.keys()].join(', ')}`,
        { key, bucket },
      );
    }
    return { store, bucket, key: key.slice(slash + 1) };
  }

  async get(key: string, range?: ByteRange): Promise<Uint8Array | undefined> {
    const r = this.#route(key);
    return r.store.get(r.key, range);
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    const r = this.#route(key);
    const info = await r.store.head(r.key);
    return info && { ...info, key };
  }

  async put(key: string, body: Uint8Array, options?: PutOptions): Promise<ObjectInfo> {
    const r = this.#route(key);
    return { ...(await r.store.put(r.key, body, options)), key };
  }

  async delete(keys: readonly string[]): Promise<void> {
    const byBucket = new Map<string, { store: ObjectStore; keys: string[] }>();
    for (const k of keys) {
      const r = this.#route(k);
      const entry = byBucket.get(r.bucket) ?? { store: r.store, keys: [] };
      entry.keys.push(r.key);
      byBucket.set(r.bucket, entry);
    }
    await Promise.all([...byBucket.values()].map((e) => e.store.delete(e.keys)));
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    // A prefix inside one bucket lists that bucket; a shorter one lists every bucket it names, in key order.
    const slash = prefix.indexOf('/');
    const buckets =
      slash >= 0
        ? [prefix.slice(0, slash)].filter((b) => this.#buckets.has(b))
        : [...this.#buckets.keys()]
            .filter((b) => b.startsWith(prefix))
            .sort((a, b) => (`${a}/` < `${b}/` ? -1 : 1));
    for (const bucket of buckets) {
      const inner = slash >= 0 ? prefix.slice(slash + 1) : '';
      for await (const o of this.#buckets.get(bucket)!.list(inner)) yield { ...o, key: `${bucket}/${o.key}` };
    }
  }
}
