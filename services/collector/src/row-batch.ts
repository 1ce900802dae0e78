import type { EventRow, RowValue } from '@analytics/events';

/**
 * How a request's rows travel to their buffer and lie in its SQLite: when
 * every row has the same columns in the same order, with `event_id` first and
 * `timestamp` second (as rows are built), the rows are arrays of values and
 * the column names are kept once beside them. That is about a third fewer
 * bytes than objects, to stringify, to send and to write on the request path.
 * Otherwise (an open table's rows with different new columns) they stay
 * objects.
 */
export interface EncodedRows {
  /** `JSON.stringify` of the rows: arrays of values when `columns` is set, objects otherwise. */
  readonly rows: string;
  /** `JSON.stringify` of the column names, in the order of each row's values. */
  readonly columns?: string;
}

/** Position of `event_id` and of `timestamp` in a row of values. */
export const ID_AT = 0;
export const TIMESTAMP_AT = 1;

export function encodeRows(rows: readonly EventRow[]): EncodedRows {
  const first = rows[0];
  if (first === undefined) return { rows: '[]' };
  const names = Object.keys(first);
  if (names[ID_AT] !== 'event_id' || names[TIMESTAMP_AT] !== 'timestamp')
    return { rows: JSON.stringify(rows) };
  const values: RowValue[][] = new Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as EventRow;
    const out: RowValue[] = new Array(names.length);
    let i = 0;
    for (const name in row) {
      if (name !== names[i]) return { rows: JSON.stringify(rows) };
      out[i++] = row[name] as RowValue;
    }
    if (i !== names.length) return { rows: JSON.stringify(rows) };
    values[r] = out;
  }
  return { rows: JSON.stringify(values), columns: JSON.stringify(names) };
}

const namesCache = new Map<string, readonly string[]>();

/** The column names of a `columns` text, parsed once per distinct text. */
function columnNames(columns: string): readonly string[] {
  let names = namesCache.get(columns);
  if (names === undefined) {
    if (namesCache.size >= 64) namesCache.clear();
    names = JSON.parse(columns) as string[];
    namesCache.set(columns, names);
  }
  return names;
}

/** One stored row (a parsed array of values or object) as an object, given its batch's `columns`. */
export function rowOf(value: unknown, columns: string | null): EventRow {
  if (columns === null) return value as EventRow;
  const names = columnNames(columns);
  const values = value as readonly RowValue[];
  const row: Record<string, RowValue> = {};
  for (let i = 0; i < names.length; i++) row[names[i] as string] = values[i] ?? null;
  return row;
}

/** The rows of a stored batch as objects. */
export function decodeRows(rows: string, columns: string | null): EventRow[] {
  const parsed = JSON.parse(rows) as unknown[];
  return columns === null ? (parsed as EventRow[]) : parsed.map((v) => rowOf(v, columns));
}
