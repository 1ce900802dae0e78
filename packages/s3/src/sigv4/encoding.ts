/**
 * Byte and string helpers SigV4 needs: RFC 3986 URI encoding as AWS defines it,
 * hex, SHA-256 and HMAC-SHA256 over `crypto.subtle`, and a constant-time compare.
 */

/** SHA-256 of the empty string, the payload hash of every body-less request. */
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

const encoder = new TextEncoder();
const UNRESERVED = /[A-Za-z0-9\-._~]/;

/**
 * URI-encode a string as SigV4 requires ("UriEncode" in the S3 signing docs):
 * every byte outside `A-Za-z0-9-._~` becomes `%XY` with upper-case hex, UTF-8
 * first; `/` stays as is unless `encodeSlash` (object keys in paths keep it,
 * query names and values do not).
 */
export function uriEncode(value: string, encodeSlash: boolean): string {
  let out = '';
  for (const ch of value) {
    if (UNRESERVED.test(ch) || (ch === '/' && !encodeSlash)) {
      out += ch;
      continue;
    }
    for (const byte of encoder.encode(ch)) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * Percent-decode without treating `+` as a space (S3 clients send `%20` for a
 * space and `%2B` for a plus); malformed escapes are kept literally, as S3 does.
 */
export function uriDecode(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value.replace(/(%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

/** Lower-case hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/** UTF-8 bytes of a string. */
export function utf8(value: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(value);
}

/** Hex SHA-256 of bytes or a UTF-8 string. */
export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === 'string' ? utf8(data) : data;
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)));
}

/** HMAC-SHA256 of a UTF-8 message under a raw key. */
export async function hmacSha256(key: Uint8Array, message: string): Promise<Uint8Array> {
  const cryptoKey = await crypto.subtle.importKey(
    'raw',
    key as Uint8Array<ArrayBuffer>,
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, utf8(message)));
}

/**
 * Compare two strings in time that depends only on their lengths, so a
 * signature check leaks nothing about how many leading characters matched.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const length = Math.max(a.length, b.length);
  let diff = a.length ^ b.length;
  for (let i = 0; i < length; i++) diff |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  return diff === 0;
}
