/**
 * An `ObjectStore` over a Workers R2 bucket binding. Typed against a minimal
 * structural interface, so this file needs no `cloudflare:*` import and the
 * real binding (`R2Bucket`) fits it. Conditional writes use R2's `onlyIf`:
 * a `put` that fails its precondition resolves to `null`.
 */
import { IcebergError } from '../errors.ts';
import type { ByteRange, ObjectInfo, ObjectStore, PutOptions } from './storage.ts';

/** The parts of an R2 object the store reads. */
export interface R2ObjectLike {
  readonly key: string;
  readonly size: number;
  readonly etag: string;
  readonly httpEtag: string;
  readonly uploaded: Date;
}

/** An R2 object with its body. */
export interface R2ObjectBodyLike extends R2ObjectLike {
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** The subset of the `R2Bucket` binding the store uses. */
export interface R2BucketLike {
  get(
    key: string,
    options?: { range?: { offset: number; length: number } },
  ): Promise<R2ObjectBodyLike | null>;
  head(key: string): Promise<R2ObjectLike | null>;
  put(
    key: string,
    value: ArrayBuffer | ArrayBufferView,
    options?: { onlyIf?: Headers; httpMetadata?: { contentType?: string } },
  ): Promise<R2ObjectLike | null>;
  delete(keys: string | string[]): Promise<void>;
  list(options?: { prefix?: string; cursor?: string; limit?: number }): Promise<{
    objects: R2ObjectLike[];
    truncated: boolean;
    cursor?: string;
  }>;
}

/** R2 allows at most 1000 keys per delete call. */
const DELETE_BATCH = 1000;

function info(o: R2ObjectLike): ObjectInfo {
  return { key: o.key, size: o.size, etag: o.httpEtag, uploaded: o.uploaded };
}

async function wrap<T>(what: string, key: string, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof IcebergError) throw e;
    throw new IcebergError(
      'storage',
      `R2 ${what} ${key} failed: ${(e as Error).message}`,
      { key },
      { cause: e },
    );
  }
}

/** Objects in one R2 bucket. Etags are R2's quoted `httpEtag`. */
export class R2Store implements ObjectStore {
  private readonly bucket: R2BucketLike;

  constructor(bucket: R2BucketLike) {
    this.bucket = bucket;
  }

  get(key: string, range?: ByteRange): Promise<Uint8Array | undefined> {
    return wrap('get', key, async () => {
      if (range && range.length === 0) return (await this.bucket.head(key)) ? new Uint8Array() : undefined;
      const o = await this.bucket.get(
        key,
        range ? { range: { offset: range.offset, length: range.length } } : undefined,
      );
      return o ? new Uint8Array(await o.arrayBuffer()) : undefined;
    });
  }

  head(key: string): Promise<ObjectInfo | undefined> {
    return wrap('head', key, async () => {
      const o = await this.bucket.head(key);
      return o ? info(o) : undefined;
    });
  }

  put(key: string, body: Uint8Array, options?: PutOptions): Promise<ObjectInfo> {
    return wrap('put', key, async () => {
      const onlyIf = new Headers();
      if (options?.ifNoneMatch === '*') onlyIf.set('If-None-Match', '*');
      if (options?.ifMatch !== undefined) onlyIf.set('If-Match', options.ifMatch);
      const conditional = options?.ifNoneMatch !== undefined || options?.ifMatch !== undefined;
      const o = await this.bucket.put(key, body, {
        ...(conditional ? { onlyIf } : {}),
        ...(options?.contentType ? { httpMetadata: { contentType: options.contentType } } : {}),
      });
      if (!o) {
        throw new IcebergError(
          'precondition-failed',
          options?.ifNoneMatch === '*'
            ? `Object ${key} already exists`
            : `Object ${key} changed since etag ${options?.ifMatch}`,
          { key },
        );
      }
      return info(o);
    });
  }

  delete(keys: readonly string[]): Promise<void> {
    return wrap('delete', keys[0] ?? '', async () => {
      for (let i = 0; i < keys.length; i += DELETE_BATCH)
        await this.bucket.delete(keys.slice(i, i + DELETE_BATCH));
    });
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    let cursor: string | undefined;
    do {
      const page = await wrap('list', prefix, () =>
        this.bucket.list({ prefix, ...(cursor ? { cursor } : {}) }),
      );
      for (const o of page.objects) yield info(o);
      cursor = page.truncated ? page.cursor : undefined;
    } while (cursor);
  }
}
