import type { DuckDBConnection } from '@duckdb/node-api';
import { literal } from './sql-text.ts';

/** Top-level columns of one Parquet file: Iceberg field id → physical column name. */
export type FieldIdMap = ReadonlyMap<number, string>;

/**
 * Reads the field ids Iceberg writers put into each Parquet file's schema
 * (spec: "Parquet" — "field IDs are stored in the Parquet schema"). Data files
 * are immutable, so each path is read once and cached.
 */
export class ParquetFieldIds {
  readonly #cache = new Map<string, FieldIdMap>();

  /** Field ids of the top-level columns of every file in `paths`. */
  async read(connection: DuckDBConnection, paths: readonly string[]): Promise<Map<string, FieldIdMap>> {
    const missing = paths.filter((p) => !this.#cache.has(p));
    if (missing.length > 0) {
      // One parquet_schema() call per batch: DuckDB reads only the footers.
      const reader = await connection.runAndReadAll(
        `SELECT file_name, name, field_id, num_children FROM parquet_schema([${missing.map(literal).join(', ')}])`,
      );
      const perFile = new Map<string, Map<number, string>>();
      for (const p of missing) perFile.set(p, new Map());
      const rows = reader.getRows();
      // parquet_schema lists the tree depth-first: the root, then each top-level column
      // followed by its children. Track how many children remain to know the depth.
      let currentFile = '';
      let pendingChildren: number[] = [];
      for (const [fileName, name, fieldId, numChildren] of rows) {
        const file = String(fileName);
        if (file !== currentFile) {
          currentFile = file;
          pendingChildren = [];
          // The first row of a file is its root schema element.
          pendingChildren.push(Number(numChildren ?? 0));
          continue;
        }
        const depth = pendingChildren.length;
        const top = pendingChildren.length - 1;
        pendingChildren[top] = (pendingChildren[top] ?? 1) - 1;
        if (depth === 1 && fieldId !== null && fieldId !== undefined) {
          perFile.get(file)?.set(Number(fieldId), String(name));
        }
        const children = Number(numChildren ?? 0);
        if (children > 0) pendingChildren.push(children);
        while (pendingChildren.length > 0 && pendingChildren[pendingChildren.length - 1] === 0) {
          pendingChildren.pop();
        }
      }
      for (const [p, m] of perFile) this.#cache.set(p, m);
    }
    const out = new Map<string, FieldIdMap>();
    for (const p of paths) out.set(p, this.#cache.get(p) ?? new Map());
    return out;
  }
}
