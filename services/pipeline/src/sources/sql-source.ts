/**
 * A SQLite table as a source (D1 and libSQL alike, over `SqlClient`).
 *
 * Columns and declared types come from `PRAGMA table_info`; rows are read
 * in cursor order after the stored cursor:
 *
 * ```sql
 * SELECT … FROM t WHERE c > ? ORDER BY c LIMIT n + 1                     -- no key
 * SELECT … FROM t WHERE c > ? OR (c = ? AND k > ?) ORDER BY c, k LIMIT n + 1  -- key k
 * ```
 *
 * Rows whose cursor is NULL are never read (no cursor can pass them). The
 * extra row tells whether more rows follow. Without a key, rows that share
 * the batch's last cursor value with the row after it are held back for the
 * next batch, since `c > last` would skip the rest of them.
 */
import type { SqlSourceConfig } from '../config.ts';
import type { Cursor } from '../cursor.ts';
import { compareCursorValues, encodeCursorValue, toCursorValue } from '../cursor.ts';
import { ImportError } from '../errors.ts';
import type { SourceRow, SourceValue } from '../source-values.ts';
import { DECLARABLE_TYPES, inferType, sqliteDeclaredType } from '../type-mapping.ts';
import type { ImportSource, SourceBatch, SourceColumn } from './source.ts';
import type { SqlClient } from './sql-client.ts';

/** A SQLite identifier, quoted. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A cursor value as a statement argument. */
function arg(v: Cursor['value']): bigint | number | string {
  return v;
}

export class SqlSource implements ImportSource {
  readonly #config: SqlSourceConfig;
  readonly #client: SqlClient;

  constructor(config: SqlSourceConfig, client: SqlClient) {
    this.#config = config;
    this.#client = client;
  }

  async readBatch(after: Cursor | undefined, limit: number): Promise<SourceBatch> {
    const c = this.#config;
    const table = quoteIdentifier(c.from);
    const [info] = await this.#client.execute([{ sql: `PRAGMA table_info(${table})` }]);
    const nameAt = info!.columns.indexOf('name');
    const typeAt = info!.columns.indexOf('type');
    const declared = new Map<string, string>();
    for (const row of info!.rows) declared.set(String(row[nameAt]), String(row[typeAt] ?? ''));
    if (declared.size === 0)
      throw new ImportError('config', `${this.#client.description} has no table ${JSON.stringify(c.from)}`);
    for (const [what, name] of [
      ['cursor', c.cursor],
      ['key', c.key],
      ...(c.columns ?? []).map((n) => ['columns', n] as const),
    ] as const) {
      if (name !== undefined && !declared.has(name))
        throw new ImportError(
          'config',
          `${what}: table ${c.from} of ${this.#client.description} has no column ${JSON.stringify(name)}; it has ${[...declared.keys()].join(', ')}`,
        );
    }
    const wanted = c.columns
      ? [...new Set([...c.columns, c.cursor, ...(c.key ? [c.key] : [])])]
      : [...declared.keys()];
    const cur = quoteIdentifier(c.cursor);
    const key = c.key === undefined ? undefined : quoteIdentifier(c.key);
    let where = `${cur} IS NOT NULL`;
    const args: (bigint | number | string)[] = [];
    if (after !== undefined && after.key !== undefined && key !== undefined) {
      where = `(${cur} > ? OR (${cur} = ? AND ${key} > ?))`;
      args.push(arg(after.value), arg(after.value), arg(after.key));
    } else if (after !== undefined) {
      where = `${cur} > ?`;
      args.push(arg(after.value));
    }
    const sql = `SELECT ${wanted.map(quoteIdentifier).join(', ')} FROM ${table} WHERE ${where} ORDER BY ${cur}${key ? `, ${key}` : ''} LIMIT ${limit + 1}`;
    const [result] = await this.#client.execute([{ sql, args }]);
    const rows: SourceRow[] = result!.rows.map((values) => {
      const row: Record<string, SourceValue> = {};
      result!.columns.forEach((name, i) => {
        row[name] = values[i] ?? null;
      });
      return row;
    });

    const notes: string[] = [];
    const more = rows.length > limit;
    let take = rows.slice(0, limit);
    if (more && key === undefined) {
      const last = take.at(-1)![c.cursor]!;
      const next = rows[limit]![c.cursor]!;
      if (sameCursorValue(last, next)) {
        take = take.filter((r) => !sameCursorValue(r[c.cursor]!, last));
        if (take.length === 0)
          throw new ImportError(
            'source',
            `more than ${limit} rows of ${c.from} share ${c.cursor} = ${showCursorValue(last)}: set the source's key (a unique column such as the primary key) or raise batchSize`,
          );
        notes.push(
          `rows with ${c.cursor} = ${showCursorValue(last)} are held back for the next batch (they continue past this one)`,
        );
      }
    }

    const columns: SourceColumn[] = wanted.map((name) => {
      const override = c.types?.[name];
      if (override !== undefined)
        return { name, type: DECLARABLE_TYPES[override], origin: `types: ${override}` };
      const decl = declared.get(name) ?? '';
      const type = sqliteDeclaredType(decl);
      if (type) return { name, type, origin: `declared ${decl}` };
      const inferred = inferType(take.map((r) => r[name] ?? null));
      if (inferred.conflict)
        throw new ImportError(
          'type_conflict',
          `column ${name} (${decl || 'no declared type'}) holds ${inferred.conflict}`,
          {
            column: name,
          },
        );
      const why = decl === '' ? 'no declared type' : `declared ${decl}, typed by its values`;
      return { name, ...(inferred.type ? { type: inferred.type } : {}), origin: why };
    });

    const lastRow = take.at(-1);
    return {
      columns,
      rows: take,
      ...(lastRow ? { cursor: cursorOfRow(lastRow, c.cursor, c.key) } : {}),
      more,
      notes,
    };
  }
}

function sameCursorValue(a: SourceValue, b: SourceValue): boolean {
  const x = toCursorValue(a);
  const y = toCursorValue(b);
  return x !== undefined && y !== undefined && compareCursorValues(x, y) === 0;
}

function showCursorValue(v: SourceValue): string {
  const c = toCursorValue(v);
  return c === undefined ? String(v) : encodeCursorValue(c);
}

/** The cursor a row stands for; the cursor (and key) must be an integer, a real or text. */
export function cursorOfRow(row: SourceRow, cursorColumn: string, keyColumn?: string): Cursor {
  const value = toCursorValue(row[cursorColumn] ?? null);
  if (value === undefined)
    throw new ImportError(
      'source',
      `cursor column ${cursorColumn} holds ${String(row[cursorColumn])}; a cursor must be an integer, a real or text`,
    );
  if (keyColumn === undefined) return { value };
  const key = toCursorValue(row[keyColumn] ?? null);
  if (key === undefined)
    throw new ImportError(
      'source',
      `key column ${keyColumn} holds ${String(row[keyColumn])} at ${cursorColumn} = ${encodeCursorValue(value)}; the key must be a non-null integer, real or text`,
    );
  return { value, key };
}
