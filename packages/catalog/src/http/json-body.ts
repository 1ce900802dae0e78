import { type JsonValue, parseJson, stringifyJson } from '@analytics/iceberg';
import { CatalogError } from '../errors.ts';

/**
 * Reads a request body with the lossless codec: 63-bit snapshot ids stay exact
 * (never through plain `JSON.parse`). Malformed JSON is a 400.
 */
export async function readJsonBody(request: Request): Promise<JsonValue> {
  const text = await request.text();
  if (text.trim() === '')
    throw new CatalogError('bad-request', 'Invalid request: a JSON body is required', {});
  try {
    return parseJson(text);
  } catch (cause) {
    throw new CatalogError('bad-request', `Invalid request: ${(cause as Error).message}`, {}, { cause });
  }
}

/** A JSON response written with the lossless codec (bigints as bare numbers). */
export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(stringifyJson(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}
