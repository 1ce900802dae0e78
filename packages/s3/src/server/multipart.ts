/**
 * Multipart uploads over R2's multipart API: CreateMultipartUpload,
 * UploadPart, CompleteMultipartUpload and AbortMultipartUpload. R2's
 * binding has no ListParts or ListMultipartUploads, so neither is served.
 */

import { xmlChild, xmlChildren, xmlDocument, xmlElement } from '../xml.ts';
import { customMetadataFrom, httpMetadataFrom } from './object-headers.ts';
import { fromR2Error } from './r2-errors.ts';
import type { S3Context } from './s3-context.ts';
import { S3Error } from './s3-error.ts';

const xmlHeaders = { 'content-type': 'application/xml' };

/** R2 binding errors as S3 errors naming the upload. */
function fromR2MultipartError(error: unknown, uploadId: string): unknown {
  return fromR2Error(error, { UploadId: uploadId }) ?? error;
}

/** CreateMultipartUpload (`POST ?uploads`). */
export async function createMultipartUpload(ctx: S3Context): Promise<Response> {
  const headers = ctx.request.headers;
  const upload = await ctx.bucket.createMultipartUpload(ctx.key, {
    httpMetadata: httpMetadataFrom(headers),
    customMetadata: customMetadataFrom(headers),
  });
  const inner =
    xmlElement('Bucket', ctx.bucketName) +
    xmlElement('Key', ctx.key) +
    xmlElement('UploadId', upload.uploadId);
  return new Response(xmlDocument('InitiateMultipartUploadResult', inner), { headers: xmlHeaders });
}

function partNumberOf(raw: string | null): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 10000) {
    throw new S3Error(
      'invalid-argument',
      `Part number must be an integer between 1 and 10000, got "${raw}"`,
      {
        ArgumentName: 'partNumber',
      },
    );
  }
  return n;
}

/** UploadPart (`PUT ?partNumber=N&uploadId=X`). */
export async function uploadPart(ctx: S3Context, uploadId: string): Promise<Response> {
  const partNumber = partNumberOf(ctx.url.searchParams.get('partNumber'));
  const body = await ctx.body();
  try {
    const part = await ctx.bucket.resumeMultipartUpload(ctx.key, uploadId).uploadPart(partNumber, body);
    return new Response(null, { status: 200, headers: { etag: `"${part.etag}"` } });
  } catch (error) {
    throw fromR2MultipartError(error, uploadId);
  }
}

/** CompleteMultipartUpload (`POST ?uploadId=X` with the part list). */
export async function completeMultipartUpload(ctx: S3Context, uploadId: string): Promise<Response> {
  const xml = new TextDecoder().decode(await ctx.body());
  const parts = xmlChildren(xml, 'Part', true).map((part) => ({
    partNumber: partNumberOf(xmlChild(part, 'PartNumber') ?? null),
    etag: (xmlChild(part, 'ETag') ?? '').trim().replace(/^"|"$/g, ''),
  }));
  if (parts.length === 0)
    throw new S3Error('malformed-xml', 'CompleteMultipartUpload needs at least one <Part>');
  for (let i = 1; i < parts.length; i++) {
    if (
      (parts[i] as { partNumber: number }).partNumber <= (parts[i - 1] as { partNumber: number }).partNumber
    ) {
      throw new S3Error('invalid-part-order', 'The list of parts was not in ascending order.', {
        UploadId: uploadId,
      });
    }
  }
  try {
    const object = await ctx.bucket.resumeMultipartUpload(ctx.key, uploadId).complete(parts);
    const inner =
      xmlElement('Location', `${ctx.url.origin}${ctx.url.pathname}`) +
      xmlElement('Bucket', ctx.bucketName) +
      xmlElement('Key', ctx.key) +
      xmlElement('ETag', object.httpEtag);
    return new Response(xmlDocument('CompleteMultipartUploadResult', inner), { headers: xmlHeaders });
  } catch (error) {
    throw fromR2MultipartError(error, uploadId);
  }
}

/** AbortMultipartUpload (`DELETE ?uploadId=X`). */
export async function abortMultipartUpload(ctx: S3Context, uploadId: string): Promise<Response> {
  try {
    await ctx.bucket.resumeMultipartUpload(ctx.key, uploadId).abort();
  } catch (error) {
    throw fromR2MultipartError(error, uploadId);
  }
  return new Response(null, { status: 204 });
}
