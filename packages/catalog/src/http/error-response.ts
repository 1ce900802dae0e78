import { fromEngineError } from '../engine-errors.ts';
import { CatalogError, ERROR_KIND_HTTP } from '../errors.ts';
import { jsonResponse } from './json-body.ts';

/**
 * The REST `IcebergErrorResponse` for any thrown value: catalog errors by the
 * kind table; anything else is a server fault (500) whose message is kept
 * short (no stack traces to clients).
 */
export function errorResponse(thrown: unknown): Response {
  const e = fromEngineError(thrown);
  if (e instanceof CatalogError) {
    const { status, type } = ERROR_KIND_HTTP[e.kind];
    return jsonResponse({ error: { message: e.message, type, code: status } }, status);
  }
  const message = e instanceof Error ? e.message : String(e);
  return jsonResponse(
    { error: { message: `Internal server error: ${message}`, type: 'ServiceFailureException', code: 500 } },
    500,
  );
}
