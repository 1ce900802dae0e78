import type { EventRow, RowValue } from '@analytics/events';

/**
 * How a request's rows travel to their buffer and lie in its SQLite. When
 * every row has the same columns, with `event_id` first and `timestamp`
 * second (as rows are built), the rows are arrays of values and the column
 * names are kept once beside them; a column whose value is the same in every
 * row (the request's enrichment, its project, often its referrer) is kept
 * once too, in `constants`, and left out of the arrays. For a typical batch
 * that is less than half the bytes of objects, to stringify, to send and to
 * write on the request path. Otherwise (an open table's rows with different
 * new columns) they stay objects.
 */
export interface EncodedRows {
  /** `JSON.stringify` of the rows: arrays of values when `columns` is set, objects otherwise. */
  readonly rows: string;
  /** `JSON.stringify` of the column names, in the order of each row's values. */
  readonly columns?: string;
  /** `JSON.stringify` of an object of the columns left out of the arrays, with their one value. */
  readonly constants?: string;
}

/** Position of `event_id` and of `timestamp` in a row of values (never constants). */
export const ID_AT = 0;
export const TIMESTAMP_AT = 1;

export function encodeRows(rows: readonly EventRow[]): EncodedRows {
  const first = rows[0];
  if (first === undefined) return { rows: '[]' };
  const names = Object.keys(first);
  const width = names.length;
  if (names[ID_AT] !== 'event_id' || names[TIMESTAMP_AT] !== 'timestamp')
    return { rows: JSON.stringify(rows) };
  const firstValues = names.map((name) => first[name]);
  // Which columns hold one value in every row; a row with other columns leaves the rows as objects.
  const constant = names.map((_, i) => i > TIMESTAMP_AT);
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r] as EventRow;
    // The same columns: as many, and none of them missing (values are never undefined).
    if (Object.keys(row).length !== width) return { rows: JSON.stringify(rows) };
    for (let i = 0; i < width; i++) {
      const value = row[names[i] as string];
      if (value === undefined) return { rows: JSON.stringify(rows) };
      if (constant[i] && value !== firstValues[i]) constant[i] = false;
    }
  }
  const varying: string[] = [];
  const constants: Record<string, RowValue> = {};
  let anyConstant = false;
  for (let i = 0; i < width; i++) {
    const name = names[i] as string;
    if (constant[i]) {
      constants[name] = firstValues[i] as RowValue;
      anyConstant = true;
    } else varying.push(name);
  }
  const values: RowValue[][] = new Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as EventRow;
    const out: RowValue[] = new Array(varying.length);
    for (let i = 0; i < varying.length; i++) out[i] = row[varying[i] as string] as RowValue;
    values[r] = out;
  }
  return {
    rows: JSON.stringify(values),
    columns: JSON.stringify(varying),
    ...(anyConstant ? { constants: JSON.stringify(constants) } : {}),
  };
}

const textCache = new Map<string, unknown>();

/** A `columns` or `constants` text parsed once per distinct text (rows of one batch share them). */
function parsedOnce<T>(text: string): T {
  let parsed = textCache.get(text);
  if (parsed === undefined) {
    if (textCache.size >= 64) textCache.clear();
    parsed = JSON.parse(text);
    textCache.set(text, parsed);
  }
  return parsed as T;
}

/** One stored row (a parsed array of values or object) as an object, given its batch's texts. */
export function rowOf(value: unknown, columns: string | null, constants: string | null = null): EventRow {
  if (columns === null) return value as EventRow;
  const names = parsedOnce<readonly string[]>(columns);
  const values = value as readonly RowValue[];
  const row: Record<string, RowValue> =
    constants === null ? {} : { ...parsedOnce<Record<string, RowValue>>(constants) };
  for (let i = 0; i < names.length; i++) row[names[i] as string] = values[i] ?? null;
  return row;
}

/** The rows of a stored batch as objects. */
export function decodeRows(
  rows: string,
  columns: string | null,
  constants: string | null = null,
): EventRow[] {
  const parsed = JSON.parse(rows) as unknown[];
  return columns === null ? (parsed as EventRow[]) : parsed.map((v) => rowOf(v, columns, constants));
}
