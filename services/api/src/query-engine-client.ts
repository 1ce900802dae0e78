import { apiError, codeOfEngineKind } from './api-error.ts';

/** The part of the collector's TrustedIngest RPC the API uses (services/collector). */
export interface BufferReader {
  /** Buffered rows of a table with event time in `[fromMicros, toMicros)`, oldest first. */
  readBuffered(table: string, fromMicros: number, toMicros: number, limit?: number): Promise<unknown[]>;
}

/** How the Worker reaches the query engine: a Container/service binding or plain `fetch` to a URL. */
export type EngineFetch = (request: Request) => Promise<Response>;

/**
 * Calls the query engine's HTTP interface (`POST /v1/<query>`, JSON in and
 * out). Engine errors (`{ error: { kind, message } }`) become GraphQL errors
 * with the matching code; an unreachable engine is `QUERY_ENGINE_UNAVAILABLE`.
 */
export class QueryEngineClient {
  readonly #fetch: EngineFetch;
  readonly #base: string;

  constructor(fetchEngine: EngineFetch, baseUrl: string) {
    this.#fetch = fetchEngine;
    this.#base = baseUrl.replace(/\/$/, '');
  }

  /** Run one engine query and return its `data`. */
  async call<T>(name: string, body: Record<string, unknown>): Promise<T> {
    let response: Response;
    try {
      response = await this.#fetch(
        new Request(`${this.#base}/v1/${name}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      );
    } catch (e) {
      throw apiError('QUERY_ENGINE_UNAVAILABLE', `The query engine is unreachable: ${String(e)}`);
    }
    const text = await response.text();
    let json: { data?: T; error?: { kind: string; message: string; context?: unknown } };
    try {
      json = JSON.parse(text);
    } catch {
      throw apiError(
        'QUERY_ENGINE_UNAVAILABLE',
        `The query engine answered ${response.status} without JSON.`,
      );
    }
    if (json.error) {
      throw apiError(codeOfEngineKind[json.error.kind] ?? 'INTERNAL', json.error.message, {
        kind: json.error.kind,
        // Expired history: the instant asked for and the oldest one still reachable, for clients to act on.
        ...(json.error.kind === 'expired' && json.error.context && typeof json.error.context === 'object'
          ? (json.error.context as Record<string, unknown>)
          : {}),
      });
    }
    return json.data as T;
  }
}
