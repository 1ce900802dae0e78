/**
 * Decoding `Content-Encoding: aws-chunked` bodies (AWS "Signature Calculations
 * for the Authorization Header: Transferring Payload in Multiple Chunks" and
 * "... Including Trailing Headers"): each chunk is `<hex size>[;chunk-signature=<sig>]\r\n<data>\r\n`,
 * ending with a zero-size chunk and optional trailing headers. Signed chunks
 * chain from the request's seed signature; the trailer has its own signature.
 */
import { EMPTY_SHA256, sha256Hex } from './encoding.ts';
import { signString } from './signing-key.ts';
import { SigV4Error } from './sigv4-error.ts';
import type { ChunkSigningContext } from './verify-request.ts';

/** A decoded aws-chunked body. */
export interface DecodedChunkedBody {
  readonly data: Uint8Array;
  /** Trailing headers, names lower case, without `x-amz-trailer-signature`. */
  readonly trailers: [string, string][];
}

const CR = 13;
const LF = 10;
const decoder = new TextDecoder();

function lineEnd(body: Uint8Array, from: number): number {
  for (let i = from; i + 1 < body.length; i++) if (body[i] === CR && body[i + 1] === LF) return i;
  return -1;
}

function malformed(message: string): SigV4Error {
  return new SigV4Error('malformed-chunked-body', message);
}

/**
 * Decode an aws-chunked body. With a signing context every chunk signature
 * (and the trailer signature when `trailer`) is verified; without one the
 * chunks must carry no signatures (`STREAMING-UNSIGNED-PAYLOAD-TRAILER`).
 */
export async function decodeAwsChunked(
  body: Uint8Array,
  signing?: { readonly context: ChunkSigningContext; readonly trailer: boolean },
): Promise<DecodedChunkedBody> {
  const parts: Uint8Array[] = [];
  let total = 0;
  let offset = 0;
  let previous = signing?.context.seedSignature ?? '';
  for (;;) {
    const end = lineEnd(body, offset);
    if (end < 0) throw malformed('aws-chunked body ends inside a chunk header');
    const header = decoder.decode(body.subarray(offset, end));
    const [sizeHex = '', ...extensions] = header.split(';');
    const size = Number.parseInt(sizeHex, 16);
    if (!/^[0-9a-fA-F]+$/.test(sizeHex) || !Number.isSafeInteger(size)) {
      throw malformed(`aws-chunked chunk size "${sizeHex}" is not hex`);
    }
    const dataStart = end + 2;
    if (dataStart + size > body.length) throw malformed('aws-chunked chunk is longer than the body');
    const chunk = body.subarray(dataStart, dataStart + size);
    if (signing) {
      const sent = extensions.find((e) => e.startsWith('chunk-signature='))?.slice('chunk-signature='.length);
      if (!sent) throw malformed('aws-chunked chunk has no chunk-signature');
      const { context } = signing;
      const toSign = [
        'AWS4-HMAC-SHA256-PAYLOAD',
        context.amzDate,
        context.scope,
        previous,
        EMPTY_SHA256,
        size === 0 ? EMPTY_SHA256 : await sha256Hex(chunk),
      ].join('\n');
      const expected = await signString(context.signingKey, toSign);
      if (expected !== sent.trim()) {
        throw new SigV4Error('chunk-signature-mismatch', `Chunk signature at byte ${offset} does not match`, {
          offset: String(offset),
        });
      }
      previous = expected;
    }
    offset = dataStart + size;
    if (size === 0) break;
    parts.push(chunk);
    total += size;
    if (body[offset] !== CR || body[offset + 1] !== LF)
      throw malformed('aws-chunked chunk data is not followed by CRLF');
    offset += 2;
  }

  const trailers: [string, string][] = [];
  let trailerSignature: string | undefined;
  while (offset < body.length) {
    const end = lineEnd(body, offset);
    const line = decoder.decode(body.subarray(offset, end < 0 ? body.length : end));
    offset = end < 0 ? body.length : end + 2;
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) throw malformed(`aws-chunked trailer line "${line}" is not name:value`);
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'x-amz-trailer-signature') trailerSignature = value;
    else trailers.push([name, value]);
  }

  if (signing?.trailer) {
    if (!trailerSignature) throw malformed('aws-chunked body has no x-amz-trailer-signature');
    const { context } = signing;
    // Canonical trailers: `name:value\n` each, sorted by name (the SDKs send one, usually).
    const canonicalTrailers = [...trailers]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([n, v]) => `${n}:${v}\n`)
      .join('');
    const toSign = [
      'AWS4-HMAC-SHA256-TRAILER',
      context.amzDate,
      context.scope,
      previous,
      await sha256Hex(canonicalTrailers),
    ].join('\n');
    const expected = await signString(context.signingKey, toSign);
    if (expected !== trailerSignature) {
      throw new SigV4Error('chunk-signature-mismatch', 'Trailer signature does not match');
    }
  }

  const data = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    data.set(part, at);
    at += part.byteLength;
  }
  return { data, trailers };
}
