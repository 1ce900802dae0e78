/**
 * The storage port: the only I/O the table engine does. Small on purpose;
 * adapters (memory, filesystem, R2 binding, S3 HTTP) live beside it and all
 * pass one shared contract suite.
 *
 * Keys are object keys inside one bucket (no scheme, no bucket name);
 * `locations.ts` maps `s3://bucket/key` URIs onto a store.
 */
export interface ObjectStore {
  /** Whole object, or the inclusive-exclusive byte range; `undefined` when absent. */
  get(key: string, range?: ByteRange): Promise<Uint8Array | undefined>;
  /** Size and etag without the body; `undefined` when absent. */
  head(key: string): Promise<ObjectInfo | undefined>;
  /**
   * Write an object. With `ifNoneMatch: '*'` the write fails with a
   * `StorageError` of kind `precondition-failed` when the key exists (where the
   * store supports conditional writes; stores that cannot say so in `capabilities`).
   */
  put(key: string, body: Uint8Array, options?: PutOptions): Promise<ObjectInfo>;
  delete(keys: readonly string[]): Promise<void>;
  /** All objects under a prefix, in key order, paged internally. */
  list(prefix: string): AsyncIterable<ObjectInfo>;
}

export interface ByteRange {
  readonly offset: number;
  readonly length: number;
}

export interface ObjectInfo {
  readonly key: string;
  readonly size: number;
  readonly etag?: string;
  readonly uploaded?: Date;
}

export interface PutOptions {
  readonly ifNoneMatch?: '*';
  readonly ifMatch?: string;
  readonly contentType?: string;
}
