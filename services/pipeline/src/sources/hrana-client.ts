/**
 * `SqlClient` over Hrana over HTTP, the protocol of libSQL servers (`sqld`)
 * and Turso: `POST <url>/v2/pipeline` with `{ baton, requests }` (sqld
 * `docs/HTTP_V2_SPEC.md`; statements and values as in `docs/HRANA_2_SPEC.md`
 * of tursodatabase/libsql). Each call opens a stream (`baton: null`), runs the
 * statements in order and closes it in the same request, so one round trip
 * reads one consistent set of rows.
 *
 * Values on the wire: `{type:"null"}`, `{type:"integer", value:"<digits>"}`
 * (a string, so 64-bit integers stay exact), `{type:"float", value:<number>}`,
 * `{type:"text", value}`, `{type:"blob", base64}` (sqld omits the padding).
 */
import { ImportError } from '../errors.ts';
import type { SourceValue } from '../source-values.ts';
import type { SqlClient, SqlRows, SqlStatement } from './sql-client.ts';

/** Anything with `fetch` (the global one, or a test's). */
export interface FetchLike {
  fetch(input: string, init?: RequestInit): Promise<Response>;
}

type HranaValue =
  | { type: 'null' }
  | { type: 'integer'; value: string }
  | { type: 'float'; value: number }
  | { type: 'text'; value: string }
  | { type: 'blob'; base64: string };

interface HranaResult {
  readonly type: 'ok' | 'error';
  readonly response?: {
    readonly type: string;
    readonly result?: { cols: { name: string | null }[]; rows: HranaValue[][] };
  };
  readonly error?: { message: string; code?: string | null };
}

/** The HTTP base of a database URL: `libsql://` is Turso's name for `https://`. */
export function hranaBaseUrl(url: string): string {
  return url.replace(/^libsql:\/\//, 'https://').replace(/\/+$/, '');
}

function encodeArg(v: bigint | number | string | null): HranaValue {
  if (v === null) return { type: 'null' };
  if (typeof v === 'bigint') return { type: 'integer', value: v.toString() };
  if (typeof v === 'number') return { type: 'float', value: v };
  return { type: 'text', value: v };
}

function decodeBase64(text: string): Uint8Array {
  const padded = text.padEnd(text.length + ((4 - (text.length % 4)) % 4), '=');
  const bin = atob(padded);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** One Hrana value as a source value. */
export function decodeHranaValue(v: HranaValue): SourceValue {
  switch (v.type) {
    case 'null':
      return null;
    case 'integer':
      return BigInt(v.value);
    case 'float':
      return v.value;
    case 'text':
      return v.value;
    case 'blob':
      return decodeBase64(v.base64);
    default:
      throw new ImportError('source', `libSQL sent a value of unknown type ${JSON.stringify(v)}`);
  }
}

export class HranaClient implements SqlClient {
  readonly description: string;
  readonly #base: string;
  readonly #token: string | undefined;
  readonly #fetcher: FetchLike;

  constructor(options: { url: string; authToken?: string; fetcher?: FetchLike }) {
    this.#base = hranaBaseUrl(options.url);
    this.#token = options.authToken;
    this.#fetcher = options.fetcher ?? globalThis;
    this.description = `libSQL database ${this.#base}`;
  }

  async execute(statements: readonly SqlStatement[]): Promise<SqlRows[]> {
    const body = {
      baton: null,
      requests: [
        ...statements.map((s) => ({
          type: 'execute',
          stmt: { sql: s.sql, args: (s.args ?? []).map(encodeArg), want_rows: true },
        })),
        { type: 'close' },
      ],
    };
    let res: Response;
    try {
      res = await this.#fetcher.fetch(`${this.#base}/v2/pipeline`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(this.#token ? { authorization: `Bearer ${this.#token}` } : {}),
        },
        body: JSON.stringify(body),
      });
    } catch (e) {
      throw new ImportError('source', `${this.description} is unreachable: ${String(e)}`);
    }
    const text = await res.text();
    if (!res.ok) {
      const hint = res.status === 401 || res.status === 403 ? " (check the source's authTokenSecret)" : '';
      throw new ImportError(
        'source',
        `${this.description} answered HTTP ${res.status}${hint}: ${text.slice(0, 300)}`,
      );
    }
    let results: HranaResult[];
    try {
      results = (JSON.parse(text) as { results: HranaResult[] }).results;
    } catch {
      throw new ImportError(
        'source',
        `${this.description} answered something that is not a Hrana pipeline response`,
      );
    }
    return statements.map((s, i) => {
      const r = results[i];
      if (r?.type === 'error' || !r?.response?.result) {
        const error = r?.error;
        throw new ImportError(
          'source',
          `${this.description} failed: ${error?.message ?? 'no result'}${error?.code ? ` (${error.code})` : ''}`,
          { sql: s.sql },
        );
      }
      const { cols, rows } = r.response.result;
      return {
        columns: cols.map((c, j) => c.name ?? `column${j + 1}`),
        rows: rows.map((row) => row.map(decodeHranaValue)),
      };
    });
  }
}
