/** An in-memory `ObjectStore` for tests and ephemeral tables; conditional writes are atomic (single-threaded). */
import { IcebergError } from '../errors.ts';
import type { ByteRange, ObjectInfo, ObjectStore, PutOptions } from './storage.ts';

interface Stored {
  readonly body: Uint8Array;
  readonly etag: string;
  readonly uploaded: Date;
}

/** Objects held in a Map; etags are per-write version counters. */
export class MemoryStore implements ObjectStore {
  private readonly objects = new Map<string, Stored>();
  private version = 0;

  private readonly clock: () => number;

  constructor(clock: () => number = () => Date.now()) {
    this.clock = clock;
  }

  async get(key: string, range?: ByteRange): Promise<Uint8Array | undefined> {
    const o = this.objects.get(key);
    if (!o) return undefined;
    return range ? o.body.slice(range.offset, range.offset + range.length) : o.body.slice();
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    const o = this.objects.get(key);
    return o && info(key, o);
  }

  async put(key: string, body: Uint8Array, options?: PutOptions): Promise<ObjectInfo> {
    const existing = this.objects.get(key);
    checkPrecondition(key, existing?.etag, options);
    const stored = { body: body.slice(), etag: `"m${++this.version}"`, uploaded: new Date(this.clock()) };
    this.objects.set(key, stored);
    return info(key, stored);
  }

  async delete(keys: readonly string[]): Promise<void> {
    for (const k of keys) this.objects.delete(k);
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    const keys = [...this.objects.keys()].filter((k) => k.startsWith(prefix)).sort();
    for (const k of keys) {
      const o = this.objects.get(k);
      if (o) yield info(k, o);
    }
  }
}

function info(key: string, o: Stored): ObjectInfo {
  return { key, size: o.body.length, etag: o.etag, uploaded: o.uploaded };
}

/** Throws `precondition-failed` when `options` do not hold for the current etag (undefined when absent). */
export function checkPrecondition(
  key: string,
  currentEtag: string | undefined,
  options: PutOptions | undefined,
): void {
  if (options?.ifNoneMatch === '*' && currentEtag !== undefined) {
    throw new IcebergError('precondition-failed', `Object ${key} already exists`, { key });
  }
  if (options?.ifMatch !== undefined && options.ifMatch !== currentEtag) {
    throw new IcebergError(
      'precondition-failed',
      `Object ${key} changed: etag ${currentEtag ?? 'absent'} != ${options.ifMatch}`,
      {
        key,
      },
    );
  }
}
