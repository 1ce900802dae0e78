import { describe, expect, it } from 'vitest';
import {
  decodeAwsChunked,
  presignUrl,
  SigV4Error,
  signingKey,
  signRequest,
  verifyRequest,
} from '../src/sigv4/index.ts';
import examples from './vectors/s3-examples.json' with { type: 'json' };
import suite from './vectors/sigv4-suite.json' with { type: 'json' };

const SUITE_TIME = new Date('2015-08-30T12:36:00Z');
const suiteCredentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};
const encoder = new TextEncoder();

function authorizationOf(headers: [string, string][]): string {
  return headers.find(([n]) => n === 'authorization')?.[1] ?? '';
}

describe('AWS SigV4 test suite', () => {
  for (const c of suite) {
    it(`signs ${c.name}`, async () => {
      const query = c.query ? `?${c.query}` : '';
      const signed = await signRequest(
        {
          method: c.method,
          url: `https://example.amazonaws.com${c.path}${query}`,
          headers: c.headers as [string, string][],
          body: encoder.encode(c.body),
        },
        {
          credentials: { ...suiteCredentials, ...(c.sessionToken ? { sessionToken: c.sessionToken } : {}) },
          region: 'us-east-1',
          service: 'service',
          now: SUITE_TIME,
          contentSha256Header: false,
        },
      );
      expect(authorizationOf(signed.headers)).toBe(
        `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=${c.signedHeaders}, Signature=${c.signature}`,
      );
    });
  }
});

describe('S3 API reference examples', () => {
  const now = new Date(examples.time);
  for (const c of examples.headerAuth) {
    it(`signs "${c.name}" and verifies it back`, async () => {
      const signed = await signRequest(
        {
          method: c.method,
          url: c.url,
          headers: c.headers as [string, string][],
          body: encoder.encode(c.body),
        },
        { credentials: examples.credentials, region: examples.region, now },
      );
      expect(authorizationOf(signed.headers)).toBe(
        `AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=${c.signedHeaders}, Signature=${c.signature}`,
      );
      const request = new Request(c.url, { method: c.method, headers: signed.headers });
      const verified = await verifyRequest(request, {
        credentials: (id) =>
          id === examples.credentials.accessKeyId ? examples.credentials.secretAccessKey : undefined,
        now,
      });
      expect(verified.accessKeyId).toBe('AKIAIOSFODNN7EXAMPLE');
      expect(verified.payload.kind).toBe('sha256');
    });
  }

  it('presigns the documented GET URL and accepts it until it expires', async () => {
    const p = examples.presigned;
    const url = await presignUrl(
      { method: p.method, url: p.url },
      { credentials: examples.credentials, region: examples.region, now, expiresIn: p.expiresIn },
    );
    expect(url).toBe(
      'https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256' +
        '&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request' +
        `&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=${p.signature}`,
    );
    const credentials = () => examples.credentials.secretAccessKey;
    const later = new Date(now.getTime() + 86_000_000);
    await expect(verifyRequest(new Request(url), { credentials, now: later })).resolves.toMatchObject({
      payload: { kind: 'unsigned' },
    });
    const expired = new Date(now.getTime() + 86_401_000);
    await expect(verifyRequest(new Request(url), { credentials, now: expired })).rejects.toMatchObject({
      kind: 'expired',
    });
    const tampered = url.replace('test.txt', 'other.txt');
    await expect(verifyRequest(new Request(tampered), { credentials, now })).rejects.toMatchObject({
      kind: 'signature-does-not-match',
    });
  });

  it('verifies the documented aws-chunked upload, chunk by chunk', async () => {
    const c = examples.chunked;
    const authorization = `AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=${c.signedHeaders},Signature=${c.seedSignature}`;
    const request = new Request(c.url, {
      method: 'PUT',
      headers: [...(c.headers as [string, string][]), ['authorization', authorization]],
    });
    const verified = await verifyRequest(request, {
      credentials: () => examples.credentials.secretAccessKey,
      now,
    });
    expect(verified.payload.kind).toBe('streaming-signed');
    if (verified.payload.kind !== 'streaming-signed') return;

    const parts: Uint8Array[] = [];
    for (const chunk of c.chunks) {
      parts.push(encoder.encode(`${chunk.size.toString(16)};chunk-signature=${chunk.signature}\r\n`));
      parts.push(new Uint8Array(chunk.size).fill(97));
      parts.push(encoder.encode('\r\n'));
    }
    const body = new Uint8Array(await new Blob(parts as BlobPart[]).arrayBuffer());
    expect(body.byteLength).toBe(66824);
    const decoded = await decodeAwsChunked(body, { context: verified.payload.context, trailer: false });
    expect(decoded.data.byteLength).toBe(66560);
    expect(decoded.data.every((b) => b === 97)).toBe(true);

    const corrupted = body.slice();
    corrupted[200] = 98;
    await expect(
      decodeAwsChunked(corrupted, { context: verified.payload.context, trailer: false }),
    ).rejects.toMatchObject({
      kind: 'chunk-signature-mismatch',
    });
  });
});

describe('verification failures', () => {
  const now = new Date('2026-01-02T03:04:05Z');
  const credentials = { accessKeyId: 'local', secretAccessKey: 'secret' };
  const lookup = (id: string) => (id === 'local' ? 'secret' : undefined);

  async function signed(at: Date, extra: [string, string][] = []): Promise<Request> {
    const url = 'http://127.0.0.1:9000/s3/bucket/a%20b/c.parquet?x-id=GetObject';
    const s = await signRequest(
      { method: 'GET', url, headers: extra },
      { credentials, region: 'auto', now: at, payload: 'unsigned' },
    );
    return new Request(url, { headers: s.headers });
  }

  it('accepts a request 14 minutes off and rejects one 16 minutes off', async () => {
    await expect(
      verifyRequest(await signed(new Date(now.getTime() - 14 * 60_000)), { credentials: lookup, now }),
    ).resolves.toBeTruthy();
    await expect(
      verifyRequest(await signed(new Date(now.getTime() + 16 * 60_000)), { credentials: lookup, now }),
    ).rejects.toMatchObject({
      kind: 'request-time-too-skewed',
    });
  });

  it('names an unknown key and a wrong secret differently', async () => {
    const request = await signed(now);
    await expect(verifyRequest(request, { credentials: () => undefined, now })).rejects.toMatchObject({
      kind: 'invalid-access-key-id',
    });
    await expect(verifyRequest(request, { credentials: () => 'wrong', now })).rejects.toBeInstanceOf(
      SigV4Error,
    );
    await expect(verifyRequest(request, { credentials: () => 'wrong', now })).rejects.toMatchObject({
      kind: 'signature-does-not-match',
    });
  });

  it('rejects a changed signed header and an unsigned request', async () => {
    const request = await signed(now, [['range', 'bytes=0-9']]);
    const headers = new Headers(request.headers);
    headers.set('range', 'bytes=0-99');
    await expect(
      verifyRequest(new Request(request.url, { headers }), { credentials: lookup, now }),
    ).rejects.toMatchObject({
      kind: 'signature-does-not-match',
    });
    await expect(verifyRequest(new Request(request.url), { credentials: lookup, now })).rejects.toMatchObject(
      {
        kind: 'missing-authentication',
      },
    );
  });

  it('derives the documented signing key chain deterministically', async () => {
    const a = await signingKey('secret', '20260102', 'auto', 's3');
    const b = await signingKey('secret', '20260102', 'auto', 's3');
    const c = await signingKey('secret', '20260103', 'auto', 's3');
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });
});
