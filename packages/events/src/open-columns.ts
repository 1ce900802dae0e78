/**
 * Schema evolution on write for the open tables (`user_actions`,
 * `custom_events`): which members of an event become columns, which column
 * type a new member gets, and when a value conflicts with the column the
 * table already has. Pure: the table's current schema comes in as an
 * argument (see `column-catalog.ts` for where it comes from).
 *
 * Rules (docs/collector.md "Custom fields become columns"):
 * - a top-level member that is not a base column is an *open field*; for a
 *   CloudEvent that is every member of an object `data` and every extension
 *   attribute;
 * - the table's column of that name decides: a value its type accepts is
 *   written to it, any other value rejects the event (`schema-conflict`);
 *   null always fits;
 * - with no such column, a string, number or boolean gets a new optional
 *   column (`string`, `double`, `boolean`: every JSON number is a double, so
 *   `1` and `1.5` never disagree), unless the name is unfit: not a safe
 *   identifier, reserved, equal to another column but for case, or over the
 *   table's column cap. Null, objects and arrays never make a column;
 * - `properties` keeps every open field whatever happens, so nothing is lost.
 */

import {
  type AnyPrimitiveType,
  canonicalValue,
  type IcebergType,
  isPrimitive,
  type JsonValue,
  type NestedField,
  type Schema,
  schemaFromJson,
} from '@analytics/iceberg';
import type { EventProblem } from './event-error.ts';
import {
  EVENT_NAMESPACE,
  type EventTableName,
  tableColumns,
  tablePartitionSpec,
  tableSchema,
} from './event-tables.ts';

/** One top-level member of an open-table event that is not a base column. */
export interface OpenField {
  /** The column it would be stored in. */
  readonly name: string;
  /** Where the sender put it, for messages: `amount`, `data.amount`, or an extension's name. */
  readonly path: string;
  readonly value: unknown;
}

/** Column types the collector gives new columns: one per JSON scalar type. */
export type NewColumnType = 'string' | 'double' | 'boolean';

/** A column to add: an open field seen for the first time. */
export interface NewColumn {
  readonly name: string;
  readonly type: NewColumnType;
}

/** What to do with one open field, given the table's current columns. */
export type FieldFit =
  /** The table has the column and the value fits it: write the value. */
  | { readonly kind: 'column' }
  /** No such column yet; one of this type can be added. */
  | { readonly kind: 'new'; readonly column: NewColumn }
  /** The table has the column and the value does not fit: reject the event. */
  | { readonly kind: 'conflict'; readonly problem: EventProblem }
  /** Not a column: the value is kept in `properties` only. */
  | { readonly kind: 'skip' };

/** Most open columns (columns beyond the base ones) the collector adds to one table. */
export const DEFAULT_MAX_OPEN_COLUMNS = 200;

/**
 * Names a column may have: a letter, then letters, digits or `_`, at most 64
 * characters. Readers differ on everything else (dots are nested paths in
 * Spark and PyIceberg, a leading `_` is where engines put metadata columns).
 */
export const COLUMN_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/**
 * Names never promoted, whatever the table holds: `type` (the query engine's
 * `events` view derives it from `event_type`) and the members a CloudEvent
 * mapping produces for payloads that are not objects (`data`, `data_base64`,
 * `extensions`). Lower case; compared case-insensitively.
 */
export const RESERVED_COLUMN_NAMES: ReadonlySet<string> = new Set([
  'type',
  'data',
  'data_base64',
  'extensions',
  'specversion',
]);

/** True for the tables whose open members may become columns. */
export function isOpenTable(table: EventTableName): boolean {
  return table === 'user_actions' || table === 'custom_events';
}

const BASE_NAMES = new Map<EventTableName, ReadonlySet<string>>();

/** The columns a table is created with (they are never open fields). */
export function baseColumnNames(table: EventTableName): ReadonlySet<string> {
  let names = BASE_NAMES.get(table);
  if (names === undefined) {
    names = new Set(tableColumns(table).map((c) => c.name));
    BASE_NAMES.set(table, names);
  }
  return names;
}

/**
 * The open fields of a validated event bound for `table`, in member order;
 * undefined for the typed tables or when there are none. `fieldName` maps a
 * member to where the sender put it (`data.amount` for a CloudEvent). For
 * `custom_events` the members of `extensions` (CloudEvent extension
 * attributes) are open fields too, unless a data member has the same name.
 */
export function openFields(
  table: EventTableName,
  event: Readonly<Record<string, unknown>>,
  fieldName: (member: string) => string = (member) => member,
): readonly OpenField[] | undefined {
  if (!isOpenTable(table)) return undefined;
  const base = baseColumnNames(table);
  const out: OpenField[] = [];
  for (const name of Object.keys(event)) {
    const value = event[name];
    if (value === undefined || base.has(name)) continue;
    if (name === 'extensions' && table === 'custom_events' && isPlainObject(value)) {
      for (const attribute of Object.keys(value)) {
        const v = value[attribute];
        if (v === undefined || base.has(attribute) || Object.hasOwn(event, attribute)) continue;
        out.push({ name: attribute, path: attribute, value: v });
      }
      continue;
    }
    out.push({ name, path: fieldName(name), value });
  }
  return out.length === 0 ? undefined : out;
}

/** True when `value` can be stored in a column of primitive `type` (the table engine's value rules). */
export function columnAccepts(type: AnyPrimitiveType, value: unknown): boolean {
  if (value === null) return true;
  switch (type.type) {
    case 'string':
      return typeof value === 'string';
    case 'double':
    case 'float':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    default:
      // Columns someone else added (int, long, date, timestamptz, uuid, decimal…): a JSON scalar the
      // Parquet writer would accept for them. Objects never fit a primitive column.
      if (typeof value === 'object') return false;
      try {
        canonicalValue(type, value, '');
        return true;
      } catch {
        return false;
      }
  }
}

/**
 * One open table's columns as the catalog has them: what ingest checks open
 * fields against. Built from the table's current Iceberg schema (or its
 * initial schema while the table does not exist yet).
 */
export class TableColumns {
  readonly table: EventTableName;
  /** `default.custom_events`: how messages name the table. */
  readonly qualifiedName: string;
  /** The schema this view was built from. */
  readonly schemaId: number;
  /** The table exists in the catalog (false: it is created before its first column is added). */
  readonly exists: boolean;
  /** How many more open columns may be added before the cap. */
  readonly room: number;
  readonly #byName: ReadonlyMap<string, NestedField>;
  /** Lower-cased names of every column and every reserved name. */
  readonly #taken: ReadonlySet<string>;

  constructor(
    table: EventTableName,
    schema: Schema,
    options: {
      readonly exists?: boolean;
      readonly partitionFieldNames?: readonly string[];
      readonly maxOpenColumns?: number;
    } = {},
  ) {
    this.table = table;
    this.qualifiedName = `${EVENT_NAMESPACE}.${table}`;
    this.schemaId = schema.schemaId;
    this.exists = options.exists ?? true;
    const base = baseColumnNames(table);
    this.#byName = new Map(schema.fields.map((f) => [f.name, f]));
    const taken = new Set(RESERVED_COLUMN_NAMES);
    for (const f of schema.fields) taken.add(f.name.toLowerCase());
    for (const name of options.partitionFieldNames ?? tablePartitionSpec(table).fields.map((f) => f.name))
      taken.add(name.toLowerCase());
    this.#taken = taken;
    const open = schema.fields.filter((f) => !base.has(f.name)).length;
    this.room = Math.max(0, (options.maxOpenColumns ?? DEFAULT_MAX_OPEN_COLUMNS) - open);
  }

  /** The columns of a table that does not exist yet: its initial schema. */
  static initial(table: EventTableName, maxOpenColumns?: number): TableColumns {
    return new TableColumns(table, schemaFromJson(tableSchema(table) as unknown as JsonValue), {
      exists: false,
      ...(maxOpenColumns === undefined ? {} : { maxOpenColumns }),
    });
  }

  /** The column named exactly `name`, if any. */
  column(name: string): NestedField | undefined {
    return this.#byName.get(name);
  }

  /** True when a new column called `name` could be added (fit name, free, not reserved). */
  canAdd(name: string): boolean {
    return COLUMN_NAME_PATTERN.test(name) && !this.#taken.has(name.toLowerCase());
  }

  /** What to do with one open field (the cap is the caller's to apply, over a whole request). */
  fit(field: OpenField): FieldFit {
    const column = this.#byName.get(field.name);
    if (column !== undefined) {
      // A nested column someone else added is not one the collector writes: the value stays in properties.
      if (!isPrimitive(column.type) || baseColumnNames(this.table).has(field.name)) return SKIP;
      if (columnAccepts(column.type, field.value)) return field.value === null ? SKIP : COLUMN;
      return { kind: 'conflict', problem: conflict(this.qualifiedName, field, column.type) };
    }
    const type = newColumnType(field.value);
    if (type === undefined || !this.canAdd(field.name)) return SKIP;
    return { kind: 'new', column: { name: field.name, type } };
  }
}

const SKIP: FieldFit = { kind: 'skip' };
const COLUMN: FieldFit = { kind: 'column' };

/** The type of the column a JSON value starts; undefined for null, objects and arrays. */
export function newColumnType(value: unknown): NewColumnType | undefined {
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'number':
      return Number.isFinite(value) ? 'double' : undefined;
    case 'boolean':
      return 'boolean';
    default:
      return undefined;
  }
}

function conflict(table: string, field: OpenField, type: IcebergType): EventProblem {
  const where = field.path === field.name ? `'${field.path}'` : `'${field.path}' (column '${field.name}')`;
  const wanted = expected(type);
  return {
    kind: 'schema-conflict',
    field: field.path,
    message:
      `field ${where} is ${article(typeName(type))} ${typeName(type)} column of ${table}; got ${shown(field.value)}: ` +
      `send ${wanted} or null, or send ${jsonKind(field.value)} values under another field name`,
  };
}

function typeName(type: IcebergType): string {
  if (type.type === 'decimal') return `decimal(${type.precision}, ${type.scale})`;
  if (type.type === 'fixed') return `fixed[${type.length}]`;
  return type.type;
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}

function expected(type: IcebergType): string {
  switch (type.type) {
    case 'string':
      return 'a string';
    case 'double':
    case 'float':
    case 'decimal':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'int':
      return 'a whole number from -2147483648 to 2147483647';
    case 'long':
      return 'a whole number';
    case 'date':
      return "a date ('2024-01-15')";
    case 'time':
      return "a time of day ('12:30:00')";
    case 'timestamp':
    case 'timestamptz':
      return 'an ISO 8601 timestamp';
    case 'uuid':
      return 'a UUID string';
    default:
      return `a ${typeName(type)} value`;
  }
}

function jsonKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'object' ? 'object' : typeof value;
}

function shown(value: unknown): string {
  const kind = jsonKind(value);
  if (typeof value === 'string') {
    const text = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return `string '${text}'`;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return `${kind} ${String(value)}`;
  return `${article(kind)} ${kind}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
