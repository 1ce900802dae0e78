/**
 * Binary single-value serialization (spec: Appendix D, "Binary single-value
 * serialization"), used for `lower_bounds`/`upper_bounds` of data files and
 * for the partition field summaries of manifest lists, plus the truncation
 * rules of the `truncate(N)` metrics mode (spec: "Metrics", Java `BinaryUtil`
 * / `UnicodeUtil`).
 *
 * Value representation in the domain model (what `encode` takes and `decode`
 * returns):
 * - boolean → `boolean`
 * - int, date (days since epoch) → `number`
 * - long, time, timestamp, timestamptz (microseconds) → `bigint`
 * - float, double → `number`
 * - string → `string`
 * - uuid → canonical lower-case `string` (`encode` also takes 16 raw bytes)
 * - fixed[L], binary → `Uint8Array`
 * - decimal(P,S) → unscaled `bigint` (the scale lives in the type)
 */
import type { AnyPrimitiveType } from './types.ts';

/** A primitive value in the representation listed at the top of this file. */
export type SingleValue = boolean | number | bigint | string | Uint8Array;

/** Why a value could not be encoded or decoded. */
export type SingleValueErrorKind = 'type-mismatch' | 'out-of-range' | 'bad-length';

/** Raised when a value does not fit its Iceberg type, or bytes do not decode as it. */
export class SingleValueError extends Error {
  override readonly name = 'SingleValueError';
  readonly kind: SingleValueErrorKind;
  readonly context: Readonly<Record<string, unknown>>;
  constructor(kind: SingleValueErrorKind, message: string, context: Readonly<Record<string, unknown>> = {}) {
    super(message);
    this.kind = kind;
    this.context = context;
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function typeName(type: AnyPrimitiveType): string {
  if (type.type === 'decimal') return `decimal(${type.precision}, ${type.scale})`;
  if (type.type === 'fixed') return `fixed[${type.length}]`;
  return type.type;
}

function mismatch(type: AnyPrimitiveType, value: unknown): SingleValueError {
  return new SingleValueError(
    'type-mismatch',
    `cannot encode ${typeof value} ${String(value)} as Iceberg ${typeName(type)}; see single-value.ts for the accepted representation`,
    { type: typeName(type) },
  );
}

function fixedWidth(bytes: number, write: (view: DataView) => void): Uint8Array {
  const out = new Uint8Array(bytes);
  write(new DataView(out.buffer));
  return out;
}

function toInt32(type: AnyPrimitiveType, value: SingleValue): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw mismatch(type, value);
  if (value < INT32_MIN || value > INT32_MAX) {
    throw new SingleValueError('out-of-range', `${value} does not fit Iceberg ${typeName(type)} (int32)`, {
      value,
    });
  }
  return value;
}

function toInt64(type: AnyPrimitiveType, value: SingleValue): bigint {
  let big: bigint;
  if (typeof value === 'bigint') big = value;
  else if (typeof value === 'number' && Number.isSafeInteger(value)) big = BigInt(value);
  else throw mismatch(type, value);
  if (big < INT64_MIN || big > INT64_MAX) {
    throw new SingleValueError('out-of-range', `${big} does not fit Iceberg ${typeName(type)} (int64)`, {
      value: big,
    });
  }
  return big;
}

/** Parses a canonical UUID string (`8-4-4-4-12` hex) into its 16 big-endian bytes. */
export function uuidToBytes(uuid: string): Uint8Array {
  const hex = uuid.replaceAll('-', '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex) || uuid.length !== 36) {
    throw new SingleValueError('type-mismatch', `"${uuid}" is not a canonical UUID string`, { uuid });
  }
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Formats 16 big-endian bytes as a canonical lower-case UUID string. */
export function bytesToUuid(bytes: Uint8Array): string {
  if (bytes.length !== 16) {
    throw new SingleValueError('bad-length', `a UUID has 16 bytes, got ${bytes.length}`, {
      length: bytes.length,
    });
  }
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Minimal-length two's-complement big-endian bytes of a signed integer (Java `BigInteger.toByteArray`). */
export function bigintToTwosComplement(value: bigint): Uint8Array {
  const bytes: number[] = [];
  let v = value;
  // Emit low bytes until the remaining value is pure sign extension of the last byte's top bit.
  for (;;) {
    const byte = Number(BigInt.asUintN(8, v));
    bytes.push(byte);
    v >>= 8n;
    const signBit = (byte & 0x80) !== 0;
    if ((v === 0n && !signBit) || (v === -1n && signBit)) break;
  }
  return Uint8Array.from(bytes.reverse());
}

/** Reads big-endian two's-complement bytes as a signed integer. */
export function twosComplementToBigint(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return BigInt.asIntN(bytes.length * 8, v);
}

/** Encodes one value of a primitive Iceberg type as Appendix D bytes. */
export function encodeSingleValue(type: AnyPrimitiveType, value: SingleValue): Uint8Array {
  switch (type.type) {
    case 'boolean':
      if (typeof value !== 'boolean') throw mismatch(type, value);
      return Uint8Array.of(value ? 1 : 0);
    case 'int':
    case 'date': {
      const v = toInt32(type, value);
      return fixedWidth(4, (d) => d.setInt32(0, v, true));
    }
    case 'long':
    case 'time':
    case 'timestamp':
    case 'timestamptz': {
      const v = toInt64(type, value);
      return fixedWidth(8, (d) => d.setBigInt64(0, v, true));
    }
    case 'float':
      if (typeof value !== 'number') throw mismatch(type, value);
      return fixedWidth(4, (d) => d.setFloat32(0, value, true));
    case 'double':
      if (typeof value !== 'number') throw mismatch(type, value);
      return fixedWidth(8, (d) => d.setFloat64(0, value, true));
    case 'string':
      if (typeof value !== 'string') throw mismatch(type, value);
      return encoder.encode(value);
    case 'uuid':
      if (typeof value === 'string') return uuidToBytes(value);
      if (value instanceof Uint8Array && value.length === 16) return value.slice();
      throw mismatch(type, value);
    case 'fixed':
      if (!(value instanceof Uint8Array)) throw mismatch(type, value);
      if (value.length !== type.length) {
        throw new SingleValueError('bad-length', `fixed[${type.length}] value has ${value.length} bytes`, {
          length: value.length,
        });
      }
      return value.slice();
    case 'binary':
      if (!(value instanceof Uint8Array)) throw mismatch(type, value);
      return value.slice();
    case 'decimal': {
      if (typeof value !== 'bigint') throw mismatch(type, value);
      const limit = 10n ** BigInt(type.precision);
      if (value <= -limit || value >= limit) {
        throw new SingleValueError(
          'out-of-range',
          `unscaled value ${value} has more than ${type.precision} digits for ${typeName(type)}`,
          { value },
        );
      }
      return bigintToTwosComplement(value);
    }
  }
}

function expectLength(type: AnyPrimitiveType, bytes: Uint8Array, length: number): DataView {
  if (bytes.length !== length) {
    throw new SingleValueError(
      'bad-length',
      `an Iceberg ${typeName(type)} single value has ${length} bytes, got ${bytes.length}`,
      { length: bytes.length },
    );
  }
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Decodes Appendix D bytes. Bounds written before a type promotion keep their
 * old width (spec: "Schema Evolution"), so a 4-byte value decodes as `long`
 * (int-era) and as `double` (float-era).
 */
export function decodeSingleValue(type: AnyPrimitiveType, bytes: Uint8Array): SingleValue {
  switch (type.type) {
    case 'boolean':
      return expectLength(type, bytes, 1).getUint8(0) !== 0;
    case 'int':
    case 'date':
      return expectLength(type, bytes, 4).getInt32(0, true);
    case 'long':
      if (bytes.length === 4) return BigInt(expectLength(type, bytes, 4).getInt32(0, true));
      return expectLength(type, bytes, 8).getBigInt64(0, true);
    case 'time':
    case 'timestamp':
    case 'timestamptz':
      return expectLength(type, bytes, 8).getBigInt64(0, true);
    case 'float':
      return expectLength(type, bytes, 4).getFloat32(0, true);
    case 'double':
      if (bytes.length === 4) return expectLength(type, bytes, 4).getFloat32(0, true);
      return expectLength(type, bytes, 8).getFloat64(0, true);
    case 'string':
      try {
        return decoder.decode(bytes);
      } catch (cause) {
        throw new SingleValueError('type-mismatch', 'string bound is not valid UTF-8', { cause });
      }
    case 'uuid':
      return bytesToUuid(bytes);
    case 'fixed':
      expectLength(type, bytes, type.length);
      return bytes.slice();
    case 'binary':
      return bytes.slice();
    case 'decimal':
      return twosComplementToBigint(bytes);
  }
}

/** Default width of the `truncate(N)` metrics mode (`write.metadata.metrics.default`). */
export const DEFAULT_TRUNCATE_WIDTH = 16;

/** The first `width` Unicode code points of `value`: a valid lower bound for every string it prefixes. */
export function truncateStringLower(value: string, width: number): string {
  let end = 0;
  let points = 0;
  while (end < value.length && points < width) {
    end += (value.codePointAt(end) ?? 0) > 0xffff ? 2 : 1;
    points++;
  }
  return value.slice(0, end);
}

/**
 * An upper bound for every string that `value` prefixes-or-equals, at most
 * `width` code points long: `value` itself when short enough, else its first
 * `width` code points with the last one incremented (carrying leftwards past
 * U+10FFFF and skipping the surrogate range). `undefined` when no such bound
 * exists, in which case the upper bound must be omitted.
 */
export function truncateStringUpper(value: string, width: number): string | undefined {
  const points = Array.from(value, (c) => c.codePointAt(0) ?? 0);
  if (points.length <= width) return value;
  const kept = points.slice(0, width);
  for (let i = kept.length - 1; i >= 0; i--) {
    let next = (kept[i] ?? 0) + 1;
    if (next >= 0xd800 && next <= 0xdfff) next = 0xe000;
    if (next <= 0x10ffff) {
      kept[i] = next;
      return String.fromCodePoint(...kept.slice(0, i + 1));
    }
  }
  return undefined;
}

/** The first `width` bytes of `value`: a valid lower bound. */
export function truncateBinaryLower(value: Uint8Array, width: number): Uint8Array {
  return value.length <= width ? value : value.slice(0, width);
}

/**
 * An upper bound at most `width` bytes long: `value` itself when short
 * enough, else its first `width` bytes with the last non-0xFF byte incremented
 * and the rest dropped. `undefined` when every kept byte is 0xFF.
 */
export function truncateBinaryUpper(value: Uint8Array, width: number): Uint8Array | undefined {
  if (value.length <= width) return value;
  for (let i = width - 1; i >= 0; i--) {
    const b = value[i] ?? 0xff;
    if (b !== 0xff) {
      const out = value.slice(0, i + 1);
      out[i] = b + 1;
      return out;
    }
  }
  return undefined;
}

/**
 * Applies `truncate(width)` to a lower bound. Only string and binary are
 * truncated (as Java does); other types are returned unchanged.
 */
export function truncateLowerBound(type: AnyPrimitiveType, value: SingleValue, width: number): SingleValue {
  if (type.type === 'string' && typeof value === 'string') return truncateStringLower(value, width);
  if (type.type === 'binary' && value instanceof Uint8Array) return truncateBinaryLower(value, width);
  return value;
}

/**
 * Applies `truncate(width)` to an upper bound, rounding up; `undefined` means
 * the bound must be omitted.
 */
export function truncateUpperBound(
  type: AnyPrimitiveType,
  value: SingleValue,
  width: number,
): SingleValue | undefined {
  if (type.type === 'string' && typeof value === 'string') return truncateStringUpper(value, width);
  if (type.type === 'binary' && value instanceof Uint8Array) return truncateBinaryUpper(value, width);
  return value;
}
