/**
 * The benchmark's page views, generated in JavaScript as rows of the real
 * `default.page_views` event table (`@analytics/events` schema), so the table
 * engine writes them exactly as it writes a collector flush.
 *
 * Skewed like real traffic: page popularity, referrers and countries follow
 * power laws; 200 000 users, a third of views anonymous (session only);
 * sessions of six consecutive views. Deterministic: the same (day, index)
 * always gives the same row.
 */
import { tableSchema } from '@analytics/events';
import { type Row, type Schema, schemaFromJson } from '@analytics/iceberg';

/** The benchmark's first day, 00:00 UTC. */
export const START_MS = Date.UTC(2024, 0, 1);
export const DAY_MS = 86_400_000;

/** The page_views schema the collector creates (ids 1..n, hidden hour partitioning). */
export const pageViewSchema: Schema = schemaFromJson(
  tableSchema('page_views') as unknown as Parameters<typeof schemaFromJson>[0],
);

/** murmur3's 32-bit finaliser over a few integers: a cheap deterministic hash. */
export function mix(a: number, b: number, c: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x7f4a7c15, 0xc2b2ae35) ^ (c * 0x27d4eb2f);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Uniform in [0, 1) for (day, index, stream). */
function unit(d: number, i: number, stream: number): number {
  return mix(i, d, stream) / 4_294_967_296;
}

/** Four hex digits of every 16-bit value: event ids are built from table lookups, not toString(16). */
const HEX4 = Array.from({ length: 65_536 }, (_, i) => i.toString(16).padStart(4, '0'));

/** A UUID-v4-shaped id, deterministic in (day, index). */
export function eventId(d: number, i: number): string {
  const a = mix(i, d, 11);
  const b = mix(i, d, 12);
  const c = mix(i, d, 13);
  const e = mix(i, d, 14);
  return `${HEX4[a >>> 16]}${HEX4[a & 0xffff]}-${HEX4[b >>> 16]}-4${(HEX4[b & 0xffff] as string).slice(1)}-${HEX4[(c >>> 16) | 0x8000]}-${HEX4[c & 0xffff]}${HEX4[e >>> 16]}${HEX4[e & 0xffff]}`;
}

const REFERRERS = [
  'google.com',
  'twitter.com',
  'news.ycombinator.com',
  'reddit.com',
  'github.com',
  'linkedin.com',
];
const SOURCES = ['newsletter', 'twitter', 'youtube', 'partner'];
const MEDIUMS = ['email', 'social', 'video', 'referral'];
const COUNTRIES = ['US', 'GB', 'DE', 'IN', 'FR', 'CA', 'BR', 'NL', 'ES', 'JP'];
const BROWSERS = ['Chrome', 'Safari', 'Firefox', 'Edge'];
const OSES = ['Windows', 'macOS', 'Linux', 'iOS', 'Android'];
const DEVICES = ['desktop', 'mobile', 'tablet'];

/**
 * Page views `from`..`to` (exclusive) of day `d` of a run with `perDay` views
 * a day, evenly spread over the day in index order.
 */
export function pageViews(d: number, perDay: number, from: number, to: number): Row[] {
  const dayStartMicros = BigInt(START_MS + d * DAY_MS) * 1000n;
  const stepMicros = (BigInt(DAY_MS) * 1000n) / BigInt(perDay);
  const rows: Row[] = new Array(to - from);
  for (let i = from; i < to; i++) {
    const session = Math.floor(i / 6);
    const r1 = unit(d, i, 1);
    const r2 = unit(d, i, 2);
    const r3 = unit(d, i, 3);
    const r4 = unit(d, i, 4);
    const page = Math.floor(r1 ** 3 * 500);
    const utm = r3 >= 0.7;
    const ts = dayStartMicros + BigInt(i) * stepMicros;
    rows[i - from] = {
      event_id: eventId(d, i),
      timestamp: ts,
      session_id: `s${mix(session, d, 21) % 2_000_000}`,
      user_id: i % 3 === 0 ? null : `u${mix(session, d, 22) % 200_000}`,
      project_id: 'academy',
      environment: 'production',
      version: '1',
      event_type: 'page_view',
      page_url: `https://rawkode.academy/${r1 < 0.2 ? '' : `p/${page}`}`,
      page_title: `Page ${page}`,
      referrer: r2 < 0.4 ? null : `https://${REFERRERS[Math.floor(r2 ** 2 * 6)]}/`,
      utm_source: utm ? (SOURCES[Math.floor(r3 * 40) % 4] as string) : null,
      utm_medium: utm ? (MEDIUMS[Math.floor(r3 * 40) % 4] as string) : null,
      utm_campaign: utm ? `campaign-${Math.floor(r3 * 100) % 12}` : null,
      time_on_page: mix(i, d, 5) % 300,
      country: COUNTRIES[Math.floor(r4 ** 2 * 10)] as string,
      browser: BROWSERS[Math.floor(r4 ** 1.5 * 4) % 4] as string,
      os: OSES[i % 5] as string,
      device_type: DEVICES[Math.floor(r2 ** 2 * 3) % 3] as string,
      is_bot: false,
      received_at: ts + 250_000n,
    };
  }
  return rows;
}
