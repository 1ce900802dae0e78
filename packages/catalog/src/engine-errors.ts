import { isIcebergError } from '@analytics/iceberg';
import { CatalogError, type CatalogErrorKind } from './errors.ts';

/**
 * Translates a table-engine error into the catalog's kinds. In a commit, a
 * missing snapshot/schema or a duplicate is a bad update (400, as the Java
 * builder's ValidationException), not a missing table.
 */
export function fromEngineError(e: unknown): unknown {
  if (!isIcebergError(e)) return e;
  const kinds: Record<typeof e.kind, CatalogErrorKind> = {
    'commit-failed': 'commit-failed',
    'commit-state-unknown': 'commit-state-unknown',
    'not-found': 'invalid-argument',
    'already-exists': 'invalid-argument',
    'invalid-argument': 'invalid-argument',
    unsupported: 'unsupported',
    storage: 'internal',
    'precondition-failed': 'internal',
  };
  return new CatalogError(kinds[e.kind], e.message, e.context, { cause: e });
}

/** Runs `fn`, rethrowing engine errors as catalog errors. */
export function withEngineErrors<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw fromEngineError(e);
  }
}
