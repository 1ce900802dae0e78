import {
  type ColumnCatalog,
  DEFAULT_MAX_OPEN_COLUMNS,
  EVENT_NAMESPACE,
  type EventTableName,
  type NewColumn,
  TableColumns,
} from '@analytics/events';
import {
  addColumn,
  currentSchema,
  type EvolvedSchema,
  isIcebergError,
  schemaChangeCommit,
  type TableMetadata,
  tableRequirementToJson,
  tableUpdateToJson,
} from '@analytics/iceberg';
import { loadOrCreateEventTable } from './event-table.ts';
import type { TableCatalog } from './rest-table-catalog.ts';

/** Everything `CatalogColumns` depends on. */
export interface CatalogColumnsOptions {
  readonly catalog: TableCatalog;
  readonly namespace?: string;
  /** Most open columns per table (default `DEFAULT_MAX_OPEN_COLUMNS`). */
  readonly maxOpenColumns?: number;
  /** How long a table's schema is used without asking the catalog again (default 60 s). */
  readonly ttlMs?: number;
  /** After the catalog failed, how long to go on with what is known without asking it (default 10 s). */
  readonly backoffMs?: number;
  /** Schema-change attempts when other writers keep winning (default 5). */
  readonly maxAttempts?: number;
  readonly nowMs?: () => number;
  readonly warn?: (message: string) => void;
}

interface Cached {
  readonly columns: TableColumns;
  readonly loadedAtMs: number;
}

/**
 * The collector's `ColumnCatalog`: open tables' columns from the Iceberg REST
 * catalog, cached per isolate so a request whose fields are all known makes
 * no catalog call. New columns are committed as one schema change
 * (`add-schema` + `set-current-schema`, asserting the current schema id and
 * last column id), after creating the table if needed. When another writer
 * changed the schema first (409), the table is reloaded and the change
 * recomputed: a column that writer added is taken as it is, with its type,
 * so two senders racing with different types end with one column type, and
 * the loser's events are rejected by the caller's check.
 *
 * Changes to one table from one isolate are made one at a time. While the
 * catalog cannot be reached, the last known columns are used (none for a
 * table never loaded) and new fields stay in `properties`.
 */
export class CatalogColumns implements ColumnCatalog {
  readonly #catalog: TableCatalog;
  readonly #namespace: string;
  readonly #maxOpenColumns: number;
  readonly #ttlMs: number;
  readonly #backoffMs: number;
  readonly #maxAttempts: number;
  readonly #nowMs: () => number;
  readonly #warn: (message: string) => void;
  readonly #cache = new Map<EventTableName, Cached>();
  readonly #queue = new Map<EventTableName, Promise<unknown>>();
  #unreachableUntilMs = Number.NEGATIVE_INFINITY;

  constructor(options: CatalogColumnsOptions) {
    this.#catalog = options.catalog;
    this.#namespace = options.namespace ?? EVENT_NAMESPACE;
    this.#maxOpenColumns = options.maxOpenColumns ?? DEFAULT_MAX_OPEN_COLUMNS;
    this.#ttlMs = options.ttlMs ?? 60_000;
    this.#backoffMs = options.backoffMs ?? 10_000;
    this.#maxAttempts = options.maxAttempts ?? 5;
    this.#nowMs = options.nowMs ?? (() => Date.now());
    this.#warn = options.warn ?? ((message) => console.warn(message));
  }

  async columns(table: EventTableName): Promise<TableColumns | undefined> {
    const cached = this.#cache.get(table);
    const now = this.#nowMs();
    if (cached !== undefined && now - cached.loadedAtMs < this.#ttlMs) return cached.columns;
    if (now < this.#unreachableUntilMs) return cached?.columns;
    try {
      const loaded = await this.#catalog.loadTable(this.#namespace, table);
      if (loaded === undefined)
        return this.#remember(table, TableColumns.initial(table, this.#maxOpenColumns));
      return this.#remember(table, this.#view(table, loaded.metadata));
    } catch (error) {
      this.#unreachable(table, error);
      return cached?.columns;
    }
  }

  addColumns(table: EventTableName, columns: readonly NewColumn[]): Promise<TableColumns | undefined> {
    const run = (this.#queue.get(table) ?? Promise.resolve()).then(() => this.#add(table, columns));
    this.#queue.set(
      table,
      run.catch(() => undefined),
    );
    return run;
  }

  async #add(table: EventTableName, columns: readonly NewColumn[]): Promise<TableColumns | undefined> {
    const cached = this.#cache.get(table)?.columns;
    // A request queued behind another of this isolate: that one may have added these columns already.
    if (cached?.exists && (cached.room === 0 || columns.every((c) => !cached.canAdd(c.name)))) return cached;
    if (this.#nowMs() < this.#unreachableUntilMs) return cached;
    try {
      for (let attempt = 1; ; attempt++) {
        const base = (await loadOrCreateEventTable(this.#catalog, this.#namespace, table)).metadata;
        const known = this.#remember(table, this.#view(table, base));
        const missing = columns.filter((c) => known.canAdd(c.name)).slice(0, known.room);
        if (missing.length === 0) return known;
        let evolved: EvolvedSchema = { schema: currentSchema(base), lastColumnId: base.lastColumnId };
        for (const column of missing)
          evolved = addColumn(evolved.schema, evolved.lastColumnId, {
            name: column.name,
            type: { type: column.type },
            doc: `Added by the collector when events first carried it (a JSON ${jsonName(column.type)})`,
          });
        const change = schemaChangeCommit(base, evolved);
        try {
          const committed = await this.#catalog.commitTable(
            this.#namespace,
            table,
            change.requirements.map(tableRequirementToJson),
            change.updates.map(tableUpdateToJson),
          );
          return this.#remember(table, this.#view(table, committed.metadata));
        } catch (error) {
          // 409: another writer changed the schema first; unknown: it may have landed. Reload and decide again.
          const retry =
            isIcebergError(error, 'commit-failed') || isIcebergError(error, 'commit-state-unknown');
          if (!retry || attempt >= this.#maxAttempts) throw error;
        }
      }
    } catch (error) {
      this.#unreachable(table, error);
      return this.#cache.get(table)?.columns;
    }
  }

  #view(table: EventTableName, metadata: TableMetadata): TableColumns {
    return new TableColumns(table, currentSchema(metadata), {
      partitionFieldNames: metadata.partitionSpecs.flatMap((s) => s.fields.map((f) => f.name)),
      maxOpenColumns: this.#maxOpenColumns,
    });
  }

  #remember(table: EventTableName, columns: TableColumns): TableColumns {
    this.#cache.set(table, { columns, loadedAtMs: this.#nowMs() });
    return columns;
  }

  #unreachable(table: EventTableName, error: unknown): void {
    this.#unreachableUntilMs = this.#nowMs() + this.#backoffMs;
    this.#warn(
      `schema evolution of ${this.#namespace}.${table} paused for ${this.#backoffMs} ms: new fields stay in properties (${String(error)})`,
    );
  }
}

function jsonName(type: NewColumn['type']): string {
  return type === 'double' ? 'number' : type;
}
