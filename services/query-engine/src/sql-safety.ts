import type { DuckDBConnection } from '@duckdb/node-api';
import { QueryError } from './errors.ts';
import { literal } from './sql-text.ts';

/**
 * Table references user SQL may contain. Anything else in a FROM clause —
 * table functions (`read_csv`, `glob`, `query`…), SHOW/DESCRIBE, or tables of
 * other schemas and catalogs — is refused.
 */
const allowedTableRefTypes = new Set(['BASE_TABLE', 'JOIN', 'SUBQUERY', 'EMPTY', 'EXPRESSION_LIST', 'PIVOT']);

/**
 * Scalar functions refused even though the connection is locked down: they
 * reveal configuration or session state rather than data.
 */
const forbiddenFunctions = new Set(['current_setting', 'getvariable', 'getenv', 'current_query']);

/**
 * Checks one user statement before it runs, by asking DuckDB's own parser for
 * the statement's syntax tree (`json_serialize_sql`), never by pattern matching
 * on text. Accepts exactly one SELECT that reads only `relations` (our views)
 * and CTEs it defines; throws a `QueryError` of kind `invalid-sql` (does not
 * parse) or `forbidden` (anything else) naming what was refused. Returns the
 * relations the statement reads (lower-case, CTE names excluded).
 *
 * This is the first of two locks: the connection itself also runs with
 * external access disabled and its configuration locked (see `duckdb-setup.ts`).
 */
export async function checkUserSql(
  connection: DuckDBConnection,
  sql: string,
  relations: ReadonlySet<string>,
): Promise<Set<string>> {
  if (sql.trim() === '') throw new QueryError('bad-request', 'The query is empty.');
  const count = await statementCount(connection, sql);
  if (count !== undefined && count !== 1) {
    throw new QueryError('forbidden', `Send exactly one SELECT statement (got ${count}).`, {
      statements: count,
    });
  }
  const reader = await connection.runAndReadAll(`SELECT json_serialize_sql(${literal(sql)}) AS j`);
  const json = String(reader.getRows()[0]?.[0] ?? '{}');
  const tree = JSON.parse(json) as SerializedSql;
  if (tree.error) {
    if (tree.error_type === 'parser') {
      throw new QueryError('invalid-sql', `The query does not parse: ${tree.error_message}.`, {
        position: tree.position,
      });
    }
    const keyword = leadingKeyword(sql);
    throw new QueryError(
      'forbidden',
      `${keyword} statements are not allowed: queries are read-only and may only SELECT from ${listOf(relations)}.`,
      { statement: keyword },
    );
  }
  if ((tree.statements?.length ?? 0) !== 1) {
    throw new QueryError(
      'forbidden',
      `Send exactly one SELECT statement (got ${tree.statements?.length ?? 0}).`,
      { statements: tree.statements?.length ?? 0 },
    );
  }
  const cteNames = new Set<string>();
  collectCteNames(tree.statements, cteNames);
  const used = new Set<string>();
  walk(tree.statements, (node) => {
    if ('from_table' in node) checkTableRef(node.from_table as Node, relations, cteNames, used);
    checkFunction(node);
  });
  return used;
}

async function statementCount(connection: DuckDBConnection, sql: string): Promise<number | undefined> {
  try {
    return (await connection.extractStatements(sql)).count;
  } catch {
    return undefined; // does not parse: json_serialize_sql reports why
  }
}

interface SerializedSql {
  readonly error: boolean;
  readonly error_type?: string;
  readonly error_message?: string;
  readonly position?: string;
  readonly statements?: unknown[];
}

type Node = Record<string, unknown>;

function checkTableRef(
  ref: Node,
  relations: ReadonlySet<string>,
  cteNames: ReadonlySet<string>,
  used: Set<string>,
): void {
  const type = String(ref.type);
  if (type === 'TABLE_FUNCTION') {
    const fn = (ref.function as Node | undefined)?.function_name ?? 'function';
    throw new QueryError(
      'forbidden',
      `Table function ${String(fn)}() is not allowed: queries may only read ${listOf(relations)}, not files, URLs or system tables.`,
      { function: fn },
    );
  }
  if (!allowedTableRefTypes.has(type)) {
    throw new QueryError(
      'forbidden',
      `${type === 'SHOW_REF' ? 'DESCRIBE/SHOW/SUMMARIZE' : type} is not allowed: use SELECT on ${listOf(relations)}.`,
      { tableRef: type },
    );
  }
  if (type === 'JOIN') {
    checkTableRef(ref.left as Node, relations, cteNames, used);
    checkTableRef(ref.right as Node, relations, cteNames, used);
  } else if (type === 'PIVOT') {
    checkTableRef(ref.source as Node, relations, cteNames, used);
  } else if (type === 'BASE_TABLE') {
    const name = String(ref.table_name ?? '').toLowerCase();
    const schema = String(ref.schema_name ?? '');
    const catalog = String(ref.catalog_name ?? '');
    const qualifiedOk = catalog === '' && (schema === '' || schema === 'main');
    if (!qualifiedOk || !(relations.has(name) || (schema === '' && cteNames.has(name)))) {
      const shown = [catalog, schema, name].filter((x) => x !== '').join('.');
      throw new QueryError(
        'forbidden',
        `Table ${shown} is not available: queries may only read ${listOf(relations)}.`,
        { table: shown },
      );
    }
    if (!(schema === '' && cteNames.has(name))) used.add(name);
  }
  // SUBQUERY bodies are SELECT nodes of their own; the tree walk checks them.
}

function checkFunction(node: Node): void {
  if (node.class === 'FUNCTION' && typeof node.function_name === 'string') {
    if (forbiddenFunctions.has(node.function_name.toLowerCase())) {
      throw new QueryError(
        'forbidden',
        `Function ${node.function_name}() is not allowed in queries: it reads engine settings, not data.`,
        { function: node.function_name },
      );
    }
  }
}

function collectCteNames(value: unknown, into: Set<string>): void {
  walk(value, (node) => {
    const map = (node.cte_map as Node | undefined)?.map;
    if (Array.isArray(map)) {
      for (const entry of map) {
        const key = (entry as Node).key;
        if (typeof key === 'string') into.add(key.toLowerCase());
      }
    }
  });
}

function walk(value: unknown, visit: (node: Node) => void): void {
  if (Array.isArray(value)) {
    for (const v of value) walk(v, visit);
  } else if (value !== null && typeof value === 'object') {
    visit(value as Node);
    for (const v of Object.values(value)) walk(v, visit);
  }
}

function leadingKeyword(sql: string): string {
  // Only used to word the error message; the decision was DuckDB's parser's.
  const word = sql
    .replace(/^(\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)+/, '')
    .split(/\s/)[0]
    ?.toUpperCase();
  return word && /^[A-Z]+$/.test(word) ? word : 'Non-SELECT';
}

function listOf(relations: ReadonlySet<string>): string {
  return `the analytics views (${[...relations].sort().join(', ')})`;
}
