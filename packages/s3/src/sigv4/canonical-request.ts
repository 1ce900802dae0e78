/**
 * The SigV4 canonical request and string to sign
 * (AWS "Create a canonical request for Signature Version 4"; S3 variant:
 * the path is URI-encoded once, never normalised or double-encoded).
 */
import { sha256Hex, uriDecode, uriEncode } from './encoding.ts';

/** The signing algorithm name used in headers, query auth and strings to sign. */
export const ALGORITHM = 'AWS4-HMAC-SHA256';

/** A request reduced to what SigV4 signs. */
export interface CanonicalInput {
  readonly method: string;
  /** The path as sent on the wire (percent-encoded or not); it is decoded and re-encoded. */
  readonly path: string;
  /** The raw query string without `?`, as sent on the wire. */
  readonly query: string;
  /** Header name/value pairs; repeated names are joined with `,` in order. */
  readonly headers: Iterable<readonly [string, string]>;
  /** Lower-case names of the headers to sign. */
  readonly signedHeaders: readonly string[];
  /** Hex SHA-256 of the body, or `UNSIGNED-PAYLOAD` / a `STREAMING-*` marker. */
  readonly payloadHash: string;
}

/** The canonical URI: each path segment decoded, then encoded as SigV4 says. */
export function canonicalUri(path: string): string {
  if (path === '') return '/';
  return path
    .split('/')
    .map((segment) => uriEncode(uriDecode(segment), true))
    .join('/');
}

/**
 * The canonical query string: every parameter decoded then re-encoded, sorted
 * by encoded name then value; a parameter without `=` gets an empty value.
 * `exclude` drops a parameter (the signature itself in presigned URLs).
 */
export function canonicalQuery(query: string, exclude?: string): string {
  if (query === '') return '';
  const pairs: [string, string][] = [];
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = uriDecode(eq < 0 ? part : part.slice(0, eq));
    if (name === exclude) continue;
    const value = eq < 0 ? '' : uriDecode(part.slice(eq + 1));
    pairs.push([uriEncode(name, true), uriEncode(value, true)]);
  }
  pairs.sort(([an, av], [bn, bv]) => (an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([n, v]) => `${n}=${v}`).join('&');
}

/** Trim a header value and collapse runs of white space, as SigV4 requires. */
function canonicalHeaderValue(value: string): string {
  return value.trim().replace(/\s+/g, ' ');
}

/** The canonical headers block (each `name:value\n`) for the signed header names. */
export function canonicalHeaders(
  headers: Iterable<readonly [string, string]>,
  signed: readonly string[],
): string {
  const values = new Map<string, string[]>();
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    const list = values.get(lower);
    if (list) list.push(canonicalHeaderValue(value));
    else values.set(lower, [canonicalHeaderValue(value)]);
  }
  return signed.map((name) => `${name}:${(values.get(name) ?? []).join(',')}\n`).join('');
}

/** The full canonical request text. */
export function canonicalRequest(input: CanonicalInput): string {
  return [
    input.method.toUpperCase(),
    canonicalUri(input.path),
    canonicalQuery(input.query, 'X-Amz-Signature'),
    canonicalHeaders(input.headers, input.signedHeaders),
    input.signedHeaders.join(';'),
    input.payloadHash,
  ].join('\n');
}

/** The credential scope `date/region/service/aws4_request`. */
export function credentialScope(date: string, region: string, service: string): string {
  return `${date}/${region}/${service}/aws4_request`;
}

/** The string to sign for a canonical request at an `X-Amz-Date` timestamp. */
export async function stringToSign(amzDate: string, scope: string, canonical: string): Promise<string> {
  return `${ALGORITHM}\n${amzDate}\n${scope}\n${await sha256Hex(canonical)}`;
}

/** Format a Date as the ISO 8601 basic timestamp SigV4 uses (`20130524T000000Z`). */
export function toAmzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** Parse an `X-Amz-Date` timestamp; `undefined` when malformed. */
export function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
