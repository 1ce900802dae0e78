/**
 * Failures of the S3 HTTP object store. `precondition-failed` is the outcome
 * the storage port names for a lost conditional write; callers branch on it.
 */
export type S3StoreErrorKind =
  /** A conditional write (`If-None-Match: *`, `If-Match`) did not hold. */
  | 'precondition-failed'
  /** The endpoint refused the credentials or signature (403). */
  | 'access-denied'
  /** The bucket does not exist at the endpoint. */
  | 'no-such-bucket'
  /** Any other non-success answer, or no answer at all. */
  | 'request-failed';

/** An S3 store failure with the S3 error code and status when the endpoint sent one. */
export class S3StoreError extends Error {
  override readonly name = 'S3StoreError';
  constructor(
    readonly kind: S3StoreErrorKind,
    message: string,
    readonly context: Readonly<Record<string, string | number>> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
