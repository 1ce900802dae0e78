import type { OperationClass } from '@analytics/catalog';
import type { ByteRange, ObjectInfo, ObjectStore, PutOptions } from '@analytics/iceberg';
import { IcebergError } from '@analytics/iceberg';

function info(o: R2Object): ObjectInfo {
  return { key: o.key, size: o.size, etag: o.httpEtag, uploaded: o.uploaded };
}

/**
 * The engine's storage port over an R2 bucket binding. Each call reports its
 * R2 operation class (A: put, list, delete; B: get, head) to `count`, which
 * feeds `/v1/costs`.
 */
export class R2ObjectStore implements ObjectStore {
  constructor(
    private readonly bucket: R2Bucket,
    private readonly count: (cls: OperationClass, n?: number) => void = () => {},
  ) {}

  async get(key: string, range?: ByteRange): Promise<Uint8Array | undefined> {
    this.count('B');
    const o = await this.bucket.get(
      key,
      range ? { range: { offset: range.offset, length: range.length } } : undefined,
    );
    return o ? new Uint8Array(await o.arrayBuffer()) : undefined;
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    this.count('B');
    const o = await this.bucket.head(key);
    return o ? info(o) : undefined;
  }

  async put(key: string, body: Uint8Array, options?: PutOptions): Promise<ObjectInfo> {
    this.count('A');
    const o = await this.bucket.put(key, body, {
      ...(options?.ifNoneMatch ? { onlyIf: new Headers({ 'if-none-match': '*' }) } : {}),
      ...(options?.ifMatch ? { onlyIf: { etagMatches: options.ifMatch } } : {}),
      ...(options?.contentType ? { httpMetadata: { contentType: options.contentType } } : {}),
    });
    if (!o) throw new IcebergError('precondition-failed', `Object ${key} exists already`, { key });
    return info(o);
  }

  async delete(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    this.count('A');
    await this.bucket.delete([...keys]);
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    let cursor: string | undefined;
    do {
      this.count('A');
      const page = await this.bucket.list({ prefix, ...(cursor ? { cursor } : {}) });
      for (const o of page.objects) yield info(o);
      cursor = page.truncated ? page.cursor : undefined;
    } while (cursor);
  }
}
