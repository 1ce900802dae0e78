/**
 * `SqlExec` over Node's SQLite in memory: the same SQL engine a Durable
 * Object's `ctx.storage.sql` runs, for the tests in Node.
 */
import { DatabaseSync } from 'node:sqlite';
import type { SqlExec } from '../run-book.ts';

export function memorySql(): SqlExec & { readonly db: DatabaseSync } {
  const db = new DatabaseSync(':memory:');
  return {
    db,
    exec(query, ...bindings) {
      const statement = db.prepare(query);
      const params = bindings as (string | number | null)[];
      if (statement.columns().length === 0) {
        statement.run(...params);
        return { toArray: () => [] };
      }
      const rows = statement.all(...params) as Record<string, unknown>[];
      return { toArray: () => rows };
    },
  };
}
