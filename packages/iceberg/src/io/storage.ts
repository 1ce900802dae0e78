/**
 * NOTE for adapter authors: conditional-write failures are `IcebergError`s of
 * kind `precondition-failed` (see `errors.ts`); other failures kind `storage`.
 *
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
   * Write an object. With `ifNoneMatch: '*'` the write fails with an
   * `IcebergError` of kind `precondition-failed` when the key exists; with
   * `ifMatch: etag` when the stored object's etag differs (or it is absent).
   * Stores without conditional writes say so in `capabilities` and throw
   * `unsupported` for conditional puts.
   */
  put(key: string, body: Uint8Array, options?: PutOptions): Promise<ObjectInfo>;
  delete(keys: readonly string[]): Promise<void>;
  /** All objects under a prefix, in key order, paged internally. */
  list(prefix: string): AsyncIterable<ObjectInfo>;
  /** What the store can do; absent means conditional writes are supported. */
  readonly capabilities?: StoreCapabilities;
}

/** Optional features of a store. */
export interface StoreCapabilities {
  /** `ifNoneMatch` / `ifMatch` on `put` are enforced atomically. */
  readonly conditionalWrites: boolean;
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
