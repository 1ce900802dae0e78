/**
 * The order Iceberg defines on canonical values (see `parquet/row-values.ts`),
 * used for lower/upper bounds and for sorting rows by a sort order. Strings
 * compare by Unicode code point (the order of their UTF-8 bytes, not JS's
 * UTF-16 order); binary, fixed and uuid compare as unsigned bytes; `-0.0`
 * sorts before `+0.0` (spec: Appendix D note on floats).
 */
import type { AnyPrimitiveType } from '../spec/types.ts';

/** Compares two strings in code point order (equivalently, UTF-8 byte order). */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (0xD800–0xDFFF) encode code points above U+FFFF, so they must sort after 0xE000–0xFFFF.
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}

/** Compares byte arrays as unsigned, lexicographically. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** Compares numbers with -0 before +0; callers keep NaN out. */
function compareNumbers(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a === 0 && b === 0) return (Object.is(a, -0) ? 0 : 1) - (Object.is(b, -0) ? 0 : 1);
  return 0;
}

/** Compares two non-null canonical values of one primitive type. */
export function compareValues(type: AnyPrimitiveType, a: unknown, b: unknown): number {
  switch (type.type) {
    case 'string':
      return compareStrings(a as string, b as string);
    case 'uuid':
      // Canonical lower-case hex compares like its unsigned bytes.
      return a === b ? 0 : (a as string) < (b as string) ? -1 : 1;
    case 'fixed':
    case 'binary':
      return compareBytes(a as Uint8Array, b as Uint8Array);
    case 'boolean':
      return Number(a) - Number(b);
    case 'float':
    case 'double':
    case 'int':
    case 'date':
      return compareNumbers(a as number, b as number);
    default: {
      const x = a as bigint;
      const y = b as bigint;
      return x < y ? -1 : x > y ? 1 : 0;
    }
  }
}

/** A comparator of values of one type, for hot loops that would otherwise switch per call. */
export function comparatorFor(type: AnyPrimitiveType): (a: unknown, b: unknown) => number {
  switch (type.type) {
    case 'string':
      return (a, b) => compareStrings(a as string, b as string);
    case 'fixed':
    case 'binary':
      return (a, b) => compareBytes(a as Uint8Array, b as Uint8Array);
    case 'int':
    case 'date':
    case 'long':
    case 'time':
    case 'timestamp':
    case 'timestamptz':
      return (a, b) => ((a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0);
    default:
      return (a, b) => compareValues(type, a, b);
  }
}
