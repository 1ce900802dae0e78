/**
 * The query engine's one error type. Callers branch on `kind`, never on the
 * message; `http-status.ts` maps kinds to HTTP statuses and GraphQL error codes.
 */
export type QueryErrorKind =
  /** The SQL does not parse, or names a column or table that does not exist. */
  | 'invalid-sql'
  /** The SQL parses but does something user queries may not do (files, ATTACH, SET, writes…). */
  | 'forbidden'
  /** The statement ran past the configured timeout and was interrupted. */
  | 'timeout'
  /** A table, snapshot or time-travel point that does not exist. */
  | 'not-found'
  /**
   * A time-travel instant older than the table's oldest kept snapshot: the
   * history that would answer it was expired (expire-snapshots).
   */
  | 'expired'
  /** The request itself is malformed (bad time range, bad argument). */
  | 'bad-request'
  /** A dependency (catalog, object store) failed. */
  | 'upstream'
  /** A bug or an unexpected DuckDB failure. */
  | 'internal';

/** An error from the query engine with a closed `kind` and a context map. */
export class QueryError extends Error {
  readonly kind: QueryErrorKind;
  readonly context: Readonly<Record<string, unknown>>;

  constructor(
    kind: QueryErrorKind,
    message: string,
    context: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'QueryError';
    this.kind = kind;
    this.context = context;
  }
}

/** HTTP status for each error kind (user errors 4xx, system errors 5xx). */
export const httpStatusOfKind: Readonly<Record<QueryErrorKind, number>> = {
  'invalid-sql': 400,
  forbidden: 403,
  timeout: 408,
  'not-found': 404,
  expired: 410,
  'bad-request': 400,
  upstream: 502,
  internal: 500,
};

/** True for an error object of this class (also across module copies). */
export function isQueryError(e: unknown): e is QueryError {
  return e instanceof Error && e.name === 'QueryError' && 'kind' in e;
}
