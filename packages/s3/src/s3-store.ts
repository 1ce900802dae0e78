/**
 * The table engine's `ObjectStore` port over any S3-compatible endpoint (R2's
 * S3 API, AWS S3, MinIO, the local `/s3` endpoint), path-style, signed with
 * SigV4: ranged GETs, conditional PUTs (`If-None-Match: *`, `If-Match`),
 * ListObjectsV2 paging, DeleteObjects batches and multipart uploads for big
 * objects.
 *
 * Failures are the port's `IcebergError`s: kind `precondition-failed` for a
 * lost conditional write, kind `storage` for everything else, with the HTTP
 * `status` and S3 error `code` (e.g. `SignatureDoesNotMatch`, `NoSuchBucket`)
 * in `context`.
 */
import {
  type ByteRange,
  IcebergError,
  type ObjectInfo,
  type ObjectStore,
  type PutOptions,
} from '@analytics/iceberg';
import { md5 } from './md5.ts';
import type { OperationClass, S3OperationEvent } from './server/s3-context.ts';
import { uriDecode, uriEncode } from './sigv4/encoding.ts';
import { type Credentials, signRequest } from './sigv4/sign-request.ts';
import { escapeXml, xmlChild, xmlChildren } from './xml.ts';

/** Where the store talks and how. */
export interface S3StoreOptions {
  /** Endpoint URL, path-style, without the bucket (e.g. `http://localhost:8787/s3`). */
  readonly endpoint: string;
  readonly bucket: string;
  readonly credentials: Credentials;
  /** Signing region; R2 uses `auto` (the default). */
  readonly region?: string;
  /** The fetch to use (inject `SELF.fetch` or a service binding in Workers); default global fetch. */
  readonly fetch?: (request: Request) => Promise<Response>;
  /** Signing clock (default `() => new Date()`). */
  readonly clock?: () => Date;
  /** Objects larger than this go up in parts (default 64 MiB). */
  readonly multipartThreshold?: number;
  /** Part size of multipart uploads (default 16 MiB; S3 and R2 need at least 5 MiB but for the last part). */
  readonly partSize?: number;
  /** `hashed` signs body SHA-256s (default); `unsigned` sends UNSIGNED-PAYLOAD and saves the hashing. */
  readonly payload?: 'hashed' | 'unsigned';
  /** Parts uploaded at once in a multipart upload (default 4). */
  readonly partConcurrency?: number;
  /**
   * Extra attempts after a network error, 5xx or 429 (default 2), for every
   * request but conditional PUTs: replaying one whose answer was lost would
   * report a conflict for a write that succeeded.
   */
  readonly retries?: number;
  /** Wait between attempts (default a timer); backoff is 200 ms, then 800 ms, 3.2 s, ... */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Called once per HTTP request with its S3 operation and R2 class, so services can count what they spend. */
  readonly onRequest?: (event: S3OperationEvent) => void;
}

type StoreOperation =
  | 'GetObject'
  | 'HeadObject'
  | 'PutObject'
  | 'CreateMultipartUpload'
  | 'UploadPart'
  | 'CompleteMultipartUpload'
  | 'AbortMultipartUpload'
  | 'DeleteObjects'
  | 'ListObjectsV2';

/** R2 pricing class of each operation the store sends. */
const OPERATION_CLASS: Readonly<Record<StoreOperation, OperationClass>> = {
  GetObject: 'B',
  HeadObject: 'B',
  PutObject: 'A',
  CreateMultipartUpload: 'A',
  UploadPart: 'A',
  CompleteMultipartUpload: 'A',
  AbortMultipartUpload: 'free',
  DeleteObjects: 'free',
  ListObjectsV2: 'A',
};

const MiB = 1024 * 1024;

function base64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function unquote(etag: string | null): string | undefined {
  return etag === null ? undefined : etag.replace(/^W\//, '').replace(/^"|"$/g, '');
}

/** An `ObjectStore` speaking the S3 protocol. */
export class S3Store implements ObjectStore {
  readonly #options: S3StoreOptions;
  readonly #base: string;
  readonly #fetch: (request: Request) => Promise<Response>;
  readonly #clock: () => Date;
  readonly #sleep: (ms: number) => Promise<void>;

  constructor(options: S3StoreOptions) {
    this.#options = options;
    this.#base = `${options.endpoint.replace(/\/+$/, '')}/${uriEncode(options.bucket, true)}`;
    this.#fetch = options.fetch ?? ((request) => fetch(request));
    this.#clock = options.clock ?? (() => new Date());
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  #url(key: string, query = ''): string {
    return `${this.#base}/${uriEncode(key, false)}${query ? `?${query}` : ''}`;
  }

  /** Send a signed request, retrying transient failures unless `retry` is false. */
  async #send(
    operation: StoreOperation,
    method: string,
    url: string,
    headers: [string, string][] = [],
    body?: Uint8Array,
    retry = true,
  ): Promise<Response> {
    const attempts = retry ? 1 + (this.#options.retries ?? 2) : 1;
    for (let attempt = 1; ; attempt++) {
      let response: Response | undefined;
      let failure: unknown;
      try {
        response = await this.#sendOnce(method, url, headers, body);
      } catch (error) {
        failure = error;
      }
      this.#options.onRequest?.({
        operation,
        operationClass: OPERATION_CLASS[operation],
        bucket: this.#options.bucket,
        status: response?.status ?? 0,
      });
      const transient = response === undefined || response.status >= 500 || response.status === 429;
      if (!transient || attempt >= attempts) {
        if (response === undefined) throw failure;
        return response;
      }
      await response?.body?.cancel();
      await this.#sleep(200 * 4 ** (attempt - 1));
    }
  }

  async #sendOnce(
    method: string,
    url: string,
    headers: [string, string][],
    body: Uint8Array | undefined,
  ): Promise<Response> {
    const signed = await signRequest(
      { method, url, headers, ...(body ? { body } : {}) },
      {
        credentials: this.#options.credentials,
        region: this.#options.region ?? 'auto',
        now: this.#clock(),
        payload: this.#options.payload === 'unsigned' ? 'unsigned' : 'hashed',
      },
    );
    // `host` is set by fetch from the URL; passing it explicitly is refused by some runtimes.
    const sendHeaders = signed.headers.filter(([name]) => name.toLowerCase() !== 'host');
    try {
      return await this.#fetch(
        new Request(url, {
          method,
          headers: sendHeaders,
          ...(body ? { body: body as Uint8Array<ArrayBuffer> } : {}),
        }),
      );
    } catch (error) {
      throw new IcebergError(
        'storage',
        `${method} ${url} failed: ${String(error)}`,
        { method, url },
        { cause: error },
      );
    }
  }

  async #fail(response: Response, what: string, key?: string): Promise<never> {
    const text = response.status === 304 || response.bodyUsed ? '' : await response.text().catch(() => '');
    const code = xmlChild(text, 'Code') ?? String(response.status);
    const message = xmlChild(text, 'Message') ?? response.statusText;
    const context = {
      status: response.status,
      code,
      bucket: this.#options.bucket,
      ...(key !== undefined ? { key } : {}),
    };
    if (response.status === 412 || code === 'PreconditionFailed' || code === 'ConditionalRequestConflict') {
      throw new IcebergError(
        'precondition-failed',
        `${what}: a precondition failed for ${key ?? ''}; reload and retry`,
        context,
      );
    }
    throw new IcebergError(
      'storage',
      `${what} ${key ?? ''} in ${this.#base} failed: ${response.status} ${code}: ${message}`,
      context,
    );
  }

  async get(key: string, range?: ByteRange): Promise<Uint8Array | undefined> {
    if (range && range.length === 0) {
      return (await this.head(key)) ? new Uint8Array(0) : undefined;
    }
    const headers: [string, string][] = range
      ? [['range', `bytes=${range.offset}-${range.offset + range.length - 1}`]]
      : [];
    const response = await this.#send('GetObject', 'GET', this.#url(key), headers);
    if (response.status === 404) {
      await response.body?.cancel();
      return undefined;
    }
    if (response.status === 416) {
      // The range starts at or past the end; the port returns the (empty) overlap.
      await response.body?.cancel();
      return (await this.head(key)) ? new Uint8Array(0) : undefined;
    }
    if (response.status !== 200 && response.status !== 206) return this.#fail(response, 'GetObject', key);
    const bytes = new Uint8Array(await response.arrayBuffer());
    // A server that ignores Range answers 200 with everything; cut the range out here.
    return range && response.status === 200 ? bytes.slice(range.offset, range.offset + range.length) : bytes;
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    const response = await this.#send('HeadObject', 'HEAD', this.#url(key));
    if (response.status === 404) return undefined;
    if (!response.ok) return this.#fail(response, 'HeadObject', key);
    const modified = response.headers.get('last-modified');
    return {
      key,
      size: Number(response.headers.get('content-length') ?? 0),
      ...(response.headers.has('etag') ? { etag: unquote(response.headers.get('etag')) as string } : {}),
      ...(modified ? { uploaded: new Date(modified) } : {}),
    };
  }

  async put(key: string, body: Uint8Array, options: PutOptions = {}): Promise<ObjectInfo> {
    const conditional = options.ifNoneMatch !== undefined || options.ifMatch !== undefined;
    if (!conditional && body.byteLength > (this.#options.multipartThreshold ?? 64 * MiB)) {
      return this.#putMultipart(key, body, options);
    }
    const headers: [string, string][] = [['content-type', options.contentType ?? 'application/octet-stream']];
    if (options.ifNoneMatch) headers.push(['if-none-match', '*']);
    if (options.ifMatch) headers.push(['if-match', `"${unquote(options.ifMatch)}"`]);
    const response = await this.#send('PutObject', 'PUT', this.#url(key), headers, body, !conditional);
    if (!response.ok) return this.#fail(response, 'PutObject', key);
    await response.body?.cancel();
    const etag = unquote(response.headers.get('etag'));
    return { key, size: body.byteLength, ...(etag ? { etag } : {}) };
  }

  async #putMultipart(key: string, body: Uint8Array, options: PutOptions): Promise<ObjectInfo> {
    const partSize = Math.max(this.#options.partSize ?? 16 * MiB, 5 * MiB);
    const created = await this.#send('CreateMultipartUpload', 'POST', this.#url(key, 'uploads'), [
      ['content-type', options.contentType ?? 'application/octet-stream'],
    ]);
    if (!created.ok) return this.#fail(created, 'CreateMultipartUpload', key);
    const uploadId = xmlChild(await created.text(), 'UploadId');
    if (!uploadId)
      throw new IcebergError('storage', `CreateMultipartUpload for ${key} returned no UploadId`, {
        key,
      });
    const uploadQuery = `uploadId=${uriEncode(uploadId, true)}`;
    try {
      const count = Math.ceil(body.byteLength / partSize);
      const parts: string[] = new Array(count);
      let next = 0;
      const uploadNext = async (): Promise<void> => {
        while (next < count) {
          const index = next++;
          const part = body.subarray(index * partSize, Math.min((index + 1) * partSize, body.byteLength));
          const url = this.#url(key, `partNumber=${index + 1}&${uploadQuery}`);
          const response = await this.#send('UploadPart', 'PUT', url, [], part);
          if (!response.ok) await this.#fail(response, 'UploadPart', key);
          await response.body?.cancel();
          const etag = escapeXml(response.headers.get('etag') ?? '');
          parts[index] = `<Part><PartNumber>${index + 1}</PartNumber><ETag>${etag}</ETag></Part>`;
        }
      };
      const workers = Math.max(1, Math.min(this.#options.partConcurrency ?? 4, count));
      await Promise.all(Array.from({ length: workers }, uploadNext));
      const xml = `<CompleteMultipartUpload>${parts.join('')}</CompleteMultipartUpload>`;
      const completed = await this.#send(
        'CompleteMultipartUpload',
        'POST',
        this.#url(key, uploadQuery),
        [['content-type', 'application/xml']],
        new TextEncoder().encode(xml),
      );
      const text = completed.ok ? await completed.text() : '';
      // S3 may answer 200 with an <Error> document when completion fails late.
      if (!completed.ok || xmlChild(text, 'Code') !== undefined) {
        return await this.#fail(
          completed.ok ? new Response(text, { status: 500 }) : completed,
          'CompleteMultipartUpload',
          key,
        );
      }
      const etag = unquote(xmlChild(text, 'ETag') ?? null);
      return { key, size: body.byteLength, ...(etag ? { etag } : {}) };
    } catch (error) {
      await this.#send('AbortMultipartUpload', 'DELETE', this.#url(key, uploadQuery))
        .then((r) => r.body?.cancel())
        .catch(() => undefined);
      throw error;
    }
  }

  async delete(keys: readonly string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += 1000) {
      const batch = keys.slice(i, i + 1000);
      const xml = `<Delete><Quiet>true</Quiet>${batch.map((k) => `<Object><Key>${escapeXml(k)}</Key></Object>`).join('')}</Delete>`;
      const body = new TextEncoder().encode(xml);
      const response = await this.#send(
        'DeleteObjects',
        'POST',
        `${this.#base}?delete`,
        [
          ['content-type', 'application/xml'],
          ['content-md5', base64(md5(body))],
        ],
        body,
      );
      if (!response.ok) return this.#fail(response, 'DeleteObjects');
      const errors = xmlChildren(await response.text(), 'Error', true);
      if (errors.length > 0) {
        const first = errors[0] as string;
        throw new IcebergError(
          'storage',
          `DeleteObjects failed for ${errors.length} keys, first ${xmlChild(first, 'Key')}: ${xmlChild(first, 'Code')}`,
          {
            bucket: this.#options.bucket,
          },
        );
      }
    }
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    let token: string | undefined;
    do {
      const query = [
        'list-type=2',
        'encoding-type=url',
        `prefix=${uriEncode(prefix, true)}`,
        ...(token ? [`continuation-token=${uriEncode(token, true)}`] : []),
      ].join('&');
      const response = await this.#send('ListObjectsV2', 'GET', `${this.#base}?${query}`);
      if (!response.ok) return this.#fail(response, 'ListObjectsV2');
      const xml = await response.text();
      const encoded = xmlChild(xml, 'EncodingType') === 'url';
      for (const entry of xmlChildren(xml, 'Contents', true)) {
        const rawKey = xmlChild(entry, 'Key') ?? '';
        const modified = xmlChild(entry, 'LastModified');
        const etag = unquote(xmlChild(entry, 'ETag') ?? null);
        yield {
          key: encoded ? uriDecode(rawKey.replace(/\+/g, '%20')) : rawKey,
          size: Number(xmlChild(entry, 'Size') ?? 0),
          ...(etag ? { etag } : {}),
          ...(modified ? { uploaded: new Date(modified) } : {}),
        };
      }
      token = xmlChild(xml, 'IsTruncated') === 'true' ? xmlChild(xml, 'NextContinuationToken') : undefined;
    } while (token);
  }
}
