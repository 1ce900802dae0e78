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
  const { plan, template } = rowPlan(table);
  // A copy of the table's template, then stores to existing properties: the row keeps the
  // template's shape. Added one by one with computed names, a row of more than a dozen columns
  // would turn into a dictionary, slower to fill, to read back and to list.
  const row: Record<string, RowValue> = { ...template };
  for (let i = 0; i < plan.length; i++) {
    const { name, kind } = plan[i] as PlannedColumn;
    switch (kind) {
      case Kind.Timestamp:
        row[name] = context.timestampMicros;
        break;
      case Kind.ReceivedAt:
        row[name] = context.receivedAtMicros;
        break;
      case Kind.IsBot:
        row[name] = context.isBot ?? null;
        break;
      case Kind.Properties:
        row[name] = propertiesOf(event, columnNames(table));
        break;
      case Kind.String: {
        const value = event[name];
        row[name] = typeof value === 'string' ? value : null;
        break;
      }
      case Kind.Double: {
        const value = event[name];
        row[name] = typeof value === 'number' && Number.isFinite(value) ? value : null;
        break;
      }
      case Kind.Boolean: {
        const value = event[name];
        row[name] = typeof value === 'boolean' ? value : null;
        break;
      }
      default:
        row[name] = null;
    }
  }
  return row;
}

// Values were validated against the contract; enrichment columns the contract does not type (video
// events' country etc.) are kept only when they have the column's type.
const Kind = {
  Timestamp: 0,
  ReceivedAt: 1,
  IsBot: 2,
  Properties: 3,
  String: 4,
  Double: 5,
  Boolean: 6,
  Other: 7,
} as const;
type Kind = (typeof Kind)[keyof typeof Kind];

interface PlannedColumn {
  readonly name: string;
  readonly kind: Kind;
}

interface RowPlan {
  readonly plan: readonly PlannedColumn[];
  /** Every column, null: `Object.fromEntries` gives it a fast shape, and `{ ...template }` keeps it. */
  readonly template: Readonly<Record<string, RowValue>>;
}

const PLAN_CACHE = new Map<EventTableName, RowPlan>();

/** How each column of a table is filled, worked out once per table (this runs for every event). */
function rowPlan(table: EventTableName): RowPlan {
  let cached = PLAN_CACHE.get(table);
  if (cached === undefined) {
    const plan = tableColumns(table).map(({ name, type }) => ({ name, kind: kindOf(name, String(type)) }));
    cached = { plan, template: Object.fromEntries(plan.map(({ name }) => [name, null])) };
    PLAN_CACHE.set(table, cached);
  }
  return cached;
}

function kindOf(name: string, type: string): Kind {
  if (name === 'timestamp') return Kind.Timestamp;
  if (name === 'received_at') return Kind.ReceivedAt;
  if (name === 'is_bot') return Kind.IsBot;
  if (name === 'properties') return Kind.Properties;
  if (type === 'string') return Kind.String;
  if (type === 'double') return Kind.Double;
  if (type === 'boolean') return Kind.Boolean;
  return Kind.Other;
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
