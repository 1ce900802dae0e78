import { describe, expect, it } from 'vitest';
import { checksumBase64, createS3Handler, type S3OperationEvent, signRequest } from '../src/index.ts';
import { MemoryBucket } from '../src/testing/memory-bucket.ts';
import { signedChunkedPut } from './support/aws-chunked-encode.ts';

const ORIGIN = 'http://127.0.0.1:8787';
const credentials = { accessKeyId: 'local', secretAccessKey: 'local-secret' };
const encoder = new TextEncoder();

function setup(now = new Date('2026-05-06T07:08:09Z')) {
  const bucket = new MemoryBucket({ clock: () => now, minPartSize: 8 });
  const events: S3OperationEvent[] = [];
  let n = 0;
  const handler = createS3Handler({
    buckets: (name) => (name === 'b' ? bucket : undefined),
    credentials: (id) => (id === 'local' ? 'local-secret' : undefined),
    basePath: '/s3',
    clock: () => now,
    requestId: () => `req-${++n}`,
    onOperation: (e) => events.push(e),
  });
  const call = async (
    method: string,
    path: string,
    options: { headers?: [string, string][]; body?: string | Uint8Array; at?: Date; payload?: string } = {},
  ) => {
    const url = `${ORIGIN}${path}`;
    const body = (typeof options.body === 'string' ? encoder.encode(options.body) : options.body) as
      | Uint8Array<ArrayBuffer>
      | undefined;
    const signed = await signRequest(
      { method, url, headers: options.headers ?? [], ...(body ? { body } : {}) },
      {
        credentials,
        region: 'auto',
        now: options.at ?? now,
        ...(options.payload ? { payload: options.payload } : {}),
      },
    );
    return handler(new Request(url, { method, headers: signed.headers, ...(body ? { body } : {}) }));
  };
  return { bucket, handler, call, events, now };
}

describe('S3 handler', () => {
  it('answers errors with S3 XML naming code, resource and request id', async () => {
    const { call } = setup();
    const res = await call('GET', '/s3/b/missing/key.txt');
    expect(res.status).toBe(404);
    expect(res.headers.get('x-amz-request-id')).toBe('req-1');
    const xml = await res.text();
    expect(xml).toContain('<Code>NoSuchKey</Code>');
    expect(xml).toContain('<Key>missing/key.txt</Key>');
    expect(xml).toContain('<Resource>/s3/b/missing/key.txt</Resource>');
    expect(xml).toContain('<RequestId>req-1</RequestId>');
    const head = await call('HEAD', '/s3/nope/x');
    expect([head.status, await head.text()]).toEqual([404, '']);
  });

  it('rejects skewed clocks, unknown keys, unsigned requests and paths outside the mount', async () => {
    const { call, handler, now } = setup();
    const skewed = await call('GET', '/s3/b/x', { at: new Date(now.getTime() - 16 * 60_000) });
    expect([skewed.status, await skewed.text()]).toEqual([
      403,
      expect.stringContaining('<Code>RequestTimeTooSkewed</Code>'),
    ]);
    const anonymous = await handler(new Request(`${ORIGIN}/s3/b/x`));
    expect([anonymous.status, await anonymous.text()]).toEqual([
      403,
      expect.stringContaining('<Code>AccessDenied</Code>'),
    ]);
    const unknown = await handler(
      new Request(`${ORIGIN}/s3/b/x`, {
        headers: (
          await signRequest(
            { method: 'GET', url: `${ORIGIN}/s3/b/x` },
            { credentials: { accessKeyId: 'who', secretAccessKey: 'x' }, region: 'auto', now },
          )
        ).headers,
      }),
    );
    expect(await unknown.text()).toContain('<Code>InvalidAccessKeyId</Code>');
    const outside = await call('GET', '/other/b/x');
    expect(await outside.text()).toContain('<Code>InvalidRequest</Code>');
  });

  it('checks the signed body hash, Content-MD5 and flexible checksums', async () => {
    const { call, bucket } = setup();
    const lying = await call('PUT', '/s3/b/k', { body: 'hello', payload: 'a'.repeat(64) });
    expect(await lying.text()).toContain('<Code>XAmzContentSHA256Mismatch</Code>');
    const md5 = await call('PUT', '/s3/b/k', {
      body: 'hello',
      headers: [['content-md5', 'AAAAAAAAAAAAAAAAAAAAAA==']],
    });
    expect(await md5.text()).toContain('<Code>BadDigest</Code>');
    const good = await call('PUT', '/s3/b/k', {
      body: 'hello',
      headers: [['content-md5', 'XUFAKrxLKna5cZ2REBfFkg==']],
    });
    expect(good.status).toBe(200);
    const crc = await checksumBase64('crc32', encoder.encode('hello'));
    expect(
      (await call('PUT', '/s3/b/c', { body: 'hello', headers: [['x-amz-checksum-crc32', crc as string]] }))
        .status,
    ).toBe(200);
    const badCrc = await call('PUT', '/s3/b/c', {
      body: 'hellO',
      headers: [['x-amz-checksum-crc32', crc as string]],
    });
    expect(await badCrc.text()).toContain('<Code>BadDigest</Code>');
    expect(await (await bucket.get('c'))?.size).toBe(5);
  });

  it('decodes signed aws-chunked bodies with and without a signed trailer', async () => {
    const { handler, bucket, now } = setup();
    const data = new Uint8Array(150_000).map((_, i) => (i * 13) & 255);
    const url = `${ORIGIN}/s3/b/chunked`;
    const base = { url, data, chunkSize: 64 * 1024, accessKeyId: 'local', secret: 'local-secret', now };
    expect((await handler(await signedChunkedPut(base))).status).toBe(200);
    expect(
      new Uint8Array(
        await ((await bucket.get('chunked')) as { arrayBuffer(): Promise<ArrayBuffer> }).arrayBuffer(),
      ),
    ).toEqual(data);

    const crc = (await checksumBase64('crc32', data)) as string;
    expect((await handler(await signedChunkedPut({ ...base, trailerCrc32: crc }))).status).toBe(200);
    const wrongCrc = await handler(await signedChunkedPut({ ...base, trailerCrc32: 'AAAAAA==' }));
    expect(await wrongCrc.text()).toContain('<Code>BadDigest</Code>');
    const tampered = await handler(await signedChunkedPut({ ...base, trailerCrc32: crc, tamperChunk: 2 }));
    expect(await tampered.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
  });

  it('pages ListObjects v1 with a delimiter by NextMarker and url-encodes on request', async () => {
    const { call, bucket } = setup();
    for (const key of ['p/a/1', 'p/a/2', 'p/b', 'p/c/1', 'p/d', 'p/e f']) await bucket.put(key, 'x');
    const seen: string[] = [];
    let marker = '';
    for (let page = 0; page < 10; page++) {
      const res = await call(
        'GET',
        `/s3/b?prefix=p%2F&delimiter=%2F&max-keys=2${marker ? `&marker=${encodeURIComponent(marker)}` : ''}`,
      );
      const xml = await res.text();
      seen.push(
        ...[...xml.matchAll(/<(?:Contents><Key|CommonPrefixes><Prefix)>([^<]*)</g)].map(
          (m) => m[1] as string,
        ),
      );
      const next = /<NextMarker>([^<]*)<\/NextMarker>/.exec(xml)?.[1];
      if (!xml.includes('<IsTruncated>true</IsTruncated>')) break;
      marker = next as string;
    }
    expect(seen).toEqual(['p/b', 'p/a/', 'p/d', 'p/c/', 'p/e f']);
    const encoded = await (await call('GET', '/s3/b?list-type=2&prefix=p%2Fe&encoding-type=url')).text();
    expect(encoded).toContain('<Key>p/e%20f</Key>');
    const none = await (await call('GET', '/s3/b?list-type=2&max-keys=0')).text();
    expect(none).toContain('<KeyCount>0</KeyCount>');
    expect(none).toContain('<IsTruncated>false</IsTruncated>');
  });

  it('copies with COPY or REPLACE metadata and honours copy-source conditions', async () => {
    const { call, bucket } = setup();
    await bucket.put('src', 'data', {
      httpMetadata: { contentType: 'text/csv' },
      customMetadata: { a: '1' },
    });
    const etag = (await bucket.head('src'))?.httpEtag as string;
    const copied = await call('PUT', '/s3/b/dst1', { headers: [['x-amz-copy-source', '/b/src']] });
    expect(await copied.text()).toContain(`<ETag>${etag.replace(/"/g, '&quot;')}</ETag>`);
    expect((await bucket.head('dst1'))?.customMetadata).toEqual({ a: '1' });
    await call('PUT', '/s3/b/dst2', {
      headers: [
        ['x-amz-copy-source', 'b/src'],
        ['x-amz-metadata-directive', 'REPLACE'],
        ['content-type', 'text/plain'],
        ['x-amz-meta-b', '2'],
      ],
    });
    expect((await bucket.head('dst2'))?.httpMetadata?.contentType).toBe('text/plain');
    expect((await bucket.head('dst2'))?.customMetadata).toEqual({ b: '2' });
    const failed = await call('PUT', '/s3/b/dst3', {
      headers: [
        ['x-amz-copy-source', 'b/src'],
        ['x-amz-copy-source-if-match', '"nope"'],
      ],
    });
    expect(failed.status).toBe(412);
  });

  it('enforces R2 multipart rules and forgets aborted uploads', async () => {
    const { call } = setup();
    const init = await (await call('POST', '/s3/b/mp?uploads')).text();
    const uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(init)?.[1] as string;
    const put = async (n: number, body: string) =>
      (await call('PUT', `/s3/b/mp?partNumber=${n}&uploadId=${uploadId}`, { body })).headers.get('etag');
    const e1 = await put(1, '12345678');
    const e2 = await put(2, '1234');
    const complete = (parts: [number, string | null][]) =>
      call('POST', `/s3/b/mp?uploadId=${uploadId}`, {
        body: `<CompleteMultipartUpload>${parts.map(([n, e]) => `<Part><PartNumber>${n}</PartNumber><ETag>${e}</ETag></Part>`).join('')}</CompleteMultipartUpload>`,
      });
    expect(
      await (
        await complete([
          [2, e2],
          [1, e1],
        ])
      ).text(),
    ).toContain('<Code>InvalidPartOrder</Code>');
    expect(
      await (
        await complete([
          [1, '"bad"'],
          [2, e2],
        ])
      ).text(),
    ).toContain('<Code>InvalidPart</Code>');
    const small = await put(3, '12');
    expect(
      await (
        await complete([
          [2, e2],
          [3, small],
        ])
      ).text(),
    ).toContain('<Code>EntityTooSmall</Code>');
    expect((await call('DELETE', `/s3/b/mp?uploadId=${uploadId}`)).status).toBe(204);
    expect(await (await complete([[1, e1]])).text()).toContain('<Code>NoSuchUpload</Code>');
  });

  it('says NotImplemented for sub-resources it does not serve', async () => {
    const { call, events } = setup();
    for (const path of ['/s3/b?acl', '/s3/b/k?tagging', '/s3/b?uploads', '/s3/b/k?uploadId=1']) {
      const res = await call('GET', path);
      expect([path, res.status]).toEqual([path, 501]);
      expect(await res.text()).toContain('<Code>NotImplemented</Code>');
    }
    expect(events.every((e) => e.operationClass === 'free')).toBe(true);
  });

  it('answers HEAD with ranges and If-Modified-Since by second granularity', async () => {
    const { call, bucket, now } = setup();
    await bucket.put('h', '0123456789');
    const ranged = await call('HEAD', '/s3/b/h', { headers: [['range', 'bytes=2-4']] });
    expect([
      ranged.status,
      ranged.headers.get('content-range'),
      ranged.headers.get('content-length'),
    ]).toEqual([206, 'bytes 2-4/10', '3']);
    const same = await call('GET', '/s3/b/h', { headers: [['if-modified-since', now.toUTCString()]] });
    expect(same.status).toBe(304);
    const older = await call('GET', '/s3/b/h', {
      headers: [['if-modified-since', new Date(now.getTime() - 1000).toUTCString()]],
    });
    expect(older.status).toBe(200);
    const unmodified = await call('GET', '/s3/b/h', {
      headers: [['if-unmodified-since', new Date(now.getTime() - 1000).toUTCString()]],
    });
    expect(unmodified.status).toBe(412);
  });

  it('overrides response headers on request and names owners when asked', async () => {
    const { call, bucket } = setup();
    await bucket.put('o', 'x', { httpMetadata: { contentType: 'text/plain' } });
    const res = await call(
      'GET',
      '/s3/b/o?response-content-type=application%2Fjson&response-content-disposition=attachment',
    );
    expect([res.headers.get('content-type'), res.headers.get('content-disposition')]).toEqual([
      'application/json',
      'attachment',
    ]);
    expect(await (await call('GET', '/s3/b?list-type=2&fetch-owner=true')).text()).toContain(
      '<Owner><ID>local</ID>',
    );
    expect(await (await call('GET', '/s3/b?list-type=2')).text()).not.toContain('<Owner>');
  });

  it('calls a continuation token R2 did not issue an InvalidArgument', async () => {
    const { call } = setup();
    const res = await call('GET', '/s3/b?list-type=2&continuation-token=%25%25not-a-cursor');
    expect([res.status, await res.text()]).toEqual([
      400,
      expect.stringContaining('<Code>InvalidArgument</Code>'),
    ]);
  });

  it('lets an authorize hook scope keys to a prefix', async () => {
    const bucket = new MemoryBucket();
    await bucket.put('tables/t2/secret', 'x');
    const asked: string[] = [];
    const handler = createS3Handler({
      buckets: () => bucket,
      credentials: (id) => (id === 'scoped' ? 's' : undefined),
      authorize: (r) => {
        asked.push(`${r.operation} ${r.bucket}/${r.key || r.prefix || ''} ${r.sessionToken ?? ''}`);
        const path = r.key || r.prefix || '';
        return r.bucket === 'lake' && path.startsWith('tables/t1/');
      },
    });
    const creds = { accessKeyId: 'scoped', secretAccessKey: 's', sessionToken: 'tok' };
    const send = async (method: string, path: string, body?: string) => {
      const url = `${ORIGIN}${path}`;
      const bytes = body === undefined ? undefined : (encoder.encode(body) as Uint8Array<ArrayBuffer>);
      const signed = await signRequest(
        { method, url, ...(bytes ? { body: bytes } : {}) },
        { credentials: creds, region: 'auto', now: new Date() },
      );
      return handler(
        new Request(url, { method, headers: signed.headers, ...(bytes ? { body: bytes } : {}) }),
      );
    };
    expect((await send('PUT', '/lake/tables/t1/data.parquet', 'd')).status).toBe(200);
    expect((await send('GET', '/lake?list-type=2&prefix=tables%2Ft1%2F')).status).toBe(200);
    const denied = await send('GET', '/lake/tables/t2/secret');
    expect([denied.status, await denied.text()]).toEqual([
      403,
      expect.stringContaining('<Code>AccessDenied</Code>'),
    ]);
    expect((await send('GET', '/lake?list-type=2')).status).toBe(403);
    expect(asked[0]).toBe('PutObject lake/tables/t1/data.parquet tok');
  });

  it('turns R2 binding errors into S3 errors', async () => {
    const { call } = setup();
    const res = await call('PUT', `/s3/b/${'k'.repeat(1100)}`, { body: 'x' });
    expect([res.status, await res.text()]).toEqual([
      400,
      expect.stringContaining('<Code>KeyTooLongError</Code>'),
    ]);
  });

  it('accepts the regions R2 accepts and refuses others', async () => {
    const bucket = new MemoryBucket();
    await bucket.put('k', 'x');
    const handler = createS3Handler({ buckets: () => bucket, credentials: () => 's' });
    const get = async (region: string) => {
      const url = `${ORIGIN}/b/k`;
      const signed = await signRequest(
        { method: 'GET', url },
        { credentials: { accessKeyId: 'a', secretAccessKey: 's' }, region, now: new Date() },
      );
      return handler(new Request(url, { headers: signed.headers }));
    };
    expect((await get('auto')).status).toBe(200);
    expect((await get('us-east-1')).status).toBe(200);
    const wrong = await get('eu-west-1');
    expect([wrong.status, await wrong.text()]).toEqual([
      400,
      expect.stringContaining('<Code>AuthorizationHeaderMalformed</Code>'),
    ]);
  });
});
