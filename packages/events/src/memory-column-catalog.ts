import { addColumn, highestFieldId, type JsonValue, type Schema, schemaFromJson } from '@analytics/iceberg';
import type { ColumnCatalog } from './column-catalog.ts';
import { type EventTableName, tableSchema } from './event-tables.ts';
import { DEFAULT_MAX_OPEN_COLUMNS, type NewColumn, TableColumns } from './open-columns.ts';

/**
 * The in-memory `ColumnCatalog`: one schema per table, evolved with the
 * table engine's `addColumn` (fresh ids, never reused), every schema change
 * recorded. For tests and tools; the collector's is the Iceberg REST catalog.
 */
export class MemoryColumnCatalog implements ColumnCatalog {
  readonly #schemas = new Map<EventTableName, { schema: Schema; lastColumnId: number }>();
  readonly #maxOpenColumns: number;
  /** Every schema change made, in order: the columns each added. */
  readonly changes: { table: EventTableName; added: NewColumn[] }[] = [];

  constructor(options: { maxOpenColumns?: number } = {}) {
    this.#maxOpenColumns = options.maxOpenColumns ?? DEFAULT_MAX_OPEN_COLUMNS;
  }

  async columns(table: EventTableName): Promise<TableColumns | undefined> {
    const current = this.#schemas.get(table);
    if (current === undefined) return TableColumns.initial(table, this.#maxOpenColumns);
    return this.#view(table, current.schema);
  }

  async addColumns(table: EventTableName, columns: readonly NewColumn[]): Promise<TableColumns | undefined> {
    let current = this.#schemas.get(table);
    if (current === undefined) {
      const schema = schemaFromJson(tableSchema(table) as unknown as JsonValue);
      current = { schema, lastColumnId: highestFieldId(schema) };
    }
    const view = this.#view(table, current.schema);
    const added = columns.filter((c) => view.canAdd(c.name)).slice(0, view.room);
    let { schema, lastColumnId } = current;
    for (const column of added)
      ({ schema, lastColumnId } = addColumn(schema, lastColumnId, {
        name: column.name,
        type: { type: column.type },
      }));
    if (added.length > 0) {
      schema = { ...schema, schemaId: current.schema.schemaId + 1 };
      this.changes.push({ table, added });
    }
    this.#schemas.set(table, { schema, lastColumnId });
    return this.#view(table, schema);
  }

  /** The table's current schema (its initial one before any change). */
  schema(table: EventTableName): Schema {
    return this.#schemas.get(table)?.schema ?? schemaFromJson(tableSchema(table) as unknown as JsonValue);
  }

  #view(table: EventTableName, schema: Schema): TableColumns {
    return new TableColumns(table, schema, { maxOpenColumns: this.#maxOpenColumns });
  }
}
