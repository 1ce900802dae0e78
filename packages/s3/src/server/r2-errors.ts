/**
 * Errors thrown by R2 bindings carry R2's numeric error code in the message
 * (e.g. "... (10024)"). This table turns them into the S3 errors clients
 * understand; anything else stays an internal error.
 */
import { S3Error, type S3ErrorKind } from './s3-error.ts';

const R2_CODES: Readonly<Record<string, { kind: S3ErrorKind; message: string }>> = {
  '10007': { kind: 'no-such-key', message: 'The specified key does not exist.' },
  '10011': {
    kind: 'entity-too-small',
    message: 'Your proposed upload is smaller than the minimum allowed object size.',
  },
  '10012': {
    kind: 'metadata-too-large',
    message: 'Your metadata headers exceed the maximum allowed metadata size.',
  },
  '10020': { kind: 'key-too-long', message: 'Your key is too long (R2 allows 1024 bytes).' },
  '10022': { kind: 'invalid-argument', message: 'max-keys is out of range.' },
  '10024': { kind: 'no-such-upload', message: 'The specified multipart upload does not exist.' },
  '10025': { kind: 'invalid-part', message: 'One or more of the specified parts could not be found.' },
  '10029': { kind: 'invalid-argument', message: 'Invalid argument.' },
  '10031': {
    kind: 'precondition-failed',
    message: 'At least one of the pre-conditions you specified did not hold',
  },
  '10037': { kind: 'bad-digest', message: 'The digest you specified did not match what we received.' },
  '10039': { kind: 'invalid-range', message: 'The requested range is not satisfiable' },
  // R2 rule that S3 lacks: every part but the last must have the same size.
  '10048': {
    kind: 'invalid-part',
    message: 'All non-trailing parts must have the same length (an R2 rule).',
  },
  '100100': {
    kind: 'entity-too-large',
    message: 'Your proposed upload exceeds the maximum allowed object size.',
  },
};

/** The S3 error for an error thrown by an R2 binding, or `undefined` when it carries no known R2 code. */
export function fromR2Error(
  error: unknown,
  context: Readonly<Record<string, string>> = {},
): S3Error | undefined {
  if (error instanceof S3Error) return error;
  const message = error instanceof Error ? error.message : String(error);
  for (const match of message.matchAll(/\((\d{5,6})\)/g)) {
    const known = R2_CODES[match[1] as string];
    if (known) return new S3Error(known.kind, known.message, context, { cause: error });
  }
  return undefined;
}
