/**
 * The table engine's one error type. Callers branch on `kind`, never on the
 * message text; the REST catalog maps kinds to HTTP statuses in its own table.
 */
export type IcebergErrorKind =
  /** A commit requirement did not hold, or a concurrent commit won; refresh and retry (REST 409). */
  | 'commit-failed'
  /** The outcome of a commit is unknown (e.g. the pointer write timed out); never clean up its files (REST 500). */
  | 'commit-state-unknown'
  /** A table, snapshot, ref, schema, spec or file does not exist. */
  | 'not-found'
  /** The thing being created exists already. */
  | 'already-exists'
  /** Malformed input: bad metadata JSON, an invalid update, a value of the wrong type (REST 400). */
  | 'invalid-argument'
  /** Valid by the spec but not supported by this engine (e.g. format v3, equality deletes). */
  | 'unsupported'
  /** A conditional object write lost: `ifNoneMatch: '*'` on an existing key, or a stale `ifMatch` etag. */
  | 'precondition-failed'
  /** The object store failed or refused a request. */
  | 'storage';

/** An error raised by the table engine, with the context that explains it. */
export class IcebergError extends Error {
  override readonly name = 'IcebergError';
  readonly kind: IcebergErrorKind;
  readonly context: Readonly<Record<string, unknown>>;

  // No parameter properties: Node's type stripping (`node file.ts`) cannot run them.
  constructor(
    kind: IcebergErrorKind,
    message: string,
    context: Readonly<Record<string, unknown>> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.kind = kind;
    this.context = context;
  }
}

/** True when `e` is an IcebergError, optionally of the given kind. */
export function isIcebergError(e: unknown, kind?: IcebergErrorKind): e is IcebergError {
  return e instanceof IcebergError && (kind === undefined || e.kind === kind);
}
