/**
 * ListObjectsV2 and ListObjects (v1) over R2 `list`: prefix, delimiter with
 * CommonPrefixes, max-keys, continuation-token / start-after (v2) and marker
 * (v1), `encoding-type=url`. The continuation token is R2's cursor.
 */
import { uriEncode } from '../sigv4/encoding.ts';
import { xmlDocument, xmlElement } from '../xml.ts';
import { xmlTimestamp } from './object-headers.ts';
import type { R2ObjectLike, R2ObjectsLike } from './r2-bucket-like.ts';
import type { S3Context } from './s3-context.ts';
import { S3Error } from './s3-error.ts';

const MAX_KEYS = 1000;

function maxKeys(query: URLSearchParams): number {
  const raw = query.get('max-keys');
  if (raw === null) return MAX_KEYS;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    throw new S3Error('invalid-argument', `max-keys must be a non-negative integer, got "${raw}"`, {
      ArgumentName: 'max-keys',
    });
  }
  return Math.min(n, MAX_KEYS);
}

function encoder(query: URLSearchParams): (value: string) => string {
  const type = query.get('encoding-type');
  if (type !== null && type !== 'url') {
    throw new S3Error('invalid-argument', `encoding-type must be "url", got "${type}"`, {
      ArgumentName: 'encoding-type',
    });
  }
  return type === 'url' ? (v) => uriEncode(v, false) : (v) => v;
}

const OWNER = '<Owner><ID>local</ID><DisplayName>local</DisplayName></Owner>';

function contents(object: R2ObjectLike, encode: (v: string) => string, owner = false): string {
  return [
    '<Contents>',
    xmlElement('Key', encode(object.key)),
    xmlElement('LastModified', xmlTimestamp(object.uploaded)),
    xmlElement('ETag', object.httpEtag),
    xmlElement('Size', object.size),
    owner ? OWNER : '',
    xmlElement('StorageClass', 'STANDARD'),
    '</Contents>',
  ].join('');
}

/** One page from R2, dropping a common prefix the client already saw (its marker lies inside it). */
async function listPage(
  ctx: S3Context,
  options: { prefix: string; delimiter?: string; cursor?: string; startAfter?: string; limit: number },
): Promise<R2ObjectsLike> {
  let page: R2ObjectsLike;
  try {
    page = await ctx.bucket.list({
      prefix: options.prefix,
      limit: options.limit,
      ...(options.delimiter ? { delimiter: options.delimiter } : {}),
      ...(options.cursor ? { cursor: options.cursor } : {}),
      ...(options.startAfter && !options.cursor ? { startAfter: options.startAfter } : {}),
    });
  } catch (error) {
    // R2 rejects cursors it did not issue; S3 calls that a bad continuation token.
    if (!options.cursor) throw error;
    throw new S3Error(
      'invalid-argument',
      'The continuation token provided is incorrect',
      { ArgumentName: 'continuation-token' },
      { cause: error },
    );
  }
  const after = options.startAfter;
  if (after !== undefined && !options.cursor) {
    page.delimitedPrefixes = page.delimitedPrefixes.filter((p) => !after.startsWith(p));
  }
  return page;
}

function emptyPage(): R2ObjectsLike {
  return { objects: [], delimitedPrefixes: [], truncated: false };
}

/** ListObjectsV2. */
export async function listObjectsV2(ctx: S3Context): Promise<Response> {
  const query = ctx.url.searchParams;
  const encode = encoder(query);
  const prefix = query.get('prefix') ?? '';
  const delimiter = query.get('delimiter') || undefined;
  const token = query.get('continuation-token') || undefined;
  const startAfter = query.get('start-after') || undefined;
  const limit = maxKeys(query);
  const page =
    limit === 0 ? emptyPage() : await listPage(ctx, { prefix, delimiter, cursor: token, startAfter, limit });
  const inner = [
    xmlElement('Name', ctx.bucketName),
    xmlElement('Prefix', encode(prefix)),
    delimiter !== undefined ? xmlElement('Delimiter', encode(delimiter)) : '',
    xmlElement('MaxKeys', limit),
    xmlElement('KeyCount', page.objects.length + page.delimitedPrefixes.length),
    xmlElement('IsTruncated', page.truncated),
    token !== undefined ? xmlElement('ContinuationToken', token) : '',
    page.truncated ? xmlElement('NextContinuationToken', page.cursor) : '',
    startAfter !== undefined ? xmlElement('StartAfter', encode(startAfter)) : '',
    query.get('encoding-type') === 'url' ? xmlElement('EncodingType', 'url') : '',
    ...page.objects.map((o) => contents(o, encode, query.get('fetch-owner') === 'true')),
    ...page.delimitedPrefixes.map(
      (p) => `<CommonPrefixes>${xmlElement('Prefix', encode(p))}</CommonPrefixes>`,
    ),
  ].join('');
  return new Response(xmlDocument('ListBucketResult', inner), {
    headers: { 'content-type': 'application/xml' },
  });
}

/** ListObjects (v1): `marker` is a key; NextMarker is the last key or common prefix returned. */
export async function listObjectsV1(ctx: S3Context): Promise<Response> {
  const query = ctx.url.searchParams;
  const encode = encoder(query);
  const prefix = query.get('prefix') ?? '';
  const delimiter = query.get('delimiter') || undefined;
  const marker = query.get('marker') || undefined;
  const limit = maxKeys(query);
  const page =
    limit === 0 ? emptyPage() : await listPage(ctx, { prefix, delimiter, startAfter: marker, limit });
  const lastKey = page.objects[page.objects.length - 1]?.key;
  const lastPrefix = page.delimitedPrefixes[page.delimitedPrefixes.length - 1];
  const nextMarker = [lastKey, lastPrefix]
    .filter((v): v is string => v !== undefined)
    .sort()
    .pop();
  const inner = [
    xmlElement('Name', ctx.bucketName),
    xmlElement('Prefix', encode(prefix)),
    xmlElement('Marker', encode(marker ?? '')),
    delimiter !== undefined ? xmlElement('Delimiter', encode(delimiter)) : '',
    xmlElement('MaxKeys', limit),
    xmlElement('IsTruncated', page.truncated),
    page.truncated && nextMarker !== undefined ? xmlElement('NextMarker', encode(nextMarker)) : '',
    query.get('encoding-type') === 'url' ? xmlElement('EncodingType', 'url') : '',
    // v1 always names the owner.
    ...page.objects.map((o) => contents(o, encode, true)),
    ...page.delimitedPrefixes.map(
      (p) => `<CommonPrefixes>${xmlElement('Prefix', encode(p))}</CommonPrefixes>`,
    ),
  ].join('');
  return new Response(xmlDocument('ListBucketResult', inner), {
    headers: { 'content-type': 'application/xml' },
  });
}
