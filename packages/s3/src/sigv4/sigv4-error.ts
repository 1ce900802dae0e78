/**
 * Why a request failed SigV4 authentication. The S3 server maps each kind to
 * an S3 error code and status (see `server/s3-error.ts`).
 */
export type SigV4ErrorKind =
  /** No Authorization header and no presigned query parameters. */
  | 'missing-authentication'
  /** The Authorization header or presigned query parameters cannot be parsed. */
  | 'malformed-authorization'
  /** The algorithm or payload mode is one we do not verify (SigV4a, ECDSA streaming). */
  | 'unsupported-algorithm'
  /** The access key id is not one the server knows. */
  | 'invalid-access-key-id'
  /** The recomputed signature differs from the one sent. */
  | 'signature-does-not-match'
  /** The request time is more than the allowed skew away from the server clock. */
  | 'request-time-too-skewed'
  /** A presigned URL is past its `X-Amz-Expires`. */
  | 'expired'
  /** The body's SHA-256 differs from `x-amz-content-sha256`. */
  | 'content-sha256-mismatch'
  /** An aws-chunked body is not well formed. */
  | 'malformed-chunked-body'
  /** A chunk or trailer signature in an aws-chunked body does not verify. */
  | 'chunk-signature-mismatch'
  /** A trailing checksum does not match the decoded body. */
  | 'checksum-mismatch';

/** A SigV4 signing or verification failure with a closed `kind`. */
export class SigV4Error extends Error {
  override readonly name = 'SigV4Error';
  constructor(
    readonly kind: SigV4ErrorKind,
    message: string,
    readonly context: Readonly<Record<string, string>> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
