/**
 * The traffic the dashboard's end-to-end test sends: a small site over the
 * last six days plus a burst in the last minutes, with referrers, UTM tags,
 * countries, browsers, videos and custom events, and what the dashboard must
 * show for it. Deterministic for a given `nowMs`.
 */
import { eventId, pageView, videoEvent } from './collector-helpers.ts';

export const PROJECT = 'docs-site';
export const ORIGIN = 'https://iceberg.example';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Pages by weight: the first is the most viewed. */
const PAGES: readonly (readonly [path: string, title: string, weight: number])[] = [
  ['/', 'Analytics on Iceberg', 9],
  ['/blog/iceberg-on-workers', 'Iceberg on Workers', 6],
  ['/pricing', 'Pricing', 4],
  ['/docs/getting-started', 'Getting started', 3],
  ['/about', 'About', 1],
];
const REFERRERS = [
  null,
  null,
  'https://news.ycombinator.com/',
  'https://www.google.com/',
  'https://github.com/',
];
const COUNTRIES = ['US', 'DE', 'GB', 'US', 'FR', 'JP', 'US', 'IN', 'BR', 'DE'];
const CLIENTS = [
  { browser: 'Chrome', os: 'macOS', device_type: 'desktop' },
  { browser: 'Safari', os: 'iOS', device_type: 'mobile' },
  { browser: 'Firefox', os: 'Windows', device_type: 'desktop' },
  { browser: 'Chrome', os: 'Android', device_type: 'mobile' },
  { browser: 'Edge', os: 'Windows', device_type: 'desktop' },
];

export interface DashboardTraffic {
  readonly pageViews: Record<string, unknown>[];
  readonly videoEvents: Record<string, unknown>[];
  readonly customEvents: Record<string, unknown>[];
  readonly expected: {
    readonly pageviews: number;
    readonly visitors: number;
    readonly sessions: number;
    /** Path of the most viewed page. */
    readonly topPage: string;
    readonly topPageViews: number;
    /** Page views per path. */
    readonly viewsByPath: Readonly<Record<string, number>>;
    /** Events per type (page_view, video_event and the custom types). */
    readonly eventsByType: Readonly<Record<string, number>>;
    readonly videoPlays: number;
    /** Page views in the last 20 minutes (inside the realtime window however long the test takes). */
    readonly recentPageviews: number;
  };
}

/** The test's events, timestamped relative to `nowMs`. */
export function dashboardTraffic(nowMs: number): DashboardTraffic {
  const weighted = PAGES.flatMap(([path, title, weight]) =>
    Array.from({ length: weight }, () => ({ path, title })),
  );
  const pageViews: Record<string, unknown>[] = [];
  const visitors = new Set<string>();
  const sessions = new Set<string>();
  const perPage = new Map<string, number>();
  let recent = 0;
  const total = 150;
  for (let i = 0; i < total; i++) {
    const page = weighted[(i * 7) % weighted.length]!;
    // The first 24 views land in the last 20 minutes; the rest spread over the
    // last 5 days (always inside "last 7 days", whatever the time of day).
    const ts = i < 24 ? nowMs - (1 + (i % 18)) * MINUTE : nowMs - (1 + ((i * 37) % 118)) * HOUR;
    if (i < 24) recent++;
    const session = `sess-${i % 41}`;
    const user = i % 3 === 0 ? undefined : `user-${i % 29}`;
    visitors.add(user ?? session);
    sessions.add(session);
    perPage.set(page.path, (perPage.get(page.path) ?? 0) + 1);
    const referrer = REFERRERS[i % REFERRERS.length];
    const utm =
      i % 6 === 0
        ? { utm_source: 'newsletter', utm_medium: 'email', utm_campaign: 'december-launch' }
        : i % 10 === 1
          ? { utm_source: 'mastodon', utm_medium: 'social', utm_campaign: 'december-launch' }
          : {};
    pageViews.push(
      pageView({
        event_id: eventId(71, i),
        timestamp: new Date(ts).toISOString(),
        project_id: PROJECT,
        session_id: session,
        ...(user ? { user_id: user } : {}),
        page_url: `${ORIGIN}${page.path}`,
        page_title: page.title,
        ...(referrer ? { referrer } : {}),
        ...utm,
        time_on_page: 20 + ((i * 13) % 140),
        country: COUNTRIES[i % COUNTRIES.length],
        ...CLIENTS[i % CLIENTS.length],
      }),
    );
  }
  const [topPage, topPageViews] = [...perPage.entries()].sort((a, b) => b[1] - a[1])[0]!;

  const videoEvents: Record<string, unknown>[] = [];
  for (let i = 0; i < 24; i++) {
    const video = i % 3 === 0 ? 'workers-deep-dive' : 'intro-to-iceberg';
    const at = nowMs - (2 + ((i * 11) % 100)) * HOUR;
    const session = `sess-${i % 41}`;
    videoEvents.push(
      videoEvent({
        event_id: eventId(72, i * 2),
        timestamp: new Date(at).toISOString(),
        project_id: PROJECT,
        session_id: session,
        video_id: video,
        action: 'play',
        position: 0,
        duration: 600,
      }),
      videoEvent({
        event_id: eventId(72, i * 2 + 1),
        timestamp: new Date(at + 5 * MINUTE).toISOString(),
        project_id: PROJECT,
        session_id: session,
        video_id: video,
        action: i % 4 === 0 ? 'pause' : 'complete',
        position: i % 4 === 0 ? 140 + i : 600,
        duration: 600,
      }),
    );
  }

  const customEvents = Array.from({ length: 9 }, (_, i) => ({
    specversion: '1.0',
    type: i % 3 === 0 ? 'purchase' : 'signup',
    source: `${ORIGIN}/pricing`,
    id: eventId(73, i),
    time: new Date(nowMs - (3 + i * 7) * HOUR).toISOString(),
    data: { plan: i % 2 === 0 ? 'pro' : 'team' },
  }));

  return {
    pageViews,
    videoEvents,
    customEvents,
    expected: {
      pageviews: total,
      visitors: visitors.size,
      sessions: sessions.size,
      topPage,
      topPageViews,
      viewsByPath: Object.fromEntries(perPage),
      eventsByType: {
        page_view: total,
        video_event: videoEvents.length,
        signup: customEvents.filter((e) => e.type === 'signup').length,
        purchase: customEvents.filter((e) => e.type === 'purchase').length,
      },
      videoPlays: videoEvents.filter((e) => e.action === 'play').length,
      recentPageviews: recent,
    },
  };
}
