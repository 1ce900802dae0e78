import { describe, expect, it } from 'vitest';
import { convertValue, fits, inferType, sqliteDeclaredType, ValueConflict } from '../src/type-mapping.ts';

describe('SQLite declared types → Iceberg (SQLite affinity rules, sqlite.org/datatype3 §3.1)', () => {
  it.each([
    ['INTEGER', 'long'],
    ['BIGINT', 'long'],
    ['UNSIGNED BIG INT', 'long'],
    ['int8', 'long'],
    // Rule 1 wins over everything: SQLite gives "POINT" INTEGER affinity.
    ['POINT', 'long'],
    ['VARCHAR(255)', 'string'],
    ['NCHAR(55)', 'string'],
    ['TEXT', 'string'],
    ['CLOB', 'string'],
    ['BLOB', 'binary'],
    ['REAL', 'double'],
    ['DOUBLE PRECISION', 'double'],
    ['FLOAT', 'double'],
    ['BOOLEAN', 'boolean'],
    ['DATETIME', 'string'],
    ['DATE', 'string'],
    ['TIMESTAMP', 'string'],
    ['NUMERIC', 'double'],
    ['DECIMAL(10,5)', 'double'],
  ])('%s → %s', (declared, iceberg) => {
    expect(sqliteDeclaredType(declared)).toEqual({ type: iceberg });
  });

  it('leaves untyped columns and unknown names (NUMERIC affinity keeps text as text) to the values', () => {
    expect(sqliteDeclaredType('')).toBeUndefined();
    expect(sqliteDeclaredType(null)).toBeUndefined();
    expect(sqliteDeclaredType('STRING')).toBeUndefined();
    expect(sqliteDeclaredType('JSON')).toBeUndefined();
  });
});

describe('types from values (JSON, untyped SQLite columns)', () => {
  it('types integers long, other numbers double, and both together double', () => {
    expect(inferType([1n, null, 2n])).toEqual({ type: { type: 'long' } });
    expect(inferType([1.5])).toEqual({ type: { type: 'double' } });
    expect(inferType([1n, 2.5, 3n])).toEqual({ type: { type: 'double' } });
    expect(inferType(['a'])).toEqual({ type: { type: 'string' } });
    expect(inferType([true, false])).toEqual({ type: { type: 'boolean' } });
    expect(inferType([new Uint8Array([1])])).toEqual({ type: { type: 'binary' } });
  });

  it('gives no type to a column of nulls, and names the two kinds that cannot share a column', () => {
    expect(inferType([null, null])).toEqual({});
    expect(inferType(['a', 1n])).toEqual({ conflict: 'both text and integer values' });
    expect(inferType([true, 1.5])).toEqual({ conflict: 'both boolean and fractional values' });
  });
});

describe('values into table columns', () => {
  it('converts what the pipeline creates, widening integers into double and 0/1 into boolean', () => {
    expect(convertValue(5n, { type: 'long' })).toBe(5n);
    expect(convertValue(5n, { type: 'double' })).toBe(5);
    expect(convertValue(1n, { type: 'boolean' })).toBe(true);
    expect(convertValue(0n, { type: 'boolean' })).toBe(false);
    expect(convertValue('x', { type: 'string' })).toBe('x');
    expect(convertValue(null, { type: 'long' })).toBeNull();
  });

  it('reads ISO-8601 text into a timestamptz column declared with types', () => {
    expect(convertValue('2026-01-15T10:00:00Z', { type: 'timestamptz' })).toBe(1_768_471_200_000_000n);
    expect(convertValue('2026-01-15', { type: 'date' })).toBe(20_468);
  });

  it('refuses values that do not fit, naming the value and the type', () => {
    expect(() => convertValue(2.5, { type: 'long' })).toThrow(ValueConflict);
    expect(() => convertValue('abc', { type: 'long' })).toThrow('"abc" (text) does not fit long');
    expect(() => convertValue(2n, { type: 'boolean' })).toThrow('2 (integer) does not fit boolean');
    expect(() => convertValue(7n, { type: 'string' })).toThrow('7 (integer) does not fit string');
    expect(() => convertValue('yesterday', { type: 'timestamptz' })).toThrow(
      '"yesterday" (text) does not fit timestamptz',
    );
  });

  it('lets a source type into a table column only when every value fits', () => {
    expect(fits({ type: 'long' }, { type: 'long' })).toBe(true);
    expect(fits({ type: 'long' }, { type: 'double' })).toBe(true);
    expect(fits({ type: 'double' }, { type: 'long' })).toBe(false);
    expect(fits({ type: 'string' }, { type: 'long' })).toBe(false);
  });
});
