/**
 * `SqlClient` over a Cloudflare D1 binding (SQLite). D1 answers numbers as
 * JavaScript numbers, so an integral value is read as an INTEGER and
 * integers beyond ±2^53 lose precision (a D1 limit; libSQL sends them exact),
 * and BLOBs as arrays of bytes.
 */
import { ImportError } from '../errors.ts';
import type { SourceValue } from '../source-values.ts';
import type { SqlClient, SqlRows, SqlStatement } from './sql-client.ts';

/** The part of a D1 binding this client uses. */
export interface D1Like {
  prepare(sql: string): {
    bind(...values: unknown[]): {
      raw<T = unknown[]>(options: { columnNames: true }): Promise<[string[], ...T[]]>;
    };
  };
}

function toD1Arg(v: bigint | number | string | null): number | string | null {
  if (typeof v !== 'bigint') return v;
  if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER))
    throw new ImportError('source', `D1 cannot bind the integer ${v} exactly (beyond ±2^53)`);
  return Number(v);
}

function fromD1(v: unknown): SourceValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isSafeInteger(v) ? BigInt(v) : v;
  if (typeof v === 'string') return v;
  if (v instanceof ArrayBuffer) return new Uint8Array(v);
  if (v instanceof Uint8Array) return v;
  if (Array.isArray(v)) return Uint8Array.from(v as number[]);
  return String(v);
}

export class D1Client implements SqlClient {
  readonly description: string;
  readonly #db: D1Like;

  constructor(db: D1Like, binding: string) {
    this.#db = db;
    this.description = `D1 database ${binding}`;
  }

  async execute(statements: readonly SqlStatement[]): Promise<SqlRows[]> {
    const out: SqlRows[] = [];
    for (const s of statements) {
      let raw: [string[], ...unknown[][]];
      try {
        raw = await this.#db
          .prepare(s.sql)
          .bind(...(s.args ?? []).map(toD1Arg))
          .raw<unknown[]>({ columnNames: true });
      } catch (e) {
        if (e instanceof ImportError) throw e;
        throw new ImportError('source', `${this.description} failed: ${String((e as Error).message ?? e)}`, {
          sql: s.sql,
        });
      }
      const [columns = [], ...rows] = raw;
      out.push({ columns, rows: rows.map((r) => r.map(fromD1)) });
    }
    return out;
  }
}
