import { env, SELF } from 'cloudflare:test';
import type { IcebergError } from '@analytics/iceberg';
import { describe, expect, it } from 'vitest';
import { S3Store, signRequest } from '../../src/index.ts';
import { signedChunkedPut } from '../support/aws-chunked-encode.ts';
import { served } from './worker.ts';

const ORIGIN = 'http://localhost:8787';
const credentials = { accessKeyId: 'local', secretAccessKey: 'local-secret' };
const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array | undefined) => (b === undefined ? undefined : new TextDecoder().decode(b));
const MiB = 1024 * 1024;
const fetchSelf = (request: Request) => SELF.fetch(request);

function store(extra: Partial<ConstructorParameters<typeof S3Store>[0]> = {}): S3Store {
  return new S3Store({
    endpoint: `${ORIGIN}/s3`,
    bucket: 'analytics-source',
    credentials,
    fetch: fetchSelf,
    ...extra,
  });
}

async function signedFetch(
  method: string,
  path: string,
  headers: [string, string][] = [],
): Promise<Response> {
  const url = `${ORIGIN}${path}`;
  const signed = await signRequest(
    { method, url, headers },
    { credentials, region: 'auto', now: new Date() },
  );
  return SELF.fetch(new Request(url, { method, headers: signed.headers.filter(([n]) => n !== 'host') }));
}

describe('S3 endpoint over a Miniflare R2 binding', () => {
  it('round-trips objects written by the store into the R2 binding', async () => {
    const s3 = store();
    const info = await s3.put('warehouse/t/metadata/v1 ü.json', bytes('{"v":1}'), {
      contentType: 'application/json',
    });
    const direct = await env.BUCKET.get('warehouse/t/metadata/v1 ü.json');
    expect(await direct?.text()).toBe('{"v":1}');
    expect(direct?.httpMetadata?.contentType).toBe('application/json');
    expect(info.etag).toBe(direct?.etag);
    expect(text(await s3.get('warehouse/t/metadata/v1 ü.json', { offset: 2, length: 3 }))).toBe('v":');
    expect(await s3.head('warehouse/t/metadata/v1 ü.json')).toMatchObject({ size: 7, etag: direct?.etag });
    expect(await s3.get('warehouse/none')).toBeUndefined();
  });

  it('makes If-None-Match: * and If-Match writes atomic with R2 onlyIf', async () => {
    const s3 = store();
    const first = await s3.put('cond/pointer', bytes('a'), { ifNoneMatch: '*' });
    expect(
      await s3.put('cond/pointer', bytes('b'), { ifNoneMatch: '*' }).catch((e: IcebergError) => e.kind),
    ).toBe('precondition-failed');
    await s3.put('cond/pointer', bytes('c'), { ifMatch: first.etag as string });
    expect(
      await s3
        .put('cond/pointer', bytes('d'), { ifMatch: first.etag as string })
        .catch((e: IcebergError) => e.kind),
    ).toBe('precondition-failed');
    expect(await (await env.BUCKET.get('cond/pointer'))?.text()).toBe('c');
  });

  it('answers ranges, suffixes, 416 and conditional reads like S3', async () => {
    await env.BUCKET.put('read/obj', '0123456789');
    const head = await env.BUCKET.head('read/obj');
    const suffix = await signedFetch('GET', '/s3/analytics-source/read/obj', [['range', 'bytes=-4']]);
    expect([suffix.status, suffix.headers.get('content-range'), await suffix.text()]).toEqual([
      206,
      'bytes 6-9/10',
      '6789',
    ]);
    const past = await signedFetch('GET', '/s3/analytics-source/read/obj', [['range', 'bytes=10-20']]);
    expect(past.status).toBe(416);
    expect(await past.text()).toContain('<Code>InvalidRange</Code>');
    const notModified = await signedFetch('GET', '/s3/analytics-source/read/obj', [
      ['if-none-match', head?.httpEtag as string],
    ]);
    expect(notModified.status).toBe(304);
    const failed = await signedFetch('GET', '/s3/analytics-source/read/obj', [['if-match', '"0000"']]);
    expect(failed.status).toBe(412);
    expect(await failed.text()).toContain('<Code>PreconditionFailed</Code>');
    const headRes = await signedFetch('HEAD', '/s3/analytics-source/read/obj');
    expect([headRes.status, headRes.headers.get('etag')]).toEqual([200, head?.httpEtag]);
  });

  it('pages ListObjectsV2 with R2 cursors as continuation tokens, and deletes in a batch', async () => {
    const keys = Array.from({ length: 7 }, (_, i) => `list/p/${i}`);
    await Promise.all(keys.map((k) => env.BUCKET.put(k, 'x')));
    const listed: string[] = [];
    let pages = 0;
    let token: string | undefined;
    do {
      const query = `list-type=2&prefix=list%2Fp%2F&max-keys=2${token ? `&continuation-token=${encodeURIComponent(token)}` : ''}`;
      const xml = await (await signedFetch('GET', `/s3/analytics-source?${query}`)).text();
      listed.push(...[...xml.matchAll(/<Key>([^<]+)<\/Key>/g)].map((m) => m[1] as string));
      token = /<NextContinuationToken>([^<]+)<\/NextContinuationToken>/.exec(xml)?.[1];
      pages++;
    } while (token);
    expect(listed).toEqual(keys);
    expect(pages).toBe(4);
    const s3 = store();
    const viaStore: string[] = [];
    for await (const o of s3.list('list/')) viaStore.push(o.key);
    expect(viaStore).toEqual(keys);
    await s3.delete(keys);
    expect((await env.BUCKET.list({ prefix: 'list/' })).objects).toEqual([]);
  });

  it('completes multipart uploads under R2 part rules', async () => {
    const s3 = store({ multipartThreshold: 6 * MiB, partSize: 5 * MiB });
    const big = new Uint8Array(11 * MiB + 3).map((_, i) => (i * 7) & 255);
    const info = await s3.put('big/object.parquet', big);
    expect(info.etag).toMatch(/-3$/);
    const back = await env.BUCKET.get('big/object.parquet');
    const got = new Uint8Array(await (back as R2ObjectBody).arrayBuffer());
    expect(got.byteLength).toBe(big.byteLength);
    expect(got.every((b, i) => b === big[i])).toBe(true);
  });

  it('accepts signed aws-chunked uploads and rejects a tampered chunk', async () => {
    const data = new Uint8Array(70_000).map((_, i) => i & 255);
    const url = `${ORIGIN}/s3/analytics-source/chunked/obj.bin`;
    const ok = await SELF.fetch(
      await signedChunkedPut({
        url,
        data,
        chunkSize: 65536,
        accessKeyId: 'local',
        secret: 'local-secret',
        now: new Date(),
      }),
    );
    expect(ok.status).toBe(200);
    const stored = new Uint8Array(
      await ((await env.BUCKET.get('chunked/obj.bin')) as R2ObjectBody).arrayBuffer(),
    );
    expect(stored).toEqual(data);
    const bad = await SELF.fetch(
      await signedChunkedPut({
        url,
        data,
        chunkSize: 65536,
        accessKeyId: 'local',
        secret: 'local-secret',
        now: new Date(),
        tamperChunk: 1,
      }),
    );
    expect(bad.status).toBe(403);
    expect(await bad.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
  });

  it('refuses wrong secrets and reports operations by R2 class', async () => {
    const wrong = store({ credentials: { accessKeyId: 'local', secretAccessKey: 'nope' } });
    expect(await wrong.put('x', bytes('x')).catch((e: IcebergError) => [e.kind, e.context.code])).toEqual([
      'storage',
      'SignatureDoesNotMatch',
    ]);
    const buckets = await signedFetch('GET', '/s3/');
    expect(await buckets.text()).toContain('<Name>analytics-source</Name>');
    expect(served.find((e) => e.operation === 'PutObject')?.operationClass).toBe('A');
    expect(served.find((e) => e.operation === 'GetObject')?.operationClass).toBe('B');
    expect(served.find((e) => e.operation === 'ListBuckets')?.operationClass).toBe('A');
  });

  it('maps the binding errors to S3 codes', async () => {
    const s3 = store();
    expect(
      await s3.put('k'.repeat(1025), bytes('x')).catch((e: IcebergError) => [e.kind, e.context.code]),
    ).toEqual(['storage', 'KeyTooLongError']);
  });
});
