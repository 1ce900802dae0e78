/**
 * The values sources hand to the pipeline, one form for every kind of source.
 * SQLite has five storage classes (sqlite.org/datatype3.html §2: NULL,
 * INTEGER, REAL, TEXT, BLOB); JSON has null, booleans, numbers, strings,
 * objects and arrays. Both become:
 *
 * | value | from SQLite | from JSON |
 * |---|---|---|
 * | `null` | NULL | null, a missing member |
 * | `bigint` | INTEGER | a number with no fraction within ±2^53 |
 * | `number` | REAL | any other number |
 * | `string` | TEXT | a string; an object or array as its JSON text |
 * | `boolean` | — | true, false |
 * | `Uint8Array` | BLOB | — |
 */

/** One value of a source row. */
export type SourceValue = null | boolean | bigint | number | string | Uint8Array;

/** One row of a source, by column name. */
export type SourceRow = Readonly<Record<string, SourceValue>>;

/** What kind of value this is, for type inference and messages. */
export type ValueClass = 'null' | 'boolean' | 'integer' | 'real' | 'text' | 'blob';

export function classOf(v: SourceValue): ValueClass {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'boolean':
      return 'boolean';
    case 'bigint':
      return 'integer';
    case 'number':
      return 'real';
    case 'string':
      return 'text';
    default:
      return 'blob';
  }
}

/** A value as a message shows it: strings quoted, blobs by size. */
export function showValue(v: SourceValue): string {
  if (v instanceof Uint8Array) return `a ${v.length}-byte blob`;
  if (typeof v === 'string') return JSON.stringify(v.length > 80 ? `${v.slice(0, 77)}...` : v);
  return String(v);
}

/** A JSON value as a source value (integers as bigint, objects and arrays as JSON text). */
export function fromJson(v: unknown): SourceValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isSafeInteger(v) ? BigInt(v) : v;
  return JSON.stringify(v);
}
