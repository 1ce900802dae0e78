import {
  type ByteRange,
  IcebergError,
  type ObjectInfo,
  type ObjectStore,
  type PutOptions,
} from '@analytics/iceberg';

/** A map-backed ObjectStore for Node tests of the catalog. */
export class MemoryObjectStore implements ObjectStore {
  readonly objects = new Map<string, Uint8Array>();

  async get(key: string, range?: ByteRange): Promise<Uint8Array | undefined> {
    const o = this.objects.get(key);
    return o && range ? o.slice(range.offset, range.offset + range.length) : o;
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    const o = this.objects.get(key);
    return o ? { key, size: o.length } : undefined;
  }

  async put(key: string, body: Uint8Array, options?: PutOptions): Promise<ObjectInfo> {
    if (options?.ifNoneMatch === '*' && this.objects.has(key)) {
      throw new IcebergError('precondition-failed', `Object ${key} exists already`, { key });
    }
    this.objects.set(key, body.slice());
    return { key, size: body.length };
  }

  async delete(keys: readonly string[]): Promise<void> {
    for (const k of keys) this.objects.delete(k);
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    for (const key of [...this.objects.keys()].sort()) {
      if (key.startsWith(prefix)) yield { key, size: this.objects.get(key)?.length ?? 0 };
    }
  }
}
