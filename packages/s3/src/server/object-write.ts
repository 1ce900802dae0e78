/**
 * PutObject (with `If-None-Match: *` / `If-Match` conditional writes),
 * CopyObject, DeleteObject and DeleteObjects over R2.
 */
import { uriDecode } from '../sigv4/encoding.ts';
import { xmlChild, xmlChildren, xmlDocument, xmlElement } from '../xml.ts';
import { customMetadataFrom, httpMetadataFrom, xmlTimestamp } from './object-headers.ts';
import type { S3Context } from './s3-context.ts';
import { S3Error } from './s3-error.ts';

function writeConditions(headers: Headers): Headers | undefined {
  const ifNoneMatch = headers.get('if-none-match');
  const ifMatch = headers.get('if-match');
  if (ifNoneMatch === null && ifMatch === null) return undefined;
  if (ifNoneMatch !== null && ifNoneMatch.trim() !== '*') {
    throw new S3Error('not-implemented', 'If-None-Match on writes only supports "*"', {
      Header: 'If-None-Match',
    });
  }
  const onlyIf = new Headers();
  if (ifNoneMatch !== null) onlyIf.set('if-none-match', '*');
  if (ifMatch !== null) onlyIf.set('if-match', ifMatch);
  return onlyIf;
}

function preconditionFailed(header: string): S3Error {
  return new S3Error('precondition-failed', 'At least one of the pre-conditions you specified did not hold', {
    Condition: header,
  });
}

/** PutObject. */
export async function putObject(ctx: S3Context): Promise<Response> {
  const { headers } = ctx.request;
  const onlyIf = writeConditions(headers);
  const body = await ctx.body();
  const object = await ctx.bucket.put(ctx.key, body, {
    httpMetadata: httpMetadataFrom(headers),
    customMetadata: customMetadataFrom(headers),
    ...(onlyIf ? { onlyIf } : {}),
  });
  if (!object) throw preconditionFailed(headers.has('if-none-match') ? 'If-None-Match' : 'If-Match');
  return new Response(null, { status: 200, headers: { etag: object.httpEtag } });
}

/** Split `x-amz-copy-source` (`[/]bucket/key[?versionId=..]`, URL-encoded) into bucket and key. */
export function parseCopySource(value: string): { bucket: string; key: string } {
  const path = value.split('?')[0] as string;
  const trimmed = path.startsWith('/') ? path.slice(1) : path;
  const slash = trimmed.indexOf('/');
  if (slash <= 0 || slash === trimmed.length - 1) {
    throw new S3Error('invalid-argument', `x-amz-copy-source "${value}" is not bucket/key`, {
      ArgumentName: 'x-amz-copy-source',
    });
  }
  return { bucket: uriDecode(trimmed.slice(0, slash)), key: uriDecode(trimmed.slice(slash + 1)) };
}

/** CopyObject: read the source and write it under the destination key (R2 has no server-side copy binding). */
export async function copyObject(ctx: S3Context, copySource: string): Promise<Response> {
  const source = parseCopySource(copySource);
  const sourceBucket = ctx.bucketByName(source.bucket);
  if (!sourceBucket) {
    throw new S3Error('no-such-bucket', 'The specified bucket does not exist', { BucketName: source.bucket });
  }
  const headers = ctx.request.headers;
  const sourceConditions = new Headers();
  for (const [from, to] of [
    ['x-amz-copy-source-if-match', 'if-match'],
    ['x-amz-copy-source-if-none-match', 'if-none-match'],
    ['x-amz-copy-source-if-modified-since', 'if-modified-since'],
    ['x-amz-copy-source-if-unmodified-since', 'if-unmodified-since'],
  ] as const) {
    const v = headers.get(from);
    if (v !== null) sourceConditions.set(to, v);
  }
  const hasConditions = [...sourceConditions].length > 0;
  const object = await sourceBucket.get(source.key, hasConditions ? { onlyIf: sourceConditions } : {});
  if (!object) throw new S3Error('no-such-key', 'The specified key does not exist.', { Key: source.key });
  if (!('body' in object) || !object.body) throw preconditionFailed('x-amz-copy-source-if-*');
  const replace = headers.get('x-amz-metadata-directive') === 'REPLACE';
  const onlyIf = writeConditions(headers);
  const written = await ctx.bucket.put(ctx.key, new Uint8Array(await object.arrayBuffer()), {
    httpMetadata: replace ? httpMetadataFrom(headers) : (object.httpMetadata ?? {}),
    customMetadata: replace ? customMetadataFrom(headers) : (object.customMetadata ?? {}),
    ...(onlyIf ? { onlyIf } : {}),
  });
  if (!written) throw preconditionFailed(headers.has('if-none-match') ? 'If-None-Match' : 'If-Match');
  const xml = xmlDocument(
    'CopyObjectResult',
    xmlElement('LastModified', xmlTimestamp(written.uploaded)) + xmlElement('ETag', written.httpEtag),
  );
  return new Response(xml, { status: 200, headers: { 'content-type': 'application/xml' } });
}

/** DeleteObject: 204 whether or not the key existed, as S3. */
export async function deleteObject(ctx: S3Context): Promise<Response> {
  await ctx.bucket.delete(ctx.key);
  return new Response(null, { status: 204 });
}

/** DeleteObjects: the XML batch form, up to 1000 keys. */
export async function deleteObjects(ctx: S3Context): Promise<Response> {
  const xml = new TextDecoder().decode(await ctx.body());
  if (!/<(?:\w+:)?Delete[\s>]/.test(xml))
    throw new S3Error('malformed-xml', 'The XML you provided was not well-formed');
  const keys = xmlChildren(xml, 'Object', true).map((object) => xmlChild(object, 'Key'));
  if (keys.some((k) => k === undefined) || keys.length === 0 || keys.length > 1000) {
    throw new S3Error('malformed-xml', 'Delete needs 1 to 1000 <Object><Key> entries');
  }
  const quiet = xmlChild(xml, 'Quiet')?.trim().toLowerCase() === 'true';
  await ctx.bucket.delete(keys as string[]);
  const inner = quiet
    ? ''
    : (keys as string[]).map((k) => `<Deleted>${xmlElement('Key', k)}</Deleted>`).join('');
  return new Response(xmlDocument('DeleteResult', inner), {
    status: 200,
    headers: { 'content-type': 'application/xml' },
  });
}
