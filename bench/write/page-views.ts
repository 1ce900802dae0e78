/**
 * A deterministic generator of page-view events (SEED.md `PageViewEvent`),
 * with skewed, realistic value distributions: a few projects and hosts, Zipf
 * distributed paths, mostly production traffic, sessions of several views,
 * optional fields missing at plausible rates, timestamps over one day in
 * arrival order with jitter.
 */
import type { Schema } from '../../packages/iceberg/src/spec/types.ts';

/** The page-view table schema (field ids as a new event table would assign them). */
export const pageViewSchema: Schema = {
  schemaId: 0,
  fields: [
    { id: 1, name: 'event_id', required: true, type: { type: 'string' } },
    { id: 2, name: 'timestamp', required: true, type: { type: 'timestamptz' } },
    { id: 3, name: 'session_id', required: true, type: { type: 'string' } },
    { id: 4, name: 'user_id', required: false, type: { type: 'string' } },
    { id: 5, name: 'project_id', required: true, type: { type: 'string' } },
    { id: 6, name: 'environment', required: true, type: { type: 'string' } },
    { id: 7, name: 'version', required: true, type: { type: 'string' } },
    { id: 8, name: 'event_type', required: true, type: { type: 'string' } },
    { id: 9, name: 'page_url', required: true, type: { type: 'string' } },
    { id: 10, name: 'page_title', required: true, type: { type: 'string' } },
    { id: 11, name: 'referrer', required: false, type: { type: 'string' } },
    { id: 12, name: 'utm_source', required: false, type: { type: 'string' } },
    { id: 13, name: 'utm_medium', required: false, type: { type: 'string' } },
    { id: 14, name: 'utm_campaign', required: false, type: { type: 'string' } },
    { id: 15, name: 'country', required: false, type: { type: 'string' } },
    { id: 16, name: 'browser', required: false, type: { type: 'string' } },
    { id: 17, name: 'os', required: false, type: { type: 'string' } },
    { id: 18, name: 'device_type', required: false, type: { type: 'string' } },
    { id: 19, name: 'time_on_page', required: false, type: { type: 'int' } },
  ],
};

/** One generated event; `timestamp` is microseconds since the epoch. */
export interface PageView {
  event_id: string;
  timestamp: bigint;
  session_id: string;
  user_id: string | null;
  project_id: string;
  environment: string;
  version: string;
  event_type: 'page_view';
  page_url: string;
  page_title: string;
  referrer: string | null;
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  country: string | null;
  browser: string | null;
  os: string | null;
  device_type: string | null;
  time_on_page: number | null;
}

/** mulberry32: small, fast, deterministic. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted<T>(random: () => number, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = random() * total;
  for (const [item, w] of items) {
    x -= w;
    if (x < 0) return item;
  }
  return items[items.length - 1]![0];
}

const HOSTS = [
  'https://www.example.com',
  'https://shop.example.com',
  'https://docs.example.org',
  'https://blog.example.net',
];
const SECTIONS = [
  'products',
  'blog',
  'docs',
  'pricing',
  'about',
  'careers',
  'help',
  'account',
  'search',
  'category',
];
const PATHS = Array.from({ length: 2000 }, (_, i) => {
  const section = SECTIONS[i % SECTIONS.length]!;
  return i < 10 ? (i === 0 ? '/' : `/${section}`) : `/${section}/${(i * 2654435761) % 100000}-item-${i}`;
});
const COUNTRIES: [string | null, number][] = [
  ['US', 30],
  ['DE', 9],
  ['GB', 8],
  ['IN', 8],
  ['FR', 6],
  ['BR', 5],
  ['JP', 4],
  ['CA', 4],
  ['NL', 3],
  ['ES', 3],
  ['IT', 3],
  ['AU', 2],
  ['PL', 2],
  ['SE', 2],
  ['MX', 2],
  [null, 1],
];
const BROWSERS: [string | null, number][] = [
  ['Chrome', 64],
  ['Safari', 19],
  ['Edge', 5],
  ['Firefox', 3],
  ['Samsung Internet', 3],
  ['Opera', 2],
  [null, 4],
];
const OSES: [string | null, number][] = [
  ['Windows', 30],
  ['Android', 35],
  ['iOS', 18],
  ['macOS', 10],
  ['Linux', 3],
  [null, 4],
];
const DEVICES: [string | null, number][] = [
  ['mobile', 55],
  ['desktop', 40],
  ['tablet', 4],
  [null, 1],
];
const REFERRERS: [string | null, number][] = [
  [null, 45],
  ['https://www.google.com/', 30],
  ['https://www.bing.com/', 4],
  ['https://t.co/', 3],
  ['https://www.facebook.com/', 4],
  ['https://news.ycombinator.com/', 2],
  ['https://duckduckgo.com/', 2],
  ['internal', 10],
];
const UTM: [[string, string, string] | null, number][] = [
  [null, 80],
  [['google', 'cpc', 'brand-search'], 6],
  [['newsletter', 'email', 'weekly-digest'], 5],
  [['facebook', 'social', 'spring-sale'], 4],
  [['partner', 'referral', 'affiliate-q3'], 3],
  [['twitter', 'social', 'launch'], 2],
];

function hex(random: () => number, digits: number): string {
  let s = '';
  while (s.length < digits)
    s += Math.floor(random() * 0x100000000)
      .toString(16)
      .padStart(8, '0');
  return s.slice(0, digits);
}

function uuidV4(random: () => number): string {
  const h = hex(random, 32);
  const variant = ((Number.parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Generates `count` page views starting at `startMicros`, the same ones for the same seed. */
export function generatePageViews(
  count: number,
  seed = 42,
  startMicros = 1_767_225_600_000_000n,
): PageView[] {
  const random = prng(seed);
  const spanMicros = 86_400_000_000;
  const out: PageView[] = new Array(count);
  let session = {
    id: '',
    user: null as string | null,
    left: 0,
    country: null as string | null,
    browser: null as string | null,
    os: null as string | null,
    device: null as string | null,
    utm: null as [string, string, string] | null,
    host: HOSTS[0]!,
  };
  for (let i = 0; i < count; i++) {
    if (session.left <= 0) {
      session = {
        id: `s_${hex(random, 16)}`,
        user: random() < 0.35 ? `u_${Math.floor(random() * 50_000)}` : null,
        left: 1 + Math.floor(-Math.log(1 - random()) * 4),
        country: weighted(random, COUNTRIES),
        browser: weighted(random, BROWSERS),
        os: weighted(random, OSES),
        device: weighted(random, DEVICES),
        utm: weighted(random, UTM),
        host: HOSTS[Math.floor(random() ** 2 * HOSTS.length)]!,
      };
    }
    session.left--;
    // Zipf-like: low path indexes are far more popular.
    const path = PATHS[Math.floor(PATHS.length * random() ** 3)]!;
    const referrer = weighted(random, REFERRERS);
    const jitter = Math.floor((random() - 0.5) * 2_000_000);
    const ts = startMicros + BigInt(Math.floor((i / count) * spanMicros) + jitter);
    const project = session.host.includes('shop')
      ? 'proj_shop'
      : session.host.includes('docs')
        ? 'proj_docs'
        : 'proj_web';
    out[i] = {
      event_id: uuidV4(random),
      timestamp: ts,
      session_id: session.id,
      user_id: session.user,
      project_id: project,
      environment: random() < 0.93 ? 'production' : 'development',
      version: random() < 0.8 ? '1.4.2' : '1.3.0',
      event_type: 'page_view',
      page_url: `${session.host}${path}`,
      page_title: path === '/' ? 'Home | Example' : `${path.split('/')[2] ?? path.slice(1)} | Example`,
      referrer: referrer === 'internal' ? `${session.host}/` : referrer,
      utm_source: session.utm?.[0] ?? null,
      utm_medium: session.utm?.[1] ?? null,
      utm_campaign: session.utm?.[2] ?? null,
      country: session.country,
      browser: session.browser,
      os: session.os,
      device_type: session.device,
      time_on_page: random() < 0.15 ? null : Math.min(3600, Math.floor(-Math.log(1 - random()) * 45)),
    };
  }
  return out;
}
