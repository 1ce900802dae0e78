/**
 * Test helper: build a signed `STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]`
 * request the way the AWS SDKs do (seed signature over the headers, one
 * signature per chunk chained from it, then a trailer signature). Web-standard,
 * so workerd tests use it too.
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

/** A PUT of `data` as a signed aws-chunked body, optionally with a signed CRC32 trailer or a corrupted chunk. */
export async function signedChunkedPut(options: {
  url: string;
  data: Uint8Array;
  chunkSize: number;
  accessKeyId: string;
  secret: string;
  now: Date;
  region?: string;
  /** Corrupt the signature of this chunk index. */
  tamperChunk?: number;
  /** Send `STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER` with this signed CRC32 trailer (base64). */
  trailerCrc32?: string;
}): Promise<Request> {
  const region = options.region ?? 'auto';
  const trailer =
    options.trailerCrc32 === undefined ? undefined : `x-amz-checksum-crc32:${options.trailerCrc32}`;
  const signed = await signRequest(
    {
      method: 'PUT',
      url: options.url,
      headers: [
        ['content-encoding', 'aws-chunked'],
        ['x-amz-decoded-content-length', String(options.data.byteLength)],
        ...(trailer ? ([['x-amz-trailer', 'x-amz-checksum-crc32']] as [string, string][]) : []),
      ],
    },
    {
      credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secret },
      region,
      now: options.now,
      payload: trailer ? 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER' : 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
    },
  );
  const amzDate = toAmzDate(options.now);
  const scope = credentialScope(amzDate.slice(0, 8), region, 's3');
  const key = await signingKey(options.secret, amzDate.slice(0, 8), region, 's3');
  const encoder = new TextEncoder();
  const sizes: number[] = [];
  for (let at = 0; at < options.data.byteLength; at += options.chunkSize) {
    sizes.push(Math.min(options.chunkSize, options.data.byteLength - at));
  }
  sizes.push(0);
  const parts: BlobPart[] = [];
  let previous = signed.signature;
  let at = 0;
  for (const [i, size] of sizes.entries()) {
    const chunk = options.data.slice(at, at + size);
    at += size;
    const hash = size === 0 ? EMPTY_SHA256 : await sha256Hex(chunk);
    previous = await signString(
      key,
      ['AWS4-HMAC-SHA256-PAYLOAD', amzDate, scope, previous, EMPTY_SHA256, hash].join('\n'),
    );
    const sent =
      i === options.tamperChunk ? previous.replace(/^./, (c) => (c === '0' ? '1' : '0')) : previous;
    // With a trailer, the zero chunk is followed by the trailer lines instead of its own CRLF.
    const closing = size === 0 && trailer ? '' : '\r\n';
    parts.push(
      encoder.encode(`${size.toString(16)};chunk-signature=${sent}\r\n`),
      chunk,
      encoder.encode(closing),
    );
  }
  if (trailer) {
    const toSign = [
      'AWS4-HMAC-SHA256-TRAILER',
      amzDate,
      scope,
      previous,
      await sha256Hex(`${trailer}\n`),
    ].join('\n');
    parts.push(
      encoder.encode(`${trailer}\r\nx-amz-trailer-signature:${await signString(key, toSign)}\r\n\r\n`),
    );
  }
  const body = new Uint8Array(await new Blob(parts).arrayBuffer());
  const headers = signed.headers.filter(([n]) => n !== 'host');
  return new Request(options.url, { method: 'PUT', headers, body });
}
