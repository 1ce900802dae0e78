import type { IcebergType, Schema } from '@analytics/iceberg';
import type { ColumnSpec } from './table-source.ts';

/**
 * The DuckDB type a column of this Iceberg type reads as (spec Appendix A:
 * Parquet physical/logical types; DuckDB's Parquet reader maps those the same way).
 */
export function duckdbTypeOf(t: IcebergType): string {
  switch (t.type) {
    case 'boolean':
      return 'BOOLEAN';
    case 'int':
      return 'INTEGER';
    case 'long':
      return 'BIGINT';
    case 'float':
      return 'FLOAT';
    case 'double':
      return 'DOUBLE';
    case 'date':
      return 'DATE';
    case 'time':
      return 'TIME';
    case 'timestamp':
      return 'TIMESTAMP';
    case 'timestamptz':
      return 'TIMESTAMPTZ';
    case 'string':
      return 'VARCHAR';
    case 'uuid':
      return 'UUID';
    case 'binary':
    case 'fixed':
      return 'BLOB';
    case 'decimal':
      return `DECIMAL(${t.precision}, ${t.scale})`;
    case 'list':
      return `${duckdbTypeOf(t.element)}[]`;
    case 'map':
      return `MAP(${duckdbTypeOf(t.key)}, ${duckdbTypeOf(t.value)})`;
    case 'struct':
      return `STRUCT(${t.fields.map((f) => `"${f.name.replaceAll('"', '""')}" ${duckdbTypeOf(f.type)}`).join(', ')})`;
  }
}

/**
 * Top-level columns of a schema. Nested fields are read by name inside their
 * top-level column (only top-level columns are matched by field id).
 */
export function columnsOf(schema: Schema): ColumnSpec[] {
  return schema.fields.map((f) => ({ fieldId: f.id, name: f.name, duckdbType: duckdbTypeOf(f.type) }));
}
