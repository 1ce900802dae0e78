import { type EventTableName, tableColumns } from './event-tables.ts';

/** A column value as buffered: timestamps are epoch microseconds (UTC), absent values null. */
export type RowValue = string | number | boolean | null;

/** One row of an event table, keyed by column name. */
export type EventRow = Readonly<Record<string, RowValue>>;

/** What the collector knows about an event besides its members. */
export interface RowContext {
  readonly timestampMicros: number;
  readonly receivedAtMicros: number;
  readonly isBot?: boolean;
}

/**
 * The row of `table` for a validated event. Only the table's base columns
 * are taken; for the open tables (`user_actions`, `custom_events`) every
 * other member is kept, as a JSON object, in `properties`. The columns open
 * members get by schema evolution on write are added later, by
 * `fitOpenColumns`, once the table's schema is known; `properties` keeps
 * those members too, so it stays the whole record whatever the schema.
 */
export function buildRow(
  table: EventTableName,
  event: Readonly<Record<string, unknown>>,
  context: RowContext,
): EventRow {
  const row: Record<string, RowValue> = {};
  const columns = tableColumns(table);
  const names = columnNames(table);
  for (const column of columns) {
    switch (column.name) {
      case 'timestamp':
        row.timestamp = context.timestampMicros;
        break;
      case 'received_at':
        row.received_at = context.receivedAtMicros;
        break;
      case 'is_bot':
        row.is_bot = context.isBot ?? null;
        break;
      case 'properties':
        row.properties = propertiesOf(event, names);
        break;
      default:
        row[column.name] = coerce(event[column.name], column.type);
    }
  }
  return row;
}

const NAME_CACHE = new Map<EventTableName, ReadonlySet<string>>();

function columnNames(table: EventTableName): ReadonlySet<string> {
  let names = NAME_CACHE.get(table);
  if (names === undefined) {
    names = new Set(tableColumns(table).map((c) => c.name));
    NAME_CACHE.set(table, names);
  }
  return names;
}

function propertiesOf(event: Readonly<Record<string, unknown>>, columns: ReadonlySet<string>): string | null {
  const rest: Record<string, unknown> = {};
  let any = false;
  for (const [name, value] of Object.entries(event)) {
    if (columns.has(name) || value === undefined) continue;
    rest[name] = value;
    any = true;
  }
  return any ? JSON.stringify(rest) : null;
}

// Values were validated against the contract; enrichment columns the contract does not type (video
// events' country etc.) are kept only when they have the column's type.
function coerce(value: unknown, type: string): RowValue {
  switch (type) {
    case 'string':
      return typeof value === 'string' ? value : null;
    case 'double':
      return typeof value === 'number' && Number.isFinite(value) ? value : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    default:
      return null;
  }
}
