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
  const utc = UTC_DATE_TIME.exec(value);
  if (utc !== null) return utcMicros(utc, value, field);
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

// The common case, what `toISOString()` writes: UTC with 'Z', read without building strings.
const UTC_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z$/;

function utcMicros(m: RegExpExecArray, value: string, field: string): number {
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i]));
  // Second 60 (a leap second) is refused, as the general path's Date.parse refuses it.
  if (s === 60 || !validCalendar(y!, mo!, d!, h!, mi!, s!)) throw bad(value, field);
  const millis = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
  const fraction = m[7] ?? '';
  return millis * 1000 + Number(fraction.padEnd(6, '0').slice(0, 6));
}

/** ISO 8601 (UTC, microsecond precision trimmed to what is set) of epoch microseconds. */
export function isoFromMicros(micros: number): string {
  const millis = Math.floor(micros / 1000);
  const rest = micros - millis * 1000;
  const iso = new Date(millis).toISOString();
  return rest === 0 ? iso : `${iso.slice(0, -1)}${String(rest).padStart(3, '0')}Z`;
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
