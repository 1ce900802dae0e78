import { EventError } from './event-error.ts';
import { describe } from './ingest-body.ts';

// ISO 8601 / RFC 3339 date-time: date, 'T' or space, time with optional fraction, optional zone.
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * Microseconds since the Unix epoch (UTC) of an ISO 8601 timestamp, the unit
 * of Iceberg `timestamptz`. A timestamp without a zone is read as UTC. Throws
 * `bad-timestamp` naming the field and the value for anything else.
 */
export function timestampMicros(value: unknown, field = 'timestamp'): number {
  if (typeof value !== 'string') throw bad(value, field);
  const utc = utcMicros(value, field);
  if (utc !== undefined) return utc;
  const m = ISO_DATE_TIME.exec(value);
  if (m === null) throw bad(value, field);
  const [, year, month, day, hour = '00', minute = '00', second = '00', fraction = '', zone = 'Z'] = m;
  const normalisedZone =
    zone === 'z'
      ? 'Z'
      : zone.length === 3
        ? `${zone}:00`
        : zone.includes(':') || zone === 'Z'
          ? zone
          : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const millis = Date.parse(`${year}-${month}-${day}T${hour}:${minute}:${second}${normalisedZone}`);
  if (
    Number.isNaN(millis) ||
    !validCalendar(Number(year), Number(month), Number(day), Number(hour), Number(minute), Number(second))
  )
    throw bad(value, field);
  const micros = Number(fraction.padEnd(6, '0').slice(0, 6));
  return millis * 1000 + micros;
}

/**
 * The common case, what `toISOString()` writes (`2024-01-15T12:00:00.123Z`,
 * any number of fraction digits up to 9), read digit by digit; undefined for
 * any other form, which the general path then reads.
 */
function utcMicros(value: string, field: string): number | undefined {
  const n = value.length;
  if (n < 20 || n > 30 || value.charCodeAt(n - 1) !== 90 /* Z */) return undefined;
  if (value[4] !== '-' || value[7] !== '-' || value[10] !== 'T' || value[13] !== ':' || value[16] !== ':')
    return undefined;
  const y = digits(value, 0, 4);
  const mo = digits(value, 5, 2);
  const d = digits(value, 8, 2);
  const h = digits(value, 11, 2);
  const mi = digits(value, 14, 2);
  const s = digits(value, 17, 2);
  // Date.UTC reads years 0-99 as 1900-1999: leave those to the general path.
  if (y < 100 || mo < 0 || d < 0 || h < 0 || mi < 0 || s < 0) return undefined;
  let micros = 0;
  if (n > 20) {
    const fractionDigits = n - 21;
    if (value[19] !== '.' || fractionDigits < 1 || fractionDigits > 9) return undefined;
    const fraction = digits(value, 20, fractionDigits);
    if (fraction < 0) return undefined;
    micros =
      fractionDigits <= 6
        ? fraction * 10 ** (6 - fractionDigits)
        : Math.floor(fraction / 10 ** (fractionDigits - 6));
  }
  // Second 60 (a leap second) is refused, as the general path's Date.parse refuses it.
  if (s === 60 || !validCalendar(y, mo, d, h, mi, s)) throw bad(value, field);
  return Date.UTC(y, mo - 1, d, h, mi, s) * 1000 + micros;
}

/** The decimal number in `value[from, from + count)`, or -1 when any of it is not a digit. */
function digits(value: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const c = value.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** ISO 8601 (UTC, microsecond precision trimmed to what is set) of epoch microseconds. */
export function isoFromMicros(micros: number): string {
  const millis = Math.floor(micros / 1000);
  const rest = micros - millis * 1000;
  const iso = new Date(millis).toISOString();
  return rest === 0 ? iso : `${iso.slice(0, -1)}${String(rest).padStart(3, '0')}Z`;
}

/**
 * Whether a timestamp that `timestampMicros` accepted is already what
 * `isoFromMicros` would write for it: `toISOString()`'s shape, milliseconds
 * and `Z` (the fast path checked its digits and calendar).
 */
export function isCanonicalIso(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length === 24 &&
    value.charCodeAt(23) === 90 /* Z */ &&
    value[19] === '.' &&
    value[10] === 'T' &&
    value.charCodeAt(0) !== 48 /* a year below 1000 */
  );
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validCalendar(y: number, mo: number, d: number, h: number, mi: number, s: number): boolean {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 60) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (mo === 2 && leap ? 29 : (DAYS_IN_MONTH[mo - 1] ?? 31));
}

function bad(value: unknown, field: string): EventError {
  return new EventError(
    'bad-timestamp',
    `field '${field}' must be an ISO 8601 date-time such as 2024-01-01T12:00:00Z, got ${describe(value)}`,
    { field },
  );
}
