/**
 * An in-memory `R2BucketLike` that behaves like R2 where the S3 handler can
 * tell: MD5 etags (and `md5-of-md5s-N` for multipart), conditional get/put
 * (`onlyIf` as R2Conditional or Headers), ranges (R2 throws on unsatisfiable
 * ones), lexicographic list pages with delimiter, cursor and startAfter, and
 * R2's multipart rules (parts other than the last at least `minPartSize` and
 * all the same size).
 */

import { md5, md5Hex } from '../md5.ts';
import type {
  R2BucketLike,
  R2ConditionalLike,
  R2GetOptionsLike,
  R2HttpMetadataLike,
  R2ListOptionsLike,
  R2MultipartUploadLike,
  R2ObjectBodyLike,
  R2ObjectLike,
  R2ObjectsLike,
  R2PutOptionsLike,
  R2RangeLike,
  R2UploadedPartLike,
} from '../server/r2-bucket-like.ts';

/** R2's minimum size of every multipart part but the last (5 MiB). */
export const R2_MIN_PART_SIZE = 5 * 1024 * 1024;

/** Options for a memory bucket. */
export interface MemoryBucketOptions {
  /** Upload time source (default `() => new Date()`). */
  readonly clock?: () => Date;
  /** Smallest non-final multipart part (default 5 MiB as R2). */
  readonly minPartSize?: number;
}

interface StoredObject {
  readonly key: string;
  readonly data: Uint8Array;
  readonly etag: string;
  readonly uploaded: Date;
  readonly version: string;
  readonly httpMetadata: R2HttpMetadataLike;
  readonly customMetadata: Record<string, string>;
}

interface StoredPart {
  readonly data: Uint8Array;
  readonly etag: string;
}

interface Upload {
  readonly key: string;
  readonly parts: Map<number, StoredPart>;
  readonly httpMetadata: R2HttpMetadataLike;
  readonly customMetadata: Record<string, string>;
}

/** The R2-style error a memory bucket throws (R2 bindings throw plain Errors with a code in the message). */
export class MemoryBucketError extends Error {
  override readonly name = 'MemoryBucketError';
  constructor(
    readonly code:
      | 'InvalidRange'
      | 'NoSuchUpload'
      | 'InvalidPart'
      | 'EntityTooSmall'
      | 'BadUpload'
      | 'InvalidObjectName',
    message: string,
  ) {
    super(`${message} (${R2_ERROR_NUMBERS[code]})`);
  }
}

/** The numeric codes R2 puts in its error messages. */
const R2_ERROR_NUMBERS = {
  InvalidObjectName: 10020,
  InvalidRange: 10039,
  NoSuchUpload: 10024,
  InvalidPart: 10025,
  EntityTooSmall: 10011,
  BadUpload: 10048,
};

type Etag = { type: 'wildcard' } | { type: 'strong' | 'weak'; value: string };

function parseEtags(value: string | undefined | null): Etag[] | undefined {
  if (value === undefined || value === null) return undefined;
  return value.split(',').map((raw) => {
    const v = raw.trim();
    if (v === '*') return { type: 'wildcard' };
    if (v.startsWith('W/')) return { type: 'weak', value: v.slice(2).replace(/^"|"$/g, '') };
    return { type: 'strong', value: v.replace(/^"|"$/g, '') };
  });
}

interface Conditional {
  etagMatches?: Etag[];
  etagDoesNotMatch?: Etag[];
  uploadedBefore?: Date;
  uploadedAfter?: Date;
  secondsGranularity?: boolean;
}

function toConditional(onlyIf: R2ConditionalLike | Headers): Conditional {
  if (onlyIf instanceof Headers) {
    const since = onlyIf.get('if-modified-since');
    const unmodified = onlyIf.get('if-unmodified-since');
    return {
      etagMatches: parseEtags(onlyIf.get('if-match')),
      etagDoesNotMatch: parseEtags(onlyIf.get('if-none-match')),
      uploadedAfter: since ? new Date(since) : undefined,
      uploadedBefore: unmodified ? new Date(unmodified) : undefined,
      secondsGranularity: true,
    };
  }
  return {
    etagMatches: parseEtags(onlyIf.etagMatches),
    etagDoesNotMatch: parseEtags(onlyIf.etagDoesNotMatch),
    uploadedAfter: onlyIf.uploadedAfter,
    uploadedBefore: onlyIf.uploadedBefore,
    secondsGranularity: onlyIf.secondsGranularity,
  };
}

function includesEtag(list: Etag[], etag: string, weakOk: boolean): boolean {
  return list.some((c) => c.type === 'wildcard' || (c.value === etag && (c.type === 'strong' || weakOk)));
}

/** R2's conditional evaluation (as Miniflare implements it). */
function passes(cond: Conditional, object: StoredObject | undefined): boolean {
  if (!object) return cond.etagMatches === undefined && cond.uploadedAfter === undefined;
  const trunc = (ms: number) => (cond.secondsGranularity ? Math.floor(ms / 1000) * 1000 : ms);
  const modified = trunc(object.uploaded.getTime());
  const ifMatch = cond.etagMatches === undefined || includesEtag(cond.etagMatches, object.etag, false);
  const ifNoneMatch =
    cond.etagDoesNotMatch === undefined || !includesEtag(cond.etagDoesNotMatch, object.etag, true);
  const ifModifiedSince =
    cond.uploadedAfter === undefined ||
    trunc(cond.uploadedAfter.getTime()) < modified ||
    (cond.etagDoesNotMatch !== undefined && ifNoneMatch);
  const ifUnmodifiedSince =
    cond.uploadedBefore === undefined ||
    modified < trunc(cond.uploadedBefore.getTime()) ||
    (cond.etagMatches !== undefined && ifMatch);
  return ifMatch && ifNoneMatch && ifModifiedSince && ifUnmodifiedSince;
}

function toBytes(
  value: ArrayBuffer | ArrayBufferView | string | ReadableStream | null,
): Promise<Uint8Array> | Uint8Array {
  if (value === null) return new Uint8Array(0);
  if (typeof value === 'string') return new TextEncoder().encode(value);
  if (value instanceof ArrayBuffer) return new Uint8Array(value.slice(0));
  if (ArrayBuffer.isView(value))
    return new Uint8Array(value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength));
  return new Response(value).arrayBuffer().then((b) => new Uint8Array(b));
}

function toHttpMetadata(meta: R2HttpMetadataLike | Headers | undefined): R2HttpMetadataLike {
  if (!meta) return {};
  if (!(meta instanceof Headers)) return { ...meta };
  const out: R2HttpMetadataLike = {};
  const map: [keyof R2HttpMetadataLike, string][] = [
    ['contentType', 'content-type'],
    ['contentLanguage', 'content-language'],
    ['contentDisposition', 'content-disposition'],
    ['contentEncoding', 'content-encoding'],
    ['cacheControl', 'cache-control'],
  ];
  for (const [field, header] of map) {
    const v = meta.get(header);
    if (v !== null) (out as Record<string, string>)[field] = v;
  }
  return out;
}

function resolveRange(
  range: R2RangeLike | Headers,
  size: number,
): { start: number; end: number } | undefined {
  if (range instanceof Headers)
    throw new TypeError('MemoryBucket takes ranges as { offset, length, suffix }');
  let offset: number;
  let length: number;
  if ('suffix' in range) {
    if (range.suffix <= 0)
      throw new MemoryBucketError('InvalidRange', 'get: The requested range is not satisfiable');
    const suffix = Math.min(range.suffix, size);
    offset = size - suffix;
    length = suffix;
  } else {
    offset = range.offset ?? 0;
    length = range.length ?? size - offset;
  }
  if (offset < 0 || offset > size || length <= 0) {
    throw new MemoryBucketError('InvalidRange', 'get: The requested range is not satisfiable');
  }
  return { start: offset, end: Math.min(offset + length, size) - 1 };
}

/** R2 keys are at most 1024 bytes of UTF-8. */
function checkKey(key: string): void {
  if (new TextEncoder().encode(key).byteLength > 1024) {
    throw new MemoryBucketError('InvalidObjectName', 'put: The specified object name is not valid');
  }
}

function metaOf(object: StoredObject, range?: { start: number; end: number }): R2ObjectLike {
  return {
    key: object.key,
    size: object.data.byteLength,
    etag: object.etag,
    httpEtag: `"${object.etag}"`,
    uploaded: object.uploaded,
    version: object.version,
    httpMetadata: { ...object.httpMetadata },
    customMetadata: { ...object.customMetadata },
    ...(range ? { range: { offset: range.start, length: range.end - range.start + 1 } } : {}),
  };
}

function withBody(meta: R2ObjectLike, bytes: Uint8Array): R2ObjectBodyLike {
  return {
    ...meta,
    get body() {
      return new Response(bytes.slice()).body as ReadableStream<Uint8Array>;
    },
    arrayBuffer: async () => bytes.slice().buffer,
  };
}

/** An R2-like bucket in memory (see the module comment for what it mirrors). */
export class MemoryBucket implements R2BucketLike {
  readonly #objects = new Map<string, StoredObject>();
  readonly #uploads = new Map<string, Upload>();
  readonly #clock: () => Date;
  readonly #minPartSize: number;
  #counter = 0;

  constructor(options: MemoryBucketOptions = {}) {
    this.#clock = options.clock ?? (() => new Date());
    this.#minPartSize = options.minPartSize ?? R2_MIN_PART_SIZE;
  }

  #nextId(): string {
    this.#counter += 1;
    return `${this.#clock().getTime().toString(16)}${this.#counter.toString(16).padStart(8, '0')}`;
  }

  async head(key: string): Promise<R2ObjectLike | null> {
    const object = this.#objects.get(key);
    return object ? metaOf(object) : null;
  }

  async get(key: string, options: R2GetOptionsLike = {}): Promise<R2ObjectBodyLike | R2ObjectLike | null> {
    const object = this.#objects.get(key);
    if (!object) return null;
    if (options.onlyIf && !passes(toConditional(options.onlyIf), object)) return metaOf(object);
    const range = options.range ? resolveRange(options.range, object.data.byteLength) : undefined;
    const bytes = range ? object.data.subarray(range.start, range.end + 1) : object.data;
    return withBody(metaOf(object, range), bytes);
  }

  async put(
    key: string,
    value: ArrayBuffer | ArrayBufferView | string | ReadableStream | null,
    options: R2PutOptionsLike = {},
  ): Promise<R2ObjectLike | null> {
    checkKey(key);
    const data = await toBytes(value);
    if (options.onlyIf && !passes(toConditional(options.onlyIf), this.#objects.get(key))) return null;
    const object: StoredObject = {
      key,
      data,
      etag: md5Hex(data),
      uploaded: this.#clock(),
      version: this.#nextId(),
      httpMetadata: toHttpMetadata(options.httpMetadata),
      customMetadata: { ...(options.customMetadata ?? {}) },
    };
    this.#objects.set(key, object);
    return metaOf(object);
  }

  async delete(keys: string | string[]): Promise<void> {
    for (const key of typeof keys === 'string' ? [keys] : keys) this.#objects.delete(key);
  }

  async list(options: R2ListOptionsLike = {}): Promise<R2ObjectsLike> {
    const limit = options.limit ?? 1000;
    if (limit < 1 || limit > 1000) throw new RangeError(`list: limit must be 1..1000, got ${limit}`);
    const prefix = options.prefix ?? '';
    const after = options.cursor ? decodeURIComponent(atob(options.cursor)) : options.startAfter;
    const keys = [...this.#objects.keys()]
      .filter((k) => k.startsWith(prefix) && (after === undefined || k > after))
      .sort();
    const objects: R2ObjectLike[] = [];
    const prefixes: string[] = [];
    let last: string | undefined;
    for (const key of keys) {
      if (objects.length + prefixes.length >= limit) {
        return {
          objects,
          delimitedPrefixes: prefixes,
          truncated: true,
          cursor: btoa(encodeURIComponent(last as string)),
        };
      }
      if (
        last !== undefined &&
        options.delimiter &&
        prefixes.length > 0 &&
        key.startsWith(prefixes[prefixes.length - 1] as string)
      ) {
        continue;
      }
      const rest = key.slice(prefix.length);
      const at = options.delimiter ? rest.indexOf(options.delimiter) : -1;
      if (options.delimiter && at >= 0) {
        const common = prefix + rest.slice(0, at + options.delimiter.length);
        prefixes.push(common);
        // Resume after every key under this common prefix.
        last = `${common}\u{10FFFF}`;
      } else {
        objects.push(metaOf(this.#objects.get(key) as StoredObject));
        last = key;
      }
    }
    return { objects, delimitedPrefixes: prefixes, truncated: false };
  }

  async createMultipartUpload(
    key: string,
    options: { httpMetadata?: R2HttpMetadataLike | Headers; customMetadata?: Record<string, string> } = {},
  ): Promise<R2MultipartUploadLike> {
    const uploadId = this.#nextId();
    this.#uploads.set(uploadId, {
      key,
      parts: new Map(),
      httpMetadata: toHttpMetadata(options.httpMetadata),
      customMetadata: { ...(options.customMetadata ?? {}) },
    });
    return this.resumeMultipartUpload(key, uploadId);
  }

  resumeMultipartUpload(key: string, uploadId: string): R2MultipartUploadLike {
    const find = (): Upload => {
      const upload = this.#uploads.get(uploadId);
      if (!upload || upload.key !== key)
        throw new MemoryBucketError('NoSuchUpload', 'The specified multipart upload does not exist');
      return upload;
    };
    return {
      key,
      uploadId,
      uploadPart: async (partNumber, value) => {
        const upload = find();
        const data = await toBytes(value);
        const etag = md5Hex(data);
        upload.parts.set(partNumber, { data, etag });
        return { partNumber, etag };
      },
      abort: async () => {
        this.#uploads.delete(uploadId);
      },
      complete: async (uploadedParts) => this.#complete(key, uploadId, find(), uploadedParts),
    };
  }

  #complete(
    key: string,
    uploadId: string,
    upload: Upload,
    uploadedParts: R2UploadedPartLike[],
  ): R2ObjectLike {
    const parts = uploadedParts.map(({ partNumber, etag }) => {
      const part = upload.parts.get(partNumber);
      if (!part || part.etag !== etag)
        throw new MemoryBucketError('InvalidPart', `Part ${partNumber} was not uploaded with etag ${etag}`);
      return part;
    });
    const sizes = parts.map((p) => p.data.byteLength);
    const first = sizes[0] ?? 0;
    for (const size of sizes.slice(0, -1)) {
      if (size < this.#minPartSize)
        throw new MemoryBucketError(
          'EntityTooSmall',
          'Your proposed upload is smaller than the minimum allowed object size',
        );
      if (size !== first)
        throw new MemoryBucketError('BadUpload', 'All non-trailing parts must have the same length');
    }
    if (sizes.length > 1 && (sizes[sizes.length - 1] as number) > first) {
      throw new MemoryBucketError('BadUpload', 'The last part must not be larger than the others');
    }
    const data = new Uint8Array(sizes.reduce((a, b) => a + b, 0));
    const digests = new Uint8Array(parts.length * 16);
    let at = 0;
    parts.forEach((part, i) => {
      data.set(part.data, at);
      at += part.data.byteLength;
      digests.set(md5(part.data), i * 16);
    });
    const object: StoredObject = {
      key,
      data,
      etag: `${md5Hex(digests)}-${parts.length}`,
      uploaded: this.#clock(),
      version: this.#nextId(),
      httpMetadata: upload.httpMetadata,
      customMetadata: upload.customMetadata,
    };
    this.#objects.set(key, object);
    this.#uploads.delete(uploadId);
    return metaOf(object);
  }
}
