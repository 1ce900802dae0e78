/**
 * Source types → Iceberg types, and source values → values of a table column.
 *
 * SQLite declared types follow SQLite's own affinity rules, in order
 * (sqlite.org/datatype3.html §3.1), with two refinements for names that say
 * more than their affinity:
 *
 * | declared type | affinity | Iceberg |
 * |---|---|---|
 * | contains `INT` (INTEGER, BIGINT, …) | INTEGER | `long` |
 * | contains `CHAR`, `CLOB`, `TEXT` | TEXT | `string` |
 * | contains `BLOB` | BLOB | `binary` |
 * | none (no declared type) | BLOB | from the values (below) |
 * | contains `REAL`, `FLOA`, `DOUB` | REAL | `double` |
 * | `BOOLEAN`, `BOOL` | NUMERIC | `boolean` (0 and 1) |
 * | `DATE`, `DATETIME`, `TIMESTAMP`, `TIME` | NUMERIC | `string`, the text as stored |
 * | `NUMERIC`, `DECIMAL(10,2)`, `NUMBER`, `MONEY` | NUMERIC | `double` |
 * | any other name (`STRING`, `JSON`, `UUID`, …) | NUMERIC | from the values (below) |
 *
 * SQLite has no date type: applications store dates as text in a format of
 * their choosing (or as numbers), so they are copied as they are; declare
 * `types` in the source configuration to read ISO-8601 text as `timestamptz`.
 *
 * Values without a declared type (JSON, untyped SQLite columns) are typed by
 * what they are: integers `long`, other numbers `double`, text `string`,
 * booleans `boolean`, blobs `binary`; integers and reals in one column make
 * it `double`. A column whose values are all null gets no type yet and is
 * added when a value arrives.
 */
import { canonicalValue, type IcebergType, isIcebergError, type PrimitiveTypeName } from '@analytics/iceberg';
import { classOf, type SourceValue, showValue, type ValueClass } from './source-values.ts';

/** The Iceberg type for a SQLite declared type, or undefined when the values decide (none, or an unknown name). */
export function sqliteDeclaredType(declared: string | null | undefined): IcebergType | undefined {
  const t = (declared ?? '').trim().toUpperCase();
  if (t === '') return undefined;
  if (t.includes('INT')) return { type: 'long' };
  if (t.includes('CHAR') || t.includes('CLOB') || t.includes('TEXT')) return { type: 'string' };
  if (t.includes('BLOB')) return { type: 'binary' };
  if (t.includes('REAL') || t.includes('FLOA') || t.includes('DOUB')) return { type: 'double' };
  const name = t.replace(/\(.*$/, '').trim();
  if (name === 'BOOLEAN' || name === 'BOOL') return { type: 'boolean' };
  if (name === 'DATE' || name === 'DATETIME' || name === 'TIMESTAMP' || name === 'TIME')
    return { type: 'string' };
  if (/^(NUMERIC|DECIMAL|NUMBER|MONEY)$/.test(name)) return { type: 'double' };
  // NUMERIC affinity keeps text that does not look like a number as text: let the values say.
  return undefined;
}

const BY_CLASS: Partial<Record<ValueClass, PrimitiveTypeName>> = {
  boolean: 'boolean',
  integer: 'long',
  real: 'double',
  text: 'string',
  blob: 'binary',
};

/**
 * The type the values of one column call for, or undefined when they are
 * all null; `conflict` names the two kinds that cannot share a column.
 */
export function inferType(values: Iterable<SourceValue>): { type?: IcebergType; conflict?: string } {
  let seen: ValueClass | undefined;
  for (const v of values) {
    const c = classOf(v);
    if (c === 'null' || c === seen) continue;
    if (seen === undefined) seen = c;
    else if ((seen === 'integer' && c === 'real') || (seen === 'real' && c === 'integer')) seen = 'real';
    else return { conflict: `both ${describeClass(seen)} and ${describeClass(c)} values` };
  }
  const name = seen === undefined ? undefined : BY_CLASS[seen];
  return name === undefined ? {} : { type: { type: name } };
}

function describeClass(c: ValueClass): string {
  return c === 'integer' ? 'integer' : c === 'real' ? 'fractional' : c;
}

/** `long`, `decimal(10, 2)`, … for messages. */
export function describeType(t: IcebergType): string {
  if (t.type === 'decimal') return `decimal(${t.precision}, ${t.scale})`;
  if (t.type === 'fixed') return `fixed[${t.length}]`;
  return t.type;
}

/**
 * True when a column of type `table` can take every value a source column of
 * type `source` holds: the same type, or integers into `double`.
 */
export function fits(source: IcebergType, table: IcebergType): boolean {
  if (source.type === table.type) return true;
  return source.type === 'long' && table.type === 'double';
}

/** Why one value does not fit its column. */
export class ValueConflict extends Error {
  override readonly name = 'ValueConflict';
}

/**
 * One source value as a value of a table column of type `type`. The types
 * the pipeline creates are converted here (integers into `double`, 0/1 into
 * `boolean`); any other column type a table may have been given by hand
 * (`timestamptz`, `date`, `decimal`, …) goes through the table engine's
 * canonical conversion (ISO-8601 text into timestamps, decimal text into
 * decimals). A value that does not fit throws `ValueConflict`.
 */
export function convertValue(v: SourceValue, type: IcebergType): unknown {
  if (v === null) return null;
  const bad = (): never => {
    throw new ValueConflict(
      `${showValue(v)} (${describeClass(classOf(v))}) does not fit ${describeType(type)}`,
    );
  };
  switch (type.type) {
    case 'long':
      return typeof v === 'bigint' ? v : bad();
    case 'double':
      return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : bad();
    case 'string':
      return typeof v === 'string' ? v : bad();
    case 'binary':
      return v instanceof Uint8Array ? v : bad();
    case 'boolean':
      if (typeof v === 'boolean') return v;
      if (v === 0n || v === 1n) return v === 1n;
      return bad();
    default:
      try {
        return canonicalValue(type, typeof v === 'bigint' && type.type === 'int' ? Number(v) : v, 'value');
      } catch (e) {
        if (isIcebergError(e, 'invalid-argument')) return bad();
        throw e;
      }
  }
}

/** The type names a source's `types` may ask for, mapped to Iceberg types. */
export const DECLARABLE_TYPES: Readonly<Record<string, IcebergType>> = {
  boolean: { type: 'boolean' },
  int: { type: 'int' },
  long: { type: 'long' },
  double: { type: 'double' },
  string: { type: 'string' },
  binary: { type: 'binary' },
  date: { type: 'date' },
  timestamp: { type: 'timestamp' },
  timestamptz: { type: 'timestamptz' },
};
