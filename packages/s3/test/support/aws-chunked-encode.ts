/**
 * Test helper: build a signed `STREAMING-AWS4-HMAC-SHA256-PAYLOAD` request the
 * way the AWS SDKs do (seed signature over the headers, then one signature per
 * chunk chained from it). Web-standard, so workerd tests use it too.
 */
import {
  credentialScope,
  EMPTY_SHA256,
  sha256Hex,
  signingKey,
  signRequest,
  signString,
  toAmzDate,
} from '../../src/sigv4/index.ts';

export async function signedChunkedPut(options: {
  url: string;
  data: Uint8Array;
  chunkSize: number;
  accessKeyId: string;
  secret: string;
  now: Date;
  region?: string;
  tamperChunk?: number;
}): Promise<Request> {
  const region = options.region ?? 'auto';
  const sizes: number[] = [];
  for (let at = 0; at < options.data.byteLength; at += options.chunkSize)
    sizes.push(Math.min(options.chunkSize, options.data.byteLength - at));
  sizes.push(0);
  const encodedLength = sizes.reduce(
    (sum, size) => sum + size.toString(16).length + ';chunk-signature='.length + 64 + 2 + size + 2,
    0,
  );
  const signed = await signRequest(
    {
      method: 'PUT',
      url: options.url,
      headers: [
        ['content-encoding', 'aws-chunked'],
        ['content-length', String(encodedLength)],
        ['x-amz-decoded-content-length', String(options.data.byteLength)],
      ],
    },
    {
      credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secret },
      region,
      now: options.now,
      payload: 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
    },
  );
  const amzDate = toAmzDate(options.now);
  const scope = credentialScope(amzDate.slice(0, 8), region, 's3');
  const key = await signingKey(options.secret, amzDate.slice(0, 8), region, 's3');
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  let previous = signed.signature;
  let at = 0;
  for (const [i, size] of sizes.entries()) {
    const chunk = options.data.subarray(at, at + size);
    at += size;
    const hash = size === 0 ? EMPTY_SHA256 : await sha256Hex(chunk);
    previous = await signString(
      key,
      ['AWS4-HMAC-SHA256-PAYLOAD', amzDate, scope, previous, EMPTY_SHA256, hash].join('\n'),
    );
    const sent =
      i === options.tamperChunk ? previous.replace(/^./, (c) => (c === '0' ? '1' : '0')) : previous;
    parts.push(
      encoder.encode(`${size.toString(16)};chunk-signature=${sent}\r\n`),
      chunk,
      encoder.encode('\r\n'),
    );
  }
  const body = new Uint8Array(encodedLength);
  let offset = 0;
  for (const part of parts) {
    body.set(part, offset);
    offset += part.byteLength;
  }
  const headers = signed.headers.filter(([n]) => n !== 'host' && n !== 'content-length');
  return new Request(options.url, { method: 'PUT', headers, body });
}
