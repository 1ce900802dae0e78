import type { Interval } from '@analytics/client';

/**
 * How numbers, shares, durations and instants are written on the dashboard.
 * Every function takes the locale so tests pin it; the page passes the
 * browser's. Instants are always shown in UTC, the time zone of the API's
 * buckets.
 */

/** A count: grouped digits below 10,000, compact above (`12.3K`, `4.5M`); the exact value goes in a title. */
export function formatCount(n: number, locale?: string): string {
  if (Math.abs(n) < 10_000) return new Intl.NumberFormat(locale).format(n);
  return new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(n);
}

/** A count with every digit (`12,345`). */
export function formatExact(n: number, locale?: string): string {
  return new Intl.NumberFormat(locale).format(n);
}

/** A ratio 0..1 as a percentage with at most one decimal (`45.7%`). */
export function formatPercent(ratio: number, locale?: string): string {
  if (!Number.isFinite(ratio)) return '—';
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(ratio);
}

/** Seconds as `42s`, `1m 05s` or `2h 03m`. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

function utc(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', hourCycle: 'h23', ...options });
}

/**
 * An axis label for a bucket start: `Jan 15` for days; `14:00` for hours and
 * minutes, with the date when the range spans several days (`Jan 15, 14:00`).
 */
export function formatBucket(iso: string, interval: Interval, multiDay: boolean, locale?: string): string {
  const d = new Date(iso);
  if (interval === 'DAY') return utc(locale, { month: 'short', day: 'numeric' }).format(d);
  const time = utc(locale, { hour: '2-digit', minute: '2-digit' }).format(d);
  return multiDay ? `${utc(locale, { month: 'short', day: 'numeric' }).format(d)}, ${time}` : time;
}

/** A tooltip heading for a bucket: `Mon, Jan 15, 2024` for a day, `Jan 15, 14:00–15:00 UTC` for an hour. */
export function formatBucketSpan(iso: string, interval: Interval, locale?: string): string {
  const d = new Date(iso);
  if (interval === 'DAY') {
    return utc(locale, { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' }).format(d);
  }
  const step = interval === 'HOUR' ? 3_600_000 : 60_000;
  const time = utc(locale, { hour: '2-digit', minute: '2-digit' });
  const day = utc(locale, { month: 'short', day: 'numeric' }).format(d);
  return `${day}, ${time.format(d)}–${time.format(new Date(d.getTime() + step))} UTC`;
}

/** The days a range covers, for headings: `Jan 9 – Jan 15, 2024` (its end is exclusive). */
export function formatRange(startIso: string, endIso: string, locale?: string): string {
  const start = new Date(startIso);
  const lastDay = new Date(Date.parse(endIso) - 1);
  const withYear = utc(locale, { month: 'short', day: 'numeric', year: 'numeric' });
  if (start.toISOString().slice(0, 10) === lastDay.toISOString().slice(0, 10)) return withYear.format(start);
  const sameYear = start.getUTCFullYear() === lastDay.getUTCFullYear();
  const first = sameYear ? utc(locale, { month: 'short', day: 'numeric' }) : withYear;
  return `${first.format(start)} – ${withYear.format(lastDay)}`;
}

/** A clock time in UTC (`14:05:09 UTC`), for "updated at". */
export function formatClock(ms: number, locale?: string): string {
  return `${utc(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(new Date(ms))} UTC`;
}
