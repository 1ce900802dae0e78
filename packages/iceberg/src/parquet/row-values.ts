/**
 * The values the Parquet writer accepts in rows, and the one canonical form
 * it turns them into (the same form `readParquet` returns). Rows are plain
 * objects keyed by column name; a missing key or `undefined` is null.
 *
 * | Iceberg type | accepted input | canonical value |
 * |---|---|---|
 * | boolean | `boolean` | `boolean` |
 * | int | integer `number` | `number` |
 * | long | `bigint`, safe-integer `number` | `bigint` |
 * | float, double | `number` | `number` |
 * | date | days `number`, `'YYYY-MM-DD'`, `Date` (UTC day) | days `number` |
 * | time | µs `bigint`, `'HH:MM:SS[.ffffff]'` | µs `bigint` |
 * | timestamp, timestamptz | µs `bigint`, `Date`, ISO-8601 string | µs since epoch `bigint` |
 * | string | `string` | `string` |
 * | uuid | canonical `string`, 16-byte `Uint8Array` | lower-case `string` |
 * | fixed[L], binary | `Uint8Array` | `Uint8Array` |
 * | decimal(P,S) | unscaled `bigint`, decimal `string` (`'12.34'`) | unscaled `bigint` |
 * | struct | object | object |
 * | list | array | array |
 * | map | `Map`, or object for string keys | `Map` |
 *
 * Timestamps are never plain numbers: milliseconds and microseconds are too
 * easy to mix up. ISO strings keep up to microsecond precision (digits beyond
 * the sixth are rejected, not rounded); a string without an offset is read as
 * UTC.
 */
import { IcebergError } from '../errors.ts';
import { bytesToUuid, uuidToBytes } from '../spec/single-value.ts';
import type { AnyPrimitiveType, IcebergType, NestedField } from '../spec/types.ts';

/** One row as the writer accepts it. */
export type Row = Readonly<Record<string, unknown>>;

const MICROS_PER_DAY = 86_400_000_000n;

function invalid(path: string, type: string, value: unknown, expected: string): IcebergError {
  const shown =
    typeof value === 'bigint' ? `${value}n` : typeof value === 'string' ? `"${value}"` : String(value);
  return new IcebergError(
    'invalid-argument',
    `column ${path} (${type}) got ${typeof value} ${shown}; expected ${expected}`,
    { column: path, type },
  );
}

const ISO_TIMESTAMP =
  /^(\d{4,}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Parses an ISO-8601 timestamp into microseconds since the epoch, keeping all six fraction digits. */
export function parseTimestampMicros(text: string): bigint | undefined {
  const m = ISO_TIMESTAMP.exec(text.trim());
  if (!m) return undefined;
  const [, day, hh, mm, ss = '00', frac = '', zone = 'Z'] = m;
  const offset =
    zone.toUpperCase() === 'Z'
      ? 'Z'
      : zone.length === 3
        ? `${zone}:00`
        : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  const millis = Date.parse(`${day}T${hh}:${mm}:${ss}${offset}`);
  if (Number.isNaN(millis)) return undefined;
  return BigInt(millis) * 1000n + BigInt(frac.padEnd(6, '0'));
}

/** Formats microseconds since the epoch as ISO-8601 UTC with six fraction digits. */
export function formatTimestampMicros(micros: bigint): string {
  const millis = micros / 1000n - (micros % 1000n < 0n ? 1n : 0n);
  const sub = micros - millis * 1000n;
  const iso = new Date(Number(millis)).toISOString(); // …THH:MM:SS.mmmZ
  return `${iso.slice(0, -1)}${String(sub).padStart(3, '0')}Z`;
}

function parseDateDays(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  const millis = Date.parse(`${text}T00:00:00Z`);
  return Number.isNaN(millis) ? undefined : millis / 86_400_000;
}

function parseTimeMicros(text: string): bigint | undefined {
  const m = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?$/.exec(text);
  if (!m) return undefined;
  const [, hh, mm, ss = '0', frac = ''] = m;
  const seconds = (Number(hh) * 60 + Number(mm)) * 60 + Number(ss);
  return BigInt(seconds) * 1_000_000n + BigInt(frac.padEnd(6, '0'));
}

function parseDecimal(text: string, scale: number): bigint | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const [, sign, whole = '', frac = ''] = m;
  if (frac.length > scale) return undefined;
  const unscaled = BigInt(`${whole || '0'}${frac.padEnd(scale, '0')}`);
  return sign === '-' ? -unscaled : unscaled;
}

/** Converts one accepted primitive value into its canonical form (see the table above); `null` stays null. */
export function canonicalPrimitive(type: AnyPrimitiveType, value: unknown, path: string): unknown {
  if (value === null || value === undefined) return null;
  switch (type.type) {
    case 'boolean':
      if (typeof value === 'boolean') return value;
      throw invalid(path, type.type, value, 'a boolean');
    case 'int':
      if (typeof value === 'number' && Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31) {
        return value;
      }
      throw invalid(path, type.type, value, 'a 32-bit integer number');
    case 'long':
      if (typeof value === 'bigint' && BigInt.asIntN(64, value) === value) return value;
      if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
      throw invalid(path, type.type, value, 'a bigint or a safe-integer number');
    case 'float':
    case 'double':
      if (typeof value === 'number') return value;
      throw invalid(path, type.type, value, 'a number');
    case 'date': {
      if (typeof value === 'number' && Number.isInteger(value)) return value;
      if (value instanceof Date && !Number.isNaN(value.getTime()))
        return Math.floor(value.getTime() / 86_400_000);
      const days = typeof value === 'string' ? parseDateDays(value) : undefined;
      if (days !== undefined) return days;
      throw invalid(path, type.type, value, "days since 1970-01-01, 'YYYY-MM-DD' or a Date");
    }
    case 'time': {
      if (typeof value === 'bigint' && value >= 0n && value < MICROS_PER_DAY) return value;
      const micros = typeof value === 'string' ? parseTimeMicros(value) : undefined;
      if (micros !== undefined) return micros;
      throw invalid(path, type.type, value, "microseconds since midnight (bigint) or 'HH:MM:SS.ffffff'");
    }
    case 'timestamp':
    case 'timestamptz': {
      if (typeof value === 'bigint' && BigInt.asIntN(64, value) === value) return value;
      if (value instanceof Date && !Number.isNaN(value.getTime())) return BigInt(value.getTime()) * 1000n;
      const micros = typeof value === 'string' ? parseTimestampMicros(value) : undefined;
      if (micros !== undefined) return micros;
      throw invalid(
        path,
        type.type,
        value,
        'microseconds since epoch (bigint), a Date or an ISO-8601 string',
      );
    }
    case 'string':
      if (typeof value === 'string') return value;
      throw invalid(path, type.type, value, 'a string');
    case 'uuid':
      if (typeof value === 'string') return bytesToUuid(uuidToBytes(value));
      if (value instanceof Uint8Array && value.length === 16) return bytesToUuid(value);
      throw invalid(path, type.type, value, 'a UUID string or 16 bytes');
    case 'fixed':
      if (value instanceof Uint8Array && value.length === type.length) return value;
      throw invalid(path, `fixed[${type.length}]`, value, `a Uint8Array of ${type.length} bytes`);
    case 'binary':
      if (value instanceof Uint8Array) return value;
      throw invalid(path, type.type, value, 'a Uint8Array');
    case 'decimal': {
      const name = `decimal(${type.precision}, ${type.scale})`;
      const unscaled =
        typeof value === 'bigint'
          ? value
          : typeof value === 'string'
            ? parseDecimal(value, type.scale)
            : undefined;
      const limit = 10n ** BigInt(type.precision);
      if (unscaled !== undefined && unscaled > -limit && unscaled < limit) return unscaled;
      throw invalid(
        path,
        name,
        value,
        `an unscaled bigint or a decimal string with at most ${type.scale} fraction digits`,
      );
    }
  }
}

/**
 * Converts a whole value of any Iceberg type into canonical form, checking
 * required fields. `path` names the column in error messages.
 */
export function canonicalValue(type: IcebergType, value: unknown, path: string): unknown {
  if (value === null || value === undefined) return null;
  switch (type.type) {
    case 'struct': {
      if (typeof value !== 'object' || Array.isArray(value) || value instanceof Uint8Array) {
        throw invalid(path, 'struct', value, 'an object');
      }
      return canonicalStruct(type.fields, value as Row, `${path}.`);
    }
    case 'list': {
      if (!Array.isArray(value)) throw invalid(path, 'list', value, 'an array');
      return value.map((element, i) => {
        const out = canonicalValue(type.element, element, `${path}[${i}]`);
        if (out === null && type.elementRequired) throw missing(`${path}[${i}]`);
        return out;
      });
    }
    case 'map': {
      const entries =
        value instanceof Map
          ? [...value.entries()]
          : typeof value === 'object' && !Array.isArray(value)
            ? Object.entries(value)
            : undefined;
      if (!entries) throw invalid(path, 'map', value, 'a Map or an object');
      const out = new Map<unknown, unknown>();
      for (const [k, v] of entries) {
        const key = canonicalValue(type.key, k, `${path}.key`);
        if (key === null) throw missing(`${path}.key`);
        const val = canonicalValue(type.value, v, `${path}[${String(k)}]`);
        if (val === null && type.valueRequired) throw missing(`${path}[${String(k)}]`);
        out.set(key, val);
      }
      return out;
    }
    default:
      return canonicalPrimitive(type, value, path);
  }
}

function missing(path: string): IcebergError {
  return new IcebergError('invalid-argument', `required column ${path} is null or missing`, { column: path });
}

/**
 * Canonicalises one row (or struct) against its fields; unknown keys are
 * ignored. When every field is present and already canonical, the input
 * object itself is returned (no copy: the write path's hot case); otherwise a
 * new object holding exactly the schema's fields.
 */
export function canonicalStruct(
  fields: readonly NestedField[],
  row: Row,
  prefix = '',
): Record<string, unknown> {
  let out: Record<string, unknown> | undefined;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    const raw = row[f.name];
    const t = f.type.type;
    // Fast paths for values already in canonical form; the column path is only built for errors.
    const same =
      raw === null ||
      (t === 'string' && typeof raw === 'string') ||
      (t === 'int' && typeof raw === 'number' && (raw | 0) === raw) ||
      ((t === 'double' || t === 'float') && typeof raw === 'number') ||
      (t === 'boolean' && typeof raw === 'boolean') ||
      ((t === 'timestamptz' || t === 'timestamp' || t === 'long') &&
        typeof raw === 'bigint' &&
        BigInt.asIntN(64, raw) === raw);
    const value = same ? raw : raw === undefined ? null : canonicalValue(f.type, raw, prefix + f.name);
    if (value === null && f.required) throw missing(prefix + f.name);
    if (!out && !same) {
      out = {};
      for (let j = 0; j < i; j++) out[fields[j]!.name] = row[fields[j]!.name];
    }
    if (out) out[f.name] = value;
  }
  return out ?? (row as Record<string, unknown>);
}
