/**
 * The structural subset of Cloudflare's `R2Bucket` the S3 handler uses, so a
 * real binding, Miniflare's, and `MemoryBucket` all fit. Shapes follow
 * @cloudflare/workers-types; only members the handler calls are listed.
 */

/** Object metadata R2 returns from head/put/list. */
export interface R2ObjectLike {
  readonly key: string;
  readonly size: number;
  /** Unquoted etag. */
  readonly etag: string;
  /** Quoted etag, as HTTP headers carry it. */
  readonly httpEtag: string;
  readonly uploaded: Date;
  readonly version?: string;
  readonly httpMetadata?: R2HttpMetadataLike;
  readonly customMetadata?: Record<string, string>;
  /** The range actually served, for ranged gets. */
  readonly range?: R2RangeLike;
}

/** An object with its body (a successful get). */
export interface R2ObjectBodyLike extends R2ObjectLike {
  readonly body: ReadableStream<Uint8Array>;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** Standard HTTP metadata R2 stores with an object. */
export interface R2HttpMetadataLike {
  contentType?: string;
  contentLanguage?: string;
  contentDisposition?: string;
  contentEncoding?: string;
  cacheControl?: string;
  cacheExpiry?: Date;
}

/** A byte range: from `offset` for `length` bytes (or to the end), or the last `suffix` bytes. */
export type R2RangeLike =
  | { offset: number; length?: number }
  | { offset?: number; length: number }
  | { suffix: number };

/** R2's conditional operations (`onlyIf`); etags unquoted, `*` matches any object. */
export interface R2ConditionalLike {
  etagMatches?: string;
  etagDoesNotMatch?: string;
  uploadedBefore?: Date;
  uploadedAfter?: Date;
  secondsGranularity?: boolean;
}

/** Options of `get`. */
export interface R2GetOptionsLike {
  onlyIf?: R2ConditionalLike | Headers;
  range?: R2RangeLike | Headers;
}

/** Options of `put`. */
export interface R2PutOptionsLike {
  onlyIf?: R2ConditionalLike | Headers;
  httpMetadata?: R2HttpMetadataLike | Headers;
  customMetadata?: Record<string, string>;
}

/** Options of `list`. */
export interface R2ListOptionsLike {
  limit?: number;
  prefix?: string;
  cursor?: string;
  delimiter?: string;
  startAfter?: string;
  include?: ('httpMetadata' | 'customMetadata')[];
}

/** One page of `list`. */
export type R2ObjectsLike = {
  objects: R2ObjectLike[];
  delimitedPrefixes: string[];
} & ({ truncated: true; cursor: string } | { truncated: false; cursor?: undefined });

/** A part as `uploadPart` returns it and `complete` takes it. */
export interface R2UploadedPartLike {
  partNumber: number;
  etag: string;
}

/** An in-progress multipart upload. */
export interface R2MultipartUploadLike {
  readonly key: string;
  readonly uploadId: string;
  uploadPart(
    partNumber: number,
    value: ArrayBuffer | ArrayBufferView | string | ReadableStream,
  ): Promise<R2UploadedPartLike>;
  abort(): Promise<void>;
  complete(uploadedParts: R2UploadedPartLike[]): Promise<R2ObjectLike>;
}

/** The bucket operations the S3 handler uses. */
export interface R2BucketLike {
  head(key: string): Promise<R2ObjectLike | null>;
  /** With a failed `onlyIf`, resolves to the object without a body. */
  get(key: string, options?: R2GetOptionsLike): Promise<R2ObjectBodyLike | R2ObjectLike | null>;
  /** With a failed `onlyIf`, resolves to `null`. */
  put(
    key: string,
    value: ArrayBuffer | ArrayBufferView | string | ReadableStream | null,
    options?: R2PutOptionsLike,
  ): Promise<R2ObjectLike | null>;
  delete(keys: string | string[]): Promise<void>;
  list(options?: R2ListOptionsLike): Promise<R2ObjectsLike>;
  createMultipartUpload(
    key: string,
    options?: { httpMetadata?: R2HttpMetadataLike | Headers; customMetadata?: Record<string, string> },
  ): Promise<R2MultipartUploadLike>;
  resumeMultipartUpload(key: string, uploadId: string): R2MultipartUploadLike;
}
