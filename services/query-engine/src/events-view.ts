import { ident, literal } from './sql-text.ts';
import type { ColumnSpec } from './table-source.ts';

/** The base columns every event carries (SEED.md `BaseEvent`), first in the `events` view. */
export const baseEventColumns = [
  'event_id',
  'timestamp',
  'session_id',
  'user_id',
  'project_id',
  'environment',
  'version',
  'event_type',
] as const;

/** A table that holds events: it has an event id and a timestamp. */
export function isEventTable(columns: readonly ColumnSpec[]): boolean {
  const names = new Set(columns.map((c) => c.name));
  return names.has('event_id') && names.has('timestamp');
}

/**
 * The unified `events` view: every event table's rows, with the base columns
 * first, then every other column any event table has (NULL where a table lacks
 * it), plus `type` — the event's type whichever way the table names it
 * (`event_type`, CloudEvents `type`, or the table's own name), so SEED.md's
 * `SELECT * FROM events WHERE type = 'purchase'` works. `viewOf` gives the
 * relation (view name) reading each table.
 */
export function eventsViewSql(
  tables: readonly {
    readonly relation: string;
    readonly name: string;
    readonly columns: readonly ColumnSpec[];
  }[],
): string {
  const types = new Map<string, string>();
  for (const c of baseEventColumns) types.set(c, c === 'timestamp' ? 'TIMESTAMPTZ' : 'VARCHAR');
  for (const t of tables) {
    for (const c of t.columns) {
      if (c.name === 'type') continue;
      const known = types.get(c.name);
      // Two tables disagreeing on a column's type meet at VARCHAR.
      types.set(c.name, known === undefined || known === c.duckdbType ? c.duckdbType : 'VARCHAR');
    }
  }
  if (tables.length === 0) {
    const nulls = [...types].map(([n, t]) => `CAST(NULL AS ${t}) AS ${ident(n)}`);
    return `SELECT ${nulls.join(', ')}, CAST(NULL AS VARCHAR) AS "type" WHERE false`;
  }
  return tables
    .map((t) => {
      const has = new Set(t.columns.map((c) => c.name));
      const list = [...types].map(([n, type]) =>
        n === 'event_type'
          ? `CAST(${typeExpr(has, t.name)} AS VARCHAR) AS "event_type"`
          : `CAST(${has.has(n) ? ident(n) : 'NULL'} AS ${type}) AS ${ident(n)}`,
      );
      return `SELECT ${list.join(', ')}, CAST(${typeExpr(has, t.name)} AS VARCHAR) AS "type" FROM ${ident(t.relation)}`;
    })
    .join('\nUNION ALL\n');
}

function typeExpr(has: ReadonlySet<string>, tableName: string): string {
  const candidates = ['event_type', 'type'].filter((c) => has.has(c)).map(ident);
  return `coalesce(${[...candidates, literal(tableName)].join(', ')})`;
}
