/**
 * Mapping between R2 object metadata and S3 HTTP headers: standard content
 * headers and `x-amz-meta-*` user metadata in both directions.
 */
import type { R2HttpMetadataLike, R2ObjectLike } from './r2-bucket-like.ts';

const CONTENT_HEADERS: readonly (readonly [keyof R2HttpMetadataLike, string])[] = [
  ['contentType', 'content-type'],
  ['contentLanguage', 'content-language'],
  ['contentDisposition', 'content-disposition'],
  ['contentEncoding', 'content-encoding'],
  ['cacheControl', 'cache-control'],
];

/** Response headers describing an object (without length and range). */
export function objectHeaders(object: R2ObjectLike): Headers {
  const headers = new Headers({
    etag: object.httpEtag,
    'last-modified': object.uploaded.toUTCString(),
    'accept-ranges': 'bytes',
  });
  const meta = object.httpMetadata ?? {};
  for (const [field, header] of CONTENT_HEADERS) {
    const value = meta[field];
    if (typeof value === 'string') headers.set(header, value);
  }
  if (meta.cacheExpiry) headers.set('expires', meta.cacheExpiry.toUTCString());
  if (!headers.has('content-type')) headers.set('content-type', 'application/octet-stream');
  for (const [name, value] of Object.entries(object.customMetadata ?? {}))
    headers.set(`x-amz-meta-${name}`, value);
  return headers;
}

/** HTTP metadata to store from a PUT/CreateMultipartUpload request. */
export function httpMetadataFrom(headers: Headers): R2HttpMetadataLike {
  const out: R2HttpMetadataLike = {};
  for (const [field, header] of CONTENT_HEADERS) {
    let value = headers.get(header);
    // aws-chunked is a transfer detail of the upload, never part of the stored object.
    if (header === 'content-encoding' && value !== null) {
      value =
        value
          .split(',')
          .map((v) => v.trim())
          .filter((v) => v !== '' && v !== 'aws-chunked')
          .join(', ') || null;
    }
    if (value !== null) (out as Record<string, string>)[field] = value;
  }
  const expires = headers.get('expires');
  if (expires !== null && !Number.isNaN(Date.parse(expires))) out.cacheExpiry = new Date(expires);
  return out;
}

/** `x-amz-meta-*` user metadata from request headers. */
export function customMetadataFrom(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of headers)
    if (name.startsWith('x-amz-meta-')) out[name.slice('x-amz-meta-'.length)] = value;
  return out;
}

/** ISO 8601 with milliseconds, as S3 XML carries timestamps. */
export function xmlTimestamp(date: Date): string {
  return date.toISOString();
}
