/**
 * Cursors: how far a source has been imported, kept in the Iceberg snapshot
 * summary of the very commit that added the rows (see docs/pipeline.md for
 * why there and not in a separate store).
 *
 * A cursor is the value of the source's cursor column (e.g. `updated_at` or
 * an increasing id) in the last row imported, plus, when the source names a
 * key column, that row's key: rows are read in `(cursor, key)` order, so rows
 * that share a cursor value are never split ambiguously across batches.
 */
import { ancestorsOf, type Snapshot, type TableMetadata } from '@analytics/iceberg';
import type { SourceValue } from './source-values.ts';

/** A cursor column's value: SQLite INTEGER / JSON integer, REAL / fractional number, or TEXT / string. */
export type CursorValue = bigint | number | string;

/** Where an import stands: the last row's cursor value and, with a key column, its key. */
export interface Cursor {
  readonly value: CursorValue;
  readonly key?: CursorValue;
}

/** Snapshot summary keys the pipeline writes on every import commit. */
export const SUMMARY_SOURCE = 'analytics.import.source';
export const SUMMARY_CURSOR = 'analytics.import.cursor';
export const SUMMARY_CURSOR_KEY = 'analytics.import.cursor-key';
export const SUMMARY_RUN = 'analytics.import.run-id';

/**
 * A cursor value as JSON text: integers as bare digits, reals always with a
 * fraction or exponent (`2.0`), strings quoted, so the text says the type and
 * a 64-bit integer stays exact.
 */
export function encodeCursorValue(v: CursorValue): string {
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'string') return JSON.stringify(v);
  if (!Number.isFinite(v)) throw new Error(`a cursor value must be finite, got ${v}`);
  const text = JSON.stringify(v);
  return /[.eE]/.test(text) ? text : `${text}.0`;
}

/** The inverse of `encodeCursorValue`; `undefined` for text it did not write. */
export function decodeCursorValue(text: string): CursorValue | undefined {
  if (/^-?\d+$/.test(text)) return BigInt(text);
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** A source value as a cursor value, or undefined when it cannot be one (null, boolean, blob). */
export function toCursorValue(v: SourceValue): CursorValue | undefined {
  return typeof v === 'bigint' || typeof v === 'number' || typeof v === 'string' ? v : undefined;
}

const utf8 = new TextEncoder();

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/**
 * Orders cursor values as SQLite does (sqlite.org/datatype3.html §4.1):
 * numbers before text, numbers by value (integers and reals compared exactly),
 * text by its UTF-8 bytes (the BINARY collation).
 */
export function compareCursorValues(a: CursorValue, b: CursorValue): number {
  const aText = typeof a === 'string';
  const bText = typeof b === 'string';
  if (aText !== bText) return aText ? 1 : -1;
  if (aText && bText) return a === b ? 0 : compareBytes(utf8.encode(a), utf8.encode(b));
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  return compareNumbers(a as bigint | number, b as bigint | number);
}

function compareNumbers(a: bigint | number, b: bigint | number): number {
  // A real beyond 2^53 has no fraction, so comparing it as a bigint is exact; below that Number() is.
  const toBig = (x: bigint | number) => (typeof x === 'bigint' ? x : BigInt(Math.trunc(x)));
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  const whole = Math.sign(compareBig(toBig(a), toBig(b)));
  if (whole !== 0) return whole;
  const frac = (x: bigint | number) => (typeof x === 'bigint' ? 0 : x - Math.trunc(x));
  const d = frac(a) - frac(b);
  return d < 0 ? -1 : d > 0 ? 1 : 0;
}

function compareBig(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders cursors by value, then key (a cursor without a key sorts before every key of its value). */
export function compareCursors(a: Cursor, b: Cursor): number {
  const byValue = compareCursorValues(a.value, b.value);
  if (byValue !== 0) return byValue;
  if (a.key === undefined || b.key === undefined)
    return a.key === undefined ? (b.key === undefined ? 0 : -1) : 1;
  return compareCursorValues(a.key, b.key);
}

/** The summary entries that record a cursor for a source. */
export function cursorSummary(source: string, cursor: Cursor, runId: string): Record<string, string> {
  return {
    [SUMMARY_SOURCE]: source,
    [SUMMARY_CURSOR]: encodeCursorValue(cursor.value),
    ...(cursor.key === undefined ? {} : { [SUMMARY_CURSOR_KEY]: encodeCursorValue(cursor.key) }),
    [SUMMARY_RUN]: runId,
  };
}

/** The cursor a snapshot's summary records for `source`, if it records one. */
export function cursorOfSnapshot(snapshot: Snapshot, source: string): Cursor | undefined {
  const s = snapshot.summary;
  if (s[SUMMARY_SOURCE] !== source) return undefined;
  const raw = s[SUMMARY_CURSOR];
  const value = raw === undefined ? undefined : decodeCursorValue(raw);
  if (value === undefined) return undefined;
  const rawKey = s[SUMMARY_CURSOR_KEY];
  const key = rawKey === undefined ? undefined : decodeCursorValue(rawKey);
  return key === undefined ? { value } : { value, key };
}

/** What the table says about a source's progress. */
export type TableCursor =
  /** The newest ancestor of the current snapshot written by this source carries this cursor. */
  | { readonly state: 'found'; readonly cursor: Cursor; readonly snapshotId: bigint }
  /** Nothing imported yet: no snapshot, or no rows. */
  | { readonly state: 'empty' }
  /** The table has rows but no snapshot in its history carries the cursor (expired away). */
  | { readonly state: 'lost'; readonly records: string };

/**
 * Reads a source's cursor from table metadata: the newest snapshot on the
 * current branch's ancestry that this source committed. Snapshots other
 * writers add on top (compaction, manifest merges) carry no cursor and are
 * walked past.
 */
export function tableCursor(metadata: TableMetadata, source: string): TableCursor {
  for (const snapshot of ancestorsOf(metadata, metadata.currentSnapshotId)) {
    const cursor = cursorOfSnapshot(snapshot, source);
    if (cursor) return { state: 'found', cursor, snapshotId: snapshot.snapshotId };
  }
  const head = ancestorsOf(metadata, metadata.currentSnapshotId)[0];
  const records = head?.summary['total-records'];
  return head === undefined || records === '0'
    ? { state: 'empty' }
    : { state: 'lost', records: records ?? '?' };
}

/** A cursor for messages and the run result: the JSON text of its value (and key). */
export function showCursor(c: Cursor | undefined): string | undefined {
  if (c === undefined) return undefined;
  const value = encodeCursorValue(c.value);
  return c.key === undefined ? value : `${value} (key ${encodeCursorValue(c.key)})`;
}
