/**
 * An ObjectStore decorator that counts the R2 operations it makes, by R2's
 * price class (developers.cloudflare.com/r2/pricing): class A for writes and
 * lists (PutObject, ListObjects), class B for reads (GetObject, HeadObject);
 * deletes are free. Services wrap their R2 stores in it and report the counts
 * to the catalog, which prices them in `/v1/costs`.
 */
import type { ByteRange, ObjectInfo, ObjectStore, PutOptions } from './storage.ts';

/** Operations counted since the last `take()`. */
export interface OperationCounts {
  readonly classA: number;
  readonly classB: number;
}

/** Objects one R2 list call returns at most. */
const LIST_PAGE = 1000;

export class CountingStore implements ObjectStore {
  readonly #inner: ObjectStore;
  #classA = 0;
  #classB = 0;

  constructor(inner: ObjectStore) {
    this.#inner = inner;
  }

  /** The counts so far, resetting them to zero. */
  take(): OperationCounts {
    const counts = { classA: this.#classA, classB: this.#classB };
    this.#classA = 0;
    this.#classB = 0;
    return counts;
  }

  get(key: string, range?: ByteRange): Promise<Uint8Array | undefined> {
    this.#classB++;
    return this.#inner.get(key, range);
  }

  head(key: string): Promise<ObjectInfo | undefined> {
    this.#classB++;
    return this.#inner.head(key);
  }

  put(key: string, body: Uint8Array, options?: PutOptions): Promise<ObjectInfo> {
    this.#classA++;
    return this.#inner.put(key, body, options);
  }

  delete(keys: readonly string[]): Promise<void> {
    return this.#inner.delete(keys);
  }

  /** One class A operation per page of up to 1,000 objects (at least one per call). */
  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    this.#classA++;
    let n = 0;
    for await (const info of this.#inner.list(prefix)) {
      n++;
      if (n > LIST_PAGE && n % LIST_PAGE === 1) this.#classA++;
      yield info;
    }
  }
}
