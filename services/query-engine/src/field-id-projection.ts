import type { FieldIdMap } from './parquet-field-ids.ts';
import { ident, literalList } from './sql-text.ts';
import type { ColumnSpec } from './table-source.ts';

/** A local data file and the field ids found in its Parquet schema. */
export interface ProjectedFile {
  readonly path: string;
  readonly fieldIds: FieldIdMap;
}

/**
 * The SELECT that reads `files` as a table with `columns` (the schema being
 * read), matching Parquet columns to schema columns by Iceberg field id, never
 * by name (spec: "Schema Evolution" — renames keep the id; a column added later
 * reads as null in older files; a dropped-and-re-added name is a new id).
 *
 * Files with the same physical layout share one `read_parquet([...])`; layouts
 * are joined with UNION ALL. Every column is cast to its current type, which
 * covers the allowed promotions (int→long, float→double, decimal widening).
 * A file without any field ids (not written by an Iceberg writer) falls back to
 * matching by name, as a name mapping would.
 */
export function fieldIdProjection(columns: readonly ColumnSpec[], files: readonly ProjectedFile[]): string {
  if (files.length === 0) {
    const nulls = columns.map((c) => `CAST(NULL AS ${c.duckdbType}) AS ${ident(c.name)}`);
    return `SELECT ${nulls.join(', ') || 'NULL AS "_empty"'} WHERE false`;
  }
  const groups = new Map<string, { physical: (string | null)[]; paths: string[] }>();
  for (const f of files) {
    const byName = f.fieldIds.size === 0;
    const physical = columns.map((c) => (byName ? c.name : (f.fieldIds.get(c.fieldId) ?? null)));
    const key = JSON.stringify(physical);
    const group = groups.get(key) ?? { physical, paths: [] };
    group.paths.push(f.path);
    groups.set(key, group);
  }
  const selects = [...groups.values()].map(({ physical, paths }) => {
    const list = columns.map((c, i) => {
      const source = physical[i];
      const value = source === null || source === undefined ? 'NULL' : ident(source);
      return `CAST(${value} AS ${c.duckdbType}) AS ${ident(c.name)}`;
    });
    return `SELECT ${list.join(', ')} FROM read_parquet(${literalList(paths)})`;
  });
  return selects.join('\nUNION ALL\n');
}
