/**
 * The catalog's one error type. Callers branch on `kind`; `error-response.ts`
 * maps each kind to the REST spec's status and error `type` (ICEBERG.md §5.5,
 * apache/iceberg RESTCatalogAdapter EXCEPTION_ERROR_CODES).
 */
export type CatalogErrorKind =
  /** Malformed request, unknown update/requirement type (400 BadRequestException). */
  | 'bad-request'
  /** A well-formed request whose values are not acceptable (400 IllegalArgumentException, as Java servers send). */
  | 'invalid-argument'
  /** Missing, malformed or expired credential (401 NotAuthorizedException). */
  | 'not-authorized'
  /** Authenticated, but the principal lacks the privilege (403 ForbiddenException). */
  | 'forbidden'
  | 'no-such-namespace'
  | 'no-such-table'
  /** A referenced file (e.g. a metadata file) is missing (404 NotFoundException). */
  | 'not-found'
  | 'namespace-exists'
  | 'table-exists'
  | 'namespace-not-empty'
  /** A commit requirement did not hold; clients refresh and retry (409 CommitFailedException). */
  | 'commit-failed'
  /** A property key in both `updates` and `removals` (422). */
  | 'unprocessable'
  | 'unsupported'
  /** The pointer may or may not have been swapped; clients must not clean up (500). */
  | 'commit-state-unknown'
  /** A fault of the catalog or its storage, not of the request (500). */
  | 'internal';

/** An error the catalog reports to its callers, with the context that explains it. */
export class CatalogError extends Error {
  override readonly name = 'CatalogError';
  constructor(
    readonly kind: CatalogErrorKind,
    message: string,
    readonly context: Readonly<Record<string, unknown>> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** True when `e` is a CatalogError, optionally of the given kind. */
export function isCatalogError(e: unknown, kind?: CatalogErrorKind): e is CatalogError {
  return e instanceof CatalogError && (kind === undefined || e.kind === kind);
}

/** Status and REST error type for each kind: the one table that decides what clients see. */
export const ERROR_KIND_HTTP: Readonly<Record<CatalogErrorKind, { status: number; type: string }>> = {
  'bad-request': { status: 400, type: 'BadRequestException' },
  'invalid-argument': { status: 400, type: 'IllegalArgumentException' },
  'not-authorized': { status: 401, type: 'NotAuthorizedException' },
  forbidden: { status: 403, type: 'ForbiddenException' },
  'no-such-namespace': { status: 404, type: 'NoSuchNamespaceException' },
  'no-such-table': { status: 404, type: 'NoSuchTableException' },
  'not-found': { status: 404, type: 'NotFoundException' },
  'namespace-exists': { status: 409, type: 'AlreadyExistsException' },
  'table-exists': { status: 409, type: 'AlreadyExistsException' },
  'namespace-not-empty': { status: 409, type: 'NamespaceNotEmptyException' },
  'commit-failed': { status: 409, type: 'CommitFailedException' },
  unprocessable: { status: 422, type: 'UnprocessableEntityException' },
  unsupported: { status: 406, type: 'UnsupportedOperationException' },
  'commit-state-unknown': { status: 500, type: 'CommitStateUnknownException' },
  internal: { status: 500, type: 'ServiceFailureException' },
};
