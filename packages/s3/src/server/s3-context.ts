/**
 * What every S3 operation receives: the request, its bucket and key, and a
 * body reader that already applies the signature's payload rules.
 */
import type { R2BucketLike } from './r2-bucket-like.ts';

/** The R2 pricing class of an operation (R2 pricing: Class A, Class B, free). */
export type OperationClass = 'A' | 'B' | 'free';

/** One served S3 operation, reported to `onOperation`. */
export interface S3OperationEvent {
  readonly operation: string;
  readonly operationClass: OperationClass;
  readonly bucket?: string;
  readonly status: number;
}

/** A routed request. */
export interface S3Context {
  readonly request: Request;
  readonly url: URL;
  readonly bucketName: string;
  readonly bucket: R2BucketLike;
  /** Decoded object key; empty for bucket-level requests. */
  readonly key: string;
  /** The verified, decoded body. */
  body(): Promise<Uint8Array>;
  /** Resolve another bucket (CopyObject sources). */
  bucketByName(name: string): R2BucketLike | undefined;
}
