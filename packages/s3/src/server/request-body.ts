/**
 * Reading a request body the way its signature says: check a signed SHA-256,
 * decode aws-chunked (verifying chunk and trailer signatures), then check
 * `Content-MD5` and any `x-amz-checksum-*` header or trailer.
 */
import { md5 } from '../md5.ts';
import { decodeAwsChunked } from '../sigv4/aws-chunked.ts';
import { verifyChecksums } from '../sigv4/checksum.ts';
import { SigV4Error } from '../sigv4/sigv4-error.ts';
import { checkPayloadHash, type PayloadMode } from '../sigv4/verify-request.ts';
import { fromSigV4Error, S3Error } from './s3-error.ts';

function base64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

/** The verified, decoded body of a request. Throws `S3Error`. */
export async function readRequestBody(request: Request, payload: PayloadMode): Promise<Uint8Array> {
  const raw = new Uint8Array(await request.arrayBuffer());
  try {
    let data: Uint8Array = raw;
    let trailers: [string, string][] = [];
    switch (payload.kind) {
      case 'sha256':
        await checkPayloadHash(raw, payload.hash);
        break;
      case 'streaming-signed':
        ({ data, trailers } = await decodeAwsChunked(raw, {
          context: payload.context,
          trailer: payload.trailer,
        }));
        break;
      case 'streaming-unsigned-trailer':
        ({ data, trailers } = await decodeAwsChunked(raw));
        break;
      case 'unsigned':
        break;
    }
    const decodedLength = request.headers.get('x-amz-decoded-content-length');
    if (
      payload.kind.startsWith('streaming') &&
      decodedLength !== null &&
      Number(decodedLength) !== data.byteLength
    ) {
      throw new S3Error(
        'incomplete-body',
        `Body has ${data.byteLength} bytes, x-amz-decoded-content-length says ${decodedLength}`,
      );
    }
    await verifyChecksums([...request.headers, ...trailers], data);
    const contentMd5 = request.headers.get('content-md5');
    if (contentMd5 !== null && contentMd5.trim() !== base64(md5(data))) {
      throw new S3Error('bad-digest', 'The Content-MD5 you specified did not match what we received');
    }
    return data;
  } catch (error) {
    if (error instanceof SigV4Error) throw fromSigV4Error(error);
    throw error;
  }
}
