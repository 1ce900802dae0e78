import type { Snapshot, TableMetadata } from '@analytics/iceberg';
import { describe, expect, it } from 'vitest';
import {
  compareCursors,
  compareCursorValues,
  cursorSummary,
  decodeCursorValue,
  encodeCursorValue,
  tableCursor,
} from '../src/cursor.ts';

/** Metadata with just the snapshot chain (what `tableCursor` reads). */
function metadataWith(
  snapshots: { id: bigint; parent?: bigint; summary: Record<string, string> }[],
): TableMetadata {
  const list: Snapshot[] = snapshots.map((s, i) => ({
    snapshotId: s.id,
    ...(s.parent === undefined ? {} : { parentSnapshotId: s.parent }),
    sequenceNumber: BigInt(i + 1),
    timestampMs: 1_700_000_000_000 + i,
    manifestList: `s3://b/t/metadata/snap-${s.id}.avro`,
    summary: { operation: 'append', ...s.summary },
  }));
  return {
    snapshots: list,
    currentSnapshotId: list.at(-1)?.snapshotId,
  } as unknown as TableMetadata;
}

describe('cursor values in snapshot summaries', () => {
  it('round-trip with their type: integers exact to 64 bits, reals with a fraction, text quoted', () => {
    const cases: [bigint | number | string, string][] = [
      [42n, '42'],
      [9_223_372_036_854_775_807n, '9223372036854775807'],
      [-7n, '-7'],
      [2, '2.0'],
      [1.5, '1.5'],
      ['2026-01-15 10:00:00', '"2026-01-15 10:00:00"'],
      ['42', '"42"'],
    ];
    for (const [value, text] of cases) {
      expect(encodeCursorValue(value)).toBe(text);
      expect(decodeCursorValue(text)).toEqual(value);
    }
  });

  it('reads nothing from text it did not write', () => {
    expect(decodeCursorValue('{"a":1}')).toBeUndefined();
    expect(decodeCursorValue('not json')).toBeUndefined();
  });

  it('records source, cursor, key and run id', () => {
    expect(cursorSummary('orders', { value: '2026-01-02', key: 17n }, 'run-1')).toEqual({
      'analytics.import.source': 'orders',
      'analytics.import.cursor': '"2026-01-02"',
      'analytics.import.cursor-key': '17',
      'analytics.import.run-id': 'run-1',
    });
  });
});

describe('cursor order (as SQLite compares)', () => {
  it('puts numbers before text and compares integers and reals by value', () => {
    expect(compareCursorValues(10n, '1')).toBeLessThan(0);
    expect(compareCursorValues(3n, 3)).toBe(0);
    expect(compareCursorValues(3n, 3.5)).toBeLessThan(0);
    expect(compareCursorValues(4n, 3.5)).toBeGreaterThan(0);
    // Beyond 2^53 a bigint keeps the difference a double cannot.
    expect(compareCursorValues(2n ** 60n + 1n, 2 ** 60)).toBeGreaterThan(0);
    expect(compareCursorValues(-2n, -1.5)).toBeLessThan(0);
  });

  it('compares text by UTF-8 bytes (the BINARY collation), not UTF-16 code units', () => {
    // U+FFFF is EF BF BF in UTF-8, U+1F600 is F0 9F 98 80: SQLite orders U+FFFF first.
    expect(compareCursorValues('\uffff', '😀')).toBeLessThan(0);
    expect(compareCursorValues('2026-01-02', '2026-01-10')).toBeLessThan(0);
  });

  it('orders by key within one value', () => {
    expect(compareCursors({ value: 5n, key: 1n }, { value: 5n, key: 2n })).toBeLessThan(0);
    expect(compareCursors({ value: 5n }, { value: 5n, key: 1n })).toBeLessThan(0);
    expect(compareCursors({ value: 6n, key: 1n }, { value: 5n, key: 9n })).toBeGreaterThan(0);
  });
});

describe('tableCursor', () => {
  const mine = (cursor: string) => ({
    'analytics.import.source': 'orders',
    'analytics.import.cursor': cursor,
    'total-records': '10',
  });

  it('is empty for a table without snapshots or rows', () => {
    expect(tableCursor(metadataWith([]), 'orders')).toEqual({ state: 'empty' });
    expect(tableCursor(metadataWith([{ id: 1n, summary: { 'total-records': '0' } }]), 'orders')).toEqual({
      state: 'empty',
    });
  });

  it("takes the newest of the source's own snapshots, walking past other writers' snapshots", () => {
    const m = metadataWith([
      { id: 1n, summary: mine('5') },
      { id: 2n, parent: 1n, summary: mine('9') },
      { id: 3n, parent: 2n, summary: { operation: 'replace', 'total-records': '10' } },
      { id: 4n, parent: 3n, summary: { ...mine('12'), 'analytics.import.source': 'customers' } },
    ]);
    expect(tableCursor(m, 'orders')).toEqual({ state: 'found', cursor: { value: 9n }, snapshotId: 2n });
    expect(tableCursor(m, 'customers')).toEqual({ state: 'found', cursor: { value: 12n }, snapshotId: 4n });
  });

  it('ignores snapshots that are not ancestors of the current one (a rolled-back branch)', () => {
    const m = metadataWith([
      { id: 1n, summary: mine('5') },
      { id: 2n, parent: 1n, summary: mine('9') },
      { id: 3n, parent: 1n, summary: { operation: 'append', 'total-records': '10' } },
    ]);
    expect(tableCursor(m, 'orders')).toMatchObject({ state: 'found', cursor: { value: 5n } });
  });

  it('says the cursor is lost when the table has rows but no snapshot of the source is left', () => {
    const m = metadataWith([{ id: 7n, summary: { operation: 'replace', 'total-records': '123' } }]);
    expect(tableCursor(m, 'orders')).toEqual({ state: 'lost', records: '123' });
  });
});
