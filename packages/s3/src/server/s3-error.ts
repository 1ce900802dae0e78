/**
 * S3 errors: a closed `kind` union, one table mapping kinds to S3 error codes
 * and HTTP statuses, and the XML error body S3 clients parse.
 */
import type { SigV4Error } from '../sigv4/sigv4-error.ts';
import { xmlDocument, xmlElement } from '../xml.ts';

/** Every error the S3 handler answers with. */
export type S3ErrorKind =
  | 'access-denied'
  | 'authorization-header-malformed'
  | 'bad-digest'
  | 'content-sha256-mismatch'
  | 'entity-too-large'
  | 'entity-too-small'
  | 'expired'
  | 'incomplete-body'
  | 'internal-error'
  | 'invalid-access-key-id'
  | 'key-too-long'
  | 'invalid-argument'
  | 'invalid-part'
  | 'invalid-part-order'
  | 'invalid-range'
  | 'invalid-request'
  | 'malformed-xml'
  | 'metadata-too-large'
  | 'method-not-allowed'
  | 'missing-security-header'
  | 'no-such-bucket'
  | 'no-such-key'
  | 'no-such-upload'
  | 'not-implemented'
  | 'precondition-failed'
  | 'request-time-too-skewed'
  | 'signature-does-not-match';

/** S3 error code and HTTP status per kind (S3 API reference, "Error responses"). */
export const S3_ERROR_CODES: Readonly<
  Record<S3ErrorKind, { readonly code: string; readonly status: number }>
> = {
  'access-denied': { code: 'AccessDenied', status: 403 },
  'authorization-header-malformed': { code: 'AuthorizationHeaderMalformed', status: 400 },
  'bad-digest': { code: 'BadDigest', status: 400 },
  'content-sha256-mismatch': { code: 'XAmzContentSHA256Mismatch', status: 400 },
  'entity-too-large': { code: 'EntityTooLarge', status: 400 },
  'entity-too-small': { code: 'EntityTooSmall', status: 400 },
  expired: { code: 'AccessDenied', status: 403 },
  'incomplete-body': { code: 'IncompleteBody', status: 400 },
  'internal-error': { code: 'InternalError', status: 500 },
  'invalid-access-key-id': { code: 'InvalidAccessKeyId', status: 403 },
  'key-too-long': { code: 'KeyTooLongError', status: 400 },
  'invalid-argument': { code: 'InvalidArgument', status: 400 },
  'invalid-part': { code: 'InvalidPart', status: 400 },
  'invalid-part-order': { code: 'InvalidPartOrder', status: 400 },
  'invalid-range': { code: 'InvalidRange', status: 416 },
  'invalid-request': { code: 'InvalidRequest', status: 400 },
  'malformed-xml': { code: 'MalformedXML', status: 400 },
  'metadata-too-large': { code: 'MetadataTooLarge', status: 400 },
  'method-not-allowed': { code: 'MethodNotAllowed', status: 405 },
  'missing-security-header': { code: 'MissingSecurityHeader', status: 400 },
  'no-such-bucket': { code: 'NoSuchBucket', status: 404 },
  'no-such-key': { code: 'NoSuchKey', status: 404 },
  'no-such-upload': { code: 'NoSuchUpload', status: 404 },
  'not-implemented': { code: 'NotImplemented', status: 501 },
  'precondition-failed': { code: 'PreconditionFailed', status: 412 },
  'request-time-too-skewed': { code: 'RequestTimeTooSkewed', status: 403 },
  'signature-does-not-match': { code: 'SignatureDoesNotMatch', status: 403 },
};

/** An S3 protocol error with a closed `kind`; `context` becomes extra XML elements. */
export class S3Error extends Error {
  override readonly name = 'S3Error';
  constructor(
    readonly kind: S3ErrorKind,
    message: string,
    readonly context: Readonly<Record<string, string>> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Map a SigV4 failure onto the S3 error a client expects. */
export function fromSigV4Error(error: SigV4Error): S3Error {
  const kind: S3ErrorKind = (
    {
      'missing-authentication': 'access-denied',
      'malformed-authorization': 'authorization-header-malformed',
      'unsupported-algorithm': 'invalid-argument',
      'invalid-access-key-id': 'invalid-access-key-id',
      'signature-does-not-match': 'signature-does-not-match',
      'request-time-too-skewed': 'request-time-too-skewed',
      expired: 'expired',
      'content-sha256-mismatch': 'content-sha256-mismatch',
      'malformed-chunked-body': 'incomplete-body',
      'chunk-signature-mismatch': 'signature-does-not-match',
      'checksum-mismatch': 'bad-digest',
    } as const
  )[error.kind];
  const context = { ...error.context };
  // AWS names these two elements in SignatureDoesNotMatch bodies; they help clients debug.
  const pretty: Record<string, string> = {};
  if (context.canonicalRequest !== undefined) pretty.CanonicalRequest = context.canonicalRequest;
  if (context.stringToSign !== undefined) pretty.StringToSign = context.stringToSign;
  if (context.accessKeyId !== undefined) pretty.AWSAccessKeyId = context.accessKeyId;
  return new S3Error(kind, error.message, pretty, { cause: error });
}

/** The XML error response for an S3 error (no body for HEAD, as S3 does). */
export function errorResponse(
  error: S3Error,
  request: { method: string; resource: string; requestId: string },
): Response {
  const { code, status } = S3_ERROR_CODES[error.kind];
  const headers = new Headers({ 'content-type': 'application/xml', 'x-amz-request-id': request.requestId });
  if (request.method === 'HEAD') return new Response(null, { status, headers });
  const body = xmlDocument(
    'Error',
    [
      xmlElement('Code', code),
      xmlElement('Message', error.message),
      ...Object.entries(error.context).map(([k, v]) => xmlElement(k, v)),
      xmlElement('Resource', request.resource),
      xmlElement('RequestId', request.requestId),
    ].join(''),
    false,
  );
  return new Response(body, { status, headers });
}
