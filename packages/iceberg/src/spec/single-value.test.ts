import { describe, expect, it } from 'vitest';
import {
  bigintToTwosComplement,
  decodeSingleValue,
  encodeSingleValue,
  type SingleValue,
  SingleValueError,
  truncateBinaryUpper,
  truncateLowerBound,
  truncateStringLower,
  truncateStringUpper,
  truncateUpperBound,
} from './single-value.ts';
import type { AnyPrimitiveType } from './types.ts';

const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const fromHex = (h: string): Uint8Array =>
  Uint8Array.from(h.match(/../g) ?? [], (x) => Number.parseInt(x, 16));

// Golden encodings, computed independently (Python struct / int.to_bytes) from Appendix D.
const golden: [AnyPrimitiveType, SingleValue, string][] = [
  [{ type: 'boolean' }, true, '01'],
  [{ type: 'boolean' }, false, '00'],
  [{ type: 'int' }, 1, '01000000'],
  [{ type: 'int' }, -1, 'ffffffff'],
  [{ type: 'date' }, 19000, '384a0000'],
  [{ type: 'long' }, -2n, 'feffffffffffffff'],
  [{ type: 'long' }, 2n ** 63n - 1n, 'ffffffffffffff7f'],
  [{ type: 'time' }, 1n, '0100000000000000'],
  [{ type: 'timestamp' }, 1700000000123456n, '40222018240a0600'],
  [{ type: 'timestamptz' }, 1700000000123456n, '40222018240a0600'],
  [{ type: 'float' }, 1.5, '0000c03f'],
  [{ type: 'double' }, -0, '0000000000000080'],
  [{ type: 'string' }, 'héllo', '68c3a96c6c6f'],
  [{ type: 'string' }, '', ''],
  [{ type: 'uuid' }, 'f79c3e09-677c-4bbd-a479-3f349cb785e7', 'f79c3e09677c4bbda4793f349cb785e7'],
  [{ type: 'fixed', length: 3 }, fromHex('0a0b0c'), '0a0b0c'],
  [{ type: 'binary' }, fromHex('00ff'), '00ff'],
  [{ type: 'decimal', precision: 9, scale: 2 }, 1234n, '04d2'],
  [{ type: 'decimal', precision: 9, scale: 2 }, 0n, '00'],
  [{ type: 'decimal', precision: 9, scale: 2 }, 128n, '0080'],
  [{ type: 'decimal', precision: 9, scale: 2 }, -128n, '80'],
  [{ type: 'decimal', precision: 9, scale: 2 }, -129n, 'ff7f'],
  [{ type: 'decimal', precision: 38, scale: 0 }, -32768n, '8000'],
];

describe('single-value encoding (Appendix D)', () => {
  it.each(golden)('encodes %j value %s as %s and decodes it back', (type, value, expected) => {
    const bytes = encodeSingleValue(type, value);
    expect(hex(bytes)).toBe(expected);
    expect(decodeSingleValue(type, bytes)).toEqual(value);
  });

  it('accepts uuid as raw bytes and safe-integer numbers for longs', () => {
    const raw = fromHex('f79c3e09677c4bbda4793f349cb785e7');
    expect(hex(encodeSingleValue({ type: 'uuid' }, raw))).toBe(hex(raw));
    expect(hex(encodeSingleValue({ type: 'long' }, 5))).toBe('0500000000000000');
  });

  it('decodes promoted bounds by their width: int-era on long, float-era on double', () => {
    expect(decodeSingleValue({ type: 'long' }, fromHex('ffffffff'))).toBe(-1n);
    expect(decodeSingleValue({ type: 'double' }, fromHex('0000c03f'))).toBe(1.5);
  });

  it('round-trips large decimals through minimal two-complement', () => {
    const big = 10n ** 37n + 7n;
    const type: AnyPrimitiveType = { type: 'decimal', precision: 38, scale: 4 };
    expect(decodeSingleValue(type, encodeSingleValue(type, big))).toBe(big);
    expect(decodeSingleValue(type, encodeSingleValue(type, -big))).toBe(-big);
    expect(bigintToTwosComplement(-1n)).toEqual(Uint8Array.of(0xff));
  });

  it('rejects values that do not fit the type, with a kind', () => {
    const kindOf = (f: () => unknown): string | undefined => {
      try {
        f();
      } catch (e) {
        return e instanceof SingleValueError ? e.kind : 'other';
      }
      return undefined;
    };
    expect(kindOf(() => encodeSingleValue({ type: 'int' }, 2 ** 31))).toBe('out-of-range');
    expect(kindOf(() => encodeSingleValue({ type: 'int' }, 'x'))).toBe('type-mismatch');
    expect(kindOf(() => encodeSingleValue({ type: 'long' }, 2n ** 63n))).toBe('out-of-range');
    expect(kindOf(() => encodeSingleValue({ type: 'decimal', precision: 2, scale: 0 }, 100n))).toBe(
      'out-of-range',
    );
    expect(kindOf(() => encodeSingleValue({ type: 'fixed', length: 2 }, Uint8Array.of(1)))).toBe(
      'bad-length',
    );
    expect(kindOf(() => encodeSingleValue({ type: 'uuid' }, 'not-a-uuid'))).toBe('type-mismatch');
    expect(kindOf(() => decodeSingleValue({ type: 'int' }, Uint8Array.of(1, 2)))).toBe('bad-length');
  });
});

describe('bound truncation (truncate(N) metrics mode)', () => {
  it('keeps short strings whole and cuts lower bounds at N code points', () => {
    expect(truncateStringLower('abc', 16)).toBe('abc');
    expect(truncateStringLower('abcdef', 3)).toBe('abc');
    // A surrogate pair is one code point and must not be split.
    expect(truncateStringLower('a😀bc', 2)).toBe('a😀');
  });

  it('rounds truncated string upper bounds up, carrying past U+10FFFF and skipping surrogates', () => {
    expect(truncateStringUpper('abc', 3)).toBe('abc');
    expect(truncateStringUpper('abcdef', 3)).toBe('abd');
    expect(truncateStringUpper('a\u{10FFFF}z', 2)).toBe('b');
    expect(truncateStringUpper('a\uD7FFz', 2)).toBe('a\uE000');
    expect(truncateStringUpper('\u{10FFFF}\u{10FFFF}z', 2)).toBeUndefined();
  });

  it('rounds truncated binary upper bounds up and omits them when all bytes are 0xFF', () => {
    expect(hex(truncateBinaryUpper(fromHex('0102ff03'), 3)!)).toBe('0103');
    expect(hex(truncateBinaryUpper(fromHex('0102'), 3)!)).toBe('0102');
    expect(truncateBinaryUpper(fromHex('ffff00'), 2)).toBeUndefined();
  });

  it('truncates only string and binary, leaving other types whole', () => {
    const long = 'x'.repeat(20);
    expect(truncateLowerBound({ type: 'string' }, long, 16)).toBe('x'.repeat(16));
    expect(truncateUpperBound({ type: 'string' }, long, 16)).toBe('x'.repeat(15) + 'y');
    const fixed = new Uint8Array(20);
    expect(truncateUpperBound({ type: 'fixed', length: 20 }, fixed, 16)).toBe(fixed);
    expect(truncateUpperBound({ type: 'long' }, 7n, 16)).toBe(7n);
  });
});
