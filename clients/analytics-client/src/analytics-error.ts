/** One error of a GraphQL response (GraphQL spec, "Errors"), with the API's `extensions.code`. */
export interface GraphqlErrorEntry {
  readonly message: string;
  readonly path?: readonly (string | number)[];
  readonly extensions?: { readonly code?: string; readonly [key: string]: unknown };
}

/** Why a request failed: the API answered errors, or the HTTP exchange itself failed. */
export type AnalyticsErrorKind = 'graphql' | 'http' | 'network';

/**
 * Thrown by `AnalyticsClient.request`. `kind: 'graphql'` carries the API's
 * errors (branch on `errors[i].extensions.code`: UNAUTHENTICATED (no read
 * key, HTTP 401), FORBIDDEN (a wrong read key, HTTP 403, or SQL the engine
 * refuses), INVALID_SQL, BAD_USER_INPUT, NOT_FOUND, SNAPSHOT_EXPIRED, TIMEOUT,
 * QUERY_TOO_COMPLEX, QUERY_ENGINE_UNAVAILABLE, INTERNAL).
 */
export class AnalyticsError extends Error {
  readonly kind: AnalyticsErrorKind;
  readonly errors: readonly GraphqlErrorEntry[];
  readonly status: number | undefined;

  constructor(
    kind: AnalyticsErrorKind,
    message: string,
    details: { errors?: readonly GraphqlErrorEntry[]; status?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: details.cause });
    this.name = 'AnalyticsError';
    this.kind = kind;
    this.errors = details.errors ?? [];
    this.status = details.status;
  }

  /** The first error's `extensions.code`, when the API gave one. */
  get code(): string | undefined {
    return this.errors[0]?.extensions?.code;
  }
}
