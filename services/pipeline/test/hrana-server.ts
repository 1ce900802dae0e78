/**
 * A stand-in for a libSQL server (sqld, Turso) that speaks Hrana over HTTP,
 * version 2, as tursodatabase/libsql specifies it (docs/HTTP_V2_SPEC.md;
 * statements, results and values from docs/HRANA_1_SPEC.md and
 * docs/HRANA_2_SPEC.md), over a real SQLite database: this test run's local
 * D1 database. No libSQL server can be installed on the machines the tests
 * run on, so this is what `HranaClient` is tested against.
 *
 * What it implements:
 * - `GET /v2` (version check) and `POST /v2/pipeline` with
 *   `{ baton, requests }` → `{ baton, base_url, results }`;
 * - streams and batons: `baton: null` opens a stream, each answer carries a
 *   fresh, single-use baton, or `null` once a `close` request closed it;
 *   an unknown baton is a 400; requests after `close` are errors;
 * - `execute` (positional `args`, `want_rows`) and `close`; the other
 *   stream requests (`batch`, `sequence`, `describe`, `store_sql`,
 *   `close_sql`) answer an error result, as sqld does for a request it
 *   cannot serve; an unknown request type is a 400, as sqld refuses a body
 *   it cannot parse;
 * - values as the spec encodes them: `integer` as a decimal string (exact to
 *   64 bits: read with `CAST(… AS TEXT)`, since D1 answers numbers as
 *   doubles), `float` as a JSON number, `text`, `blob` as base64 without
 *   padding (as sqld sends it), `null`;
 * - SQL errors as `{ type: "error", error: { message, code } }`;
 * - `Authorization: Bearer <token>` when built with a token: 401 otherwise.
 *
 * What it does not: named arguments, `sql_id`, transactions across requests
 * (D1 runs each statement on its own), `affected_row_count`.
 */
import type { FetchLike } from '../src/sources/hrana-client.ts';

type Value =
  | { type: 'null' }
  | { type: 'integer'; value: string }
  | { type: 'float'; value: number }
  | { type: 'text'; value: string }
  | { type: 'blob'; base64: string };

interface Stmt {
  sql?: unknown;
  args?: unknown;
  named_args?: unknown;
  want_rows?: unknown;
}

type StreamResult =
  | { type: 'ok'; response: { type: string; result?: unknown } }
  | { type: 'error'; error: { message: string; code: string | null } };

/** One pipeline request as the server saw it. */
export interface ReceivedPipeline {
  readonly url: string;
  readonly authorization: string | null;
  readonly body: { baton: string | null; requests: { type: string; stmt?: Stmt }[] };
  /** The baton answered (null: the stream was closed). */
  baton?: string | null;
}

const KNOWN_BUT_UNSERVED = new Set(['batch', 'sequence', 'describe', 'store_sql', 'close_sql']);

class SqlError extends Error {}

function base64(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/=+$/, '');
}

function fromBase64(text: string): Uint8Array {
  const bin = atob(text.padEnd(text.length + ((4 - (text.length % 4)) % 4), '='));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

function bytesOf(v: unknown): Uint8Array {
  if (v instanceof Uint8Array) return v;
  if (v instanceof ArrayBuffer) return new Uint8Array(v);
  if (Array.isArray(v)) return Uint8Array.from(v as number[]);
  throw new SqlError(`not a blob: ${String(v)}`);
}

/** A Hrana argument as a D1 binding. */
function bindingOf(v: unknown): unknown {
  const value = v as Value;
  switch (value?.type) {
    case 'null':
      return null;
    case 'integer': {
      if (typeof value.value !== 'string' || !/^-?\d+$/.test(value.value))
        throw new SqlError(`integer argument must be a decimal string, not ${JSON.stringify(value.value)}`);
      const n = Number(value.value);
      // D1 binds JavaScript numbers: beyond ±2^53 this stand-in cannot bind exactly.
      if (!Number.isSafeInteger(n))
        throw new SqlError(`this stand-in cannot bind the integer ${value.value} (beyond ±2^53)`);
      return n;
    }
    case 'float':
      if (typeof value.value !== 'number') throw new SqlError('float argument must be a JSON number');
      return value.value;
    case 'text':
      if (typeof value.value !== 'string') throw new SqlError('text argument must be a string');
      return value.value;
    case 'blob':
      return fromBase64(value.base64);
    default:
      throw new SqlError(`unknown value ${JSON.stringify(v)}`);
  }
}

/** A value D1 returned, encoded by its JavaScript type (no exactness question: small integers, text). */
function hranaValue(v: unknown): Value {
  if (v === null || v === undefined) return { type: 'null' };
  if (typeof v === 'number')
    return Number.isInteger(v) ? { type: 'integer', value: String(v) } : { type: 'float', value: v };
  if (typeof v === 'string') return { type: 'text', value: v };
  return { type: 'blob', base64: base64(bytesOf(v)) };
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

export class HranaServer implements FetchLike {
  /** Every pipeline request, in order. */
  readonly received: ReceivedPipeline[] = [];
  readonly #db: D1Database;
  readonly #token: string | undefined;
  readonly #batons = new Set<string>();

  constructor(db: D1Database, options: { authToken?: string } = {}) {
    this.#db = db;
    this.#token = options.authToken;
  }

  /** Streams opened and not closed (a client that closes its streams leaves none). */
  get openStreams(): number {
    return this.#batons.size;
  }

  async fetch(input: string, init?: RequestInit): Promise<Response> {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (this.#token !== undefined && request.headers.get('authorization') !== `Bearer ${this.#token}`)
      return Response.json(
        { error: 'Authentication failed: the JWT is missing or invalid' },
        { status: 401 },
      );
    if (url.pathname === '/v2' && request.method === 'GET') return new Response(null, { status: 200 });
    if (url.pathname !== '/v2/pipeline') return new Response('not found', { status: 404 });
    if (request.method !== 'POST') return new Response('method not allowed', { status: 405 });

    let body: ReceivedPipeline['body'];
    try {
      body = (await request.json()) as ReceivedPipeline['body'];
    } catch {
      return new Response('the body is not JSON', { status: 400 });
    }
    const received: ReceivedPipeline = {
      url: request.url,
      authorization: request.headers.get('authorization'),
      body,
    };
    this.received.push(received);
    if (!Array.isArray(body?.requests) || (body.baton !== null && typeof body.baton !== 'string'))
      return new Response('expected { baton: string | null, requests: [...] }', { status: 400 });
    for (const r of body.requests)
      if (r?.type !== 'execute' && r?.type !== 'close' && !KNOWN_BUT_UNSERVED.has(r?.type))
        return new Response(`unknown variant \`${String(r?.type)}\``, { status: 400 });
    if (body.baton !== null) {
      // Batons are single-use: the stream goes on under the baton of this answer.
      if (!this.#batons.delete(body.baton)) return new Response('invalid baton', { status: 400 });
    }

    let closed = false;
    const results: StreamResult[] = [];
    for (const r of body.requests) {
      if (closed) {
        results.push({ type: 'error', error: { message: 'the stream is closed', code: 'STREAM_CLOSED' } });
        continue;
      }
      if (r.type === 'close') {
        closed = true;
        results.push({ type: 'ok', response: { type: 'close' } });
      } else if (r.type === 'execute') {
        results.push(await this.#execute(r.stmt ?? {}));
      } else {
        results.push({
          type: 'error',
          error: { message: `${r.type} is not served by this stand-in`, code: 'NOT_SUPPORTED' },
        });
      }
    }
    const baton = closed ? null : crypto.randomUUID();
    if (baton !== null) this.#batons.add(baton);
    received.baton = baton;
    return Response.json({ baton, base_url: null, results });
  }

  async #execute(stmt: Stmt): Promise<StreamResult> {
    try {
      if (typeof stmt.sql !== 'string') throw new SqlError('only `sql` statements are served (no sql_id)');
      if (Array.isArray(stmt.named_args) && stmt.named_args.length > 0)
        throw new SqlError('named arguments are not served by this stand-in');
      const args = (Array.isArray(stmt.args) ? stmt.args : []).map(bindingOf);
      const sql = stmt.sql;
      const [cols = [], ...plain] = await this.#raw(sql, args);
      let rows: Value[][] = plain.map((row) => row.map(hranaValue));
      if (plain.length > 0 && /^\s*select\b/i.test(sql)) {
        // SQLite says each value's storage class; integers are read as text so they stay exact.
        const select = cols
          .map(
            (c, i) =>
              `typeof(q.${quote(c)}) AS t${i}, CAST(q.${quote(c)} AS TEXT) AS x${i}, q.${quote(c)} AS v${i}`,
          )
          .join(', ');
        const [, ...exact] = await this.#raw(`SELECT ${select} FROM (${sql}) AS q`, args);
        rows = exact.map((row) =>
          cols.map((_, i): Value => {
            const [type, text, value] = [row[3 * i], row[3 * i + 1], row[3 * i + 2]];
            if (type === 'integer') return { type: 'integer', value: String(text) };
            if (type === 'real') return { type: 'float', value: value as number };
            if (type === 'text') return { type: 'text', value: value as string };
            if (type === 'blob') return { type: 'blob', base64: base64(bytesOf(value)) };
            return { type: 'null' };
          }),
        );
      }
      return {
        type: 'ok',
        response: {
          type: 'execute',
          result: {
            cols: cols.map((name) => ({ name, decltype: null })),
            rows: stmt.want_rows === false ? [] : rows,
            affected_row_count: 0,
            last_insert_rowid: null,
          },
        },
      };
    } catch (e) {
      const message = String((e as Error).message ?? e)
        .replace(/^D1_ERROR:\s*/, '')
        .replace(/:\s*SQLITE_ERROR$/, '');
      return {
        type: 'error',
        error: { message, code: e instanceof SqlError ? 'ARGS_INVALID' : 'SQLITE_ERROR' },
      };
    }
  }

  async #raw(sql: string, args: unknown[]): Promise<[string[], ...unknown[][]]> {
    return this.#db
      .prepare(sql)
      .bind(...args)
      .raw<unknown[]>({ columnNames: true });
  }
}
