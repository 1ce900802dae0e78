import { GraphQLError } from 'graphql';

/** Error codes the API puts in `errors[].extensions.code`; user errors first, then system errors. */
export type ApiErrorCode =
  /** No read key was sent (HTTP 401), or the API has none configured and is not public. */
  | 'UNAUTHENTICATED'
  /**
   * The read key matches no configured key (HTTP 403), or the query engine
   * refused the SQL (files, ATTACH, SET, writes, other tables…).
   */
  | 'FORBIDDEN'
  /** The SQL does not parse or names unknown columns. */
  | 'INVALID_SQL'
  /** An argument is malformed (time range, snapshot id, both timestamp and snapshotId…). */
  | 'BAD_USER_INPUT'
  /** A table or snapshot that does not exist. */
  | 'NOT_FOUND'
  /**
   * Time travel to an instant older than a table's oldest kept snapshot: that
   * history was expired. The message names the instant and the oldest time still
   * reachable.
   */
  | 'SNAPSHOT_EXPIRED'
  /** The statement ran past the timeout. */
  | 'TIMEOUT'
  /** The query is too deep or too expensive (see query-limits.ts). */
  | 'QUERY_TOO_COMPLEX'
  /** The query engine is unreachable or failed. */
  | 'QUERY_ENGINE_UNAVAILABLE'
  | 'INTERNAL';

/** The query engine's error kinds mapped to API codes. */
export const codeOfEngineKind: Readonly<Record<string, ApiErrorCode>> = {
  forbidden: 'FORBIDDEN',
  'invalid-sql': 'INVALID_SQL',
  'bad-request': 'BAD_USER_INPUT',
  'not-found': 'NOT_FOUND',
  expired: 'SNAPSHOT_EXPIRED',
  timeout: 'TIMEOUT',
  upstream: 'QUERY_ENGINE_UNAVAILABLE',
  internal: 'INTERNAL',
};

/** A GraphQL error (shape per the GraphQL spec, "Errors") with our closed `extensions.code`. */
export function apiError(
  code: ApiErrorCode,
  message: string,
  details: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...details } });
}
