/** A minimal Map-backed ObjectStore for the Parquet tests (the engine's own memory store lives in src/io). */
import type { ObjectInfo, ObjectStore } from '../../src/io/storage.ts';

export class MapStore implements ObjectStore {
  readonly objects = new Map<string, Uint8Array>();
  async get(key: string, range?: { offset: number; length: number }) {
    const o = this.objects.get(key);
    return o && range ? o.slice(range.offset, range.offset + range.length) : o;
  }
  async head(key: string) {
    const o = this.objects.get(key);
    return o ? { key, size: o.length } : undefined;
  }
  async put(key: string, body: Uint8Array): Promise<ObjectInfo> {
    this.objects.set(key, body);
    return { key, size: body.length };
  }
  async delete(keys: readonly string[]) {
    for (const k of keys) this.objects.delete(k);
  }
  async *list(prefix: string) {
    for (const key of [...this.objects.keys()].sort()) {
      if (key.startsWith(prefix)) yield { key, size: this.objects.get(key)!.length };
    }
  }
}
