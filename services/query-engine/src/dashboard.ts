import { QueryError } from './errors.ts';
import type { QueryEngine } from './query-engine.ts';
import type { BucketStats, RollupCell, RollupDimension } from './rollups.ts';
import { literal } from './sql-text.ts';
import { emptyVideoCell, type VideoCell } from './video-rollups.ts';

/** A half-open event-time interval [startMs, endMs). */
export interface TimeRange {
  readonly startMs: number;
  readonly endMs: number;
}

/** SDL `EventFilter`: omitted fields do not filter. */
export interface EventFilter {
  readonly projectId?: string | null;
  readonly environment?: string | null;
  readonly pathPrefix?: string | null;
}

/** SDL `UniqueCountMode`. */
export type Uniques = 'EXACT' | 'ESTIMATED';

/** SDL `Interval`. */
export type Interval = 'MINUTE' | 'HOUR' | 'DAY';

/** SDL `Dimension` → rollup dimension and column. */
export const dimensions = {
  PAGE: ['page', 'page_url'],
  REFERRER: ['referrer', 'referrer'],
  UTM_SOURCE: ['utm_source', 'utm_source'],
  UTM_MEDIUM: ['utm_medium', 'utm_medium'],
  UTM_CAMPAIGN: ['utm_campaign', 'utm_campaign'],
  COUNTRY: ['country', 'country'],
  BROWSER: ['browser', 'browser'],
  OS: ['os', 'os'],
  DEVICE_TYPE: ['device_type', 'device_type'],
} as const satisfies Record<string, readonly [RollupDimension, string]>;

/** SDL `Dimension`. */
export type Dimension = keyof typeof dimensions;

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/**
 * The dashboard queries of the SDL. Each is answered from the rollups when it
 * can be — hour-aligned range, no filter, and estimated distinct counts
 * allowed — and otherwise by SQL over the `events` view (exact). The result
 * says which (`estimated`).
 */
export class Dashboard {
  readonly #engine: QueryEngine;

  constructor(engine: QueryEngine) {
    this.#engine = engine;
  }

  /** `analytics.eventCounts`. */
  async eventCounts(
    range: TimeRange,
    eventTypes: readonly string[] | null,
    filter: EventFilter,
    uniques: Uniques,
  ) {
    checkRange(range);
    await this.#engine.refreshIfStale();
    if (this.#fromRollups(range, filter, uniques)) {
      const [from, to] = hours(range);
      const types = eventTypes ?? this.#engine.rollups.values('event_type');
      return types
        .map((eventType) => {
          const cell = this.#engine.rollups.range('event_type', eventType, from, to);
          return {
            eventType,
            count: cell.count,
            uniqueUsers: Math.round(cell.visitors.estimate()),
            estimated: true,
          };
        })
        .filter((r) => eventTypes !== null || r.count > 0)
        .sort((a, b) => b.count - a.count);
    }
    if (this.#exactFromRollups(range, filter, uniques)) {
      // Whole days, no filter: counts from the rollups, distinct users from the
      // per-day visitor bitmaps — exact, without scanning events.
      const r = this.#engine.rollups;
      const [from, to] = hours(range);
      const types = eventTypes ?? r.values('event_type');
      return types
        .map((eventType) => ({
          eventType,
          count: r.count('event_type', eventType, from, to),
          uniqueUsers: r.exactVisitors(eventType, range.startMs / DAY_MS, range.endMs / DAY_MS),
          estimated: false,
        }))
        .filter((row) => eventTypes !== null || row.count > 0)
        .sort((x, y) => y.count - x.count);
    }
    const typeFilter = eventTypes
      ? ` AND event_type IN (${eventTypes.map(literal).join(', ') || 'NULL'})`
      : '';
    const distinct = distinctSql('coalesce(user_id, session_id)', uniques);
    const rows = await this.#engine.internalSql(
      `SELECT event_type, count(*) AS n, ${distinct} AS u FROM events WHERE ${this.#where(range, filter)}${typeFilter}
       GROUP BY event_type ORDER BY n DESC`,
      range,
    );
    const found = new Map(rows.map((r) => [String(r.event_type), r]));
    const names = eventTypes ?? rows.map((r) => String(r.event_type));
    return names.map((eventType) => ({
      eventType,
      count: Number(found.get(eventType)?.n ?? 0),
      uniqueUsers: Number(found.get(eventType)?.u ?? 0),
      estimated: uniques === 'ESTIMATED',
    }));
  }

  /** `analytics.traffic`. */
  async traffic(range: TimeRange, interval: Interval, filter: EventFilter, uniques: Uniques) {
    checkRange(range);
    await this.#engine.refreshIfStale();
    const step = interval === 'MINUTE' ? 60_000 : interval === 'HOUR' ? HOUR_MS : 24 * HOUR_MS;
    const buckets: number[] = [];
    for (let b = Math.floor(range.startMs / step) * step; b < range.endMs; b += step) buckets.push(b);
    if (buckets.length > 5_000) {
      throw new QueryError(
        'bad-request',
        `The range has ${buckets.length} ${interval} buckets; at most 5000.`,
      );
    }
    if (interval !== 'MINUTE' && this.#fromRollups(range, filter, uniques)) {
      const r = this.#engine.rollups;
      const points = buckets.map((b) => {
        const from = Math.max(b, range.startMs) / HOUR_MS;
        const to = Math.min(b + step, range.endMs) / HOUR_MS;
        // A whole bucket is one stored cell whose estimate is memoised; only
        // partial buckets at the range's edges merge hours.
        const whole = to - from === step / HOUR_MS;
        const stats = whole
          ? r.bucket('all', '', interval === 'HOUR' ? 'hour' : 'day', b / step)
          : statsOf(r.range('all', '', from, to));
        return {
          bucket: iso(b),
          pageviews: stats?.count ?? 0,
          visitors: Math.round(stats?.visitors ?? 0),
          sessions: Math.round(stats?.sessions ?? 0),
        };
      });
      const total = r.range('all', '', ...hours(range));
      return {
        interval,
        points,
        totalPageviews: total.count,
        totalVisitors: Math.round(total.visitors.estimate()),
        totalSessions: Math.round(total.sessions?.estimate() ?? 0),
        estimated: true,
      };
    }
    const base = `FROM events WHERE ${this.#where(range, filter)} AND event_type = 'page_view'`;
    const v = distinctSql('coalesce(user_id, session_id)', uniques);
    const s = distinctSql('session_id', uniques);
    const rows = await this.#engine.internalSql(
      `SELECT (epoch_ms("timestamp") // ${step}) * ${step} AS b, count(*) AS p, ${v} AS v, ${s} AS s ${base} GROUP BY b`,
      range,
    );
    const totals =
      (await this.#engine.internalSql(`SELECT count(*) AS p, ${v} AS v, ${s} AS s ${base}`, range))[0] ?? {};
    const byBucket = new Map(rows.map((row) => [Number(row.b), row]));
    return {
      interval,
      points: buckets.map((b) => {
        const row = byBucket.get(b);
        return {
          bucket: iso(b),
          pageviews: Number(row?.p ?? 0),
          visitors: Number(row?.v ?? 0),
          sessions: Number(row?.s ?? 0),
        };
      }),
      totalPageviews: Number(totals.p ?? 0),
      totalVisitors: Number(totals.v ?? 0),
      totalSessions: Number(totals.s ?? 0),
      estimated: uniques === 'ESTIMATED',
    };
  }

  /** `analytics.topPages`. */
  async topPages(range: TimeRange, filter: EventFilter, limit: number, uniques: Uniques) {
    checkRange(range);
    await this.#engine.refreshIfStale();
    const n = clampLimit(limit);
    if (this.#fromRollups(range, filter, uniques)) {
      const [from, to] = hours(range);
      return this.#top('page', from, to, n).map(({ value, cell }) => ({
        pageUrl: value,
        pageTitle: cell.title,
        pageviews: cell.count,
        visitors: Math.round(cell.visitors.estimate()),
        averageTimeOnPage: cell.timeOnPageCount > 0 ? cell.timeOnPageSum / cell.timeOnPageCount : null,
        estimated: true,
      }));
    }
    const rows = await this.#engine.internalSql(
      `SELECT ${this.#col('page_url')} AS page_url, arg_max(${this.#col('page_title')}, "timestamp") AS title, count(*) AS p,
         ${distinctSql('coalesce(user_id, session_id)', uniques)} AS v, avg(${this.#col('time_on_page', 'DOUBLE')}) AS t
       FROM events WHERE ${this.#where(range, filter)} AND event_type = 'page_view' AND ${this.#col('page_url')} IS NOT NULL
       GROUP BY 1 ORDER BY p DESC, page_url LIMIT ${n}`,
      range,
    );
    return rows.map((r) => ({
      pageUrl: String(r.page_url),
      pageTitle: r.title === null ? null : String(r.title),
      pageviews: Number(r.p),
      visitors: Number(r.v),
      averageTimeOnPage: r.t === null ? null : Number(r.t),
      estimated: uniques === 'ESTIMATED',
    }));
  }

  /** `analytics.breakdown`. */
  async breakdown(
    dimension: Dimension,
    range: TimeRange,
    filter: EventFilter,
    limit: number,
    uniques: Uniques,
  ) {
    checkRange(range);
    await this.#engine.refreshIfStale();
    const n = clampLimit(limit);
    const [rollupDimension, column] = dimensions[dimension];
    if (this.#fromRollups(range, filter, uniques)) {
      const [from, to] = hours(range);
      const total = this.#engine.rollups.count('all', '', from, to);
      const counted = this.#counts(rollupDimension, from, to);
      const rows = this.#top(rollupDimension, from, to, n).map(({ value, cell }) => ({
        value,
        pageviews: cell.count,
        visitors: Math.round(cell.visitors.estimate()),
        share: total > 0 ? cell.count / total : 0,
      }));
      const shown = rows.reduce((s, r) => s + r.pageviews, 0);
      // Rollups keep no row for a missing value (e.g. direct traffic): it is what the values leave over.
      const missing = total - counted.reduce((s, r) => s + r.count, 0);
      return {
        dimension,
        rows,
        otherPageviews: Math.max(0, total - shown - missing),
        estimated: true,
      };
    }
    const rows = await this.#engine.internalSql(
      `SELECT ${this.#col(column)} AS value, count(*) AS p, ${distinctSql('coalesce(user_id, session_id)', uniques)} AS v,
         sum(count(*)) OVER () AS total
       FROM events WHERE ${this.#where(range, filter)} AND event_type = 'page_view'
       GROUP BY 1 ORDER BY p DESC, value NULLS LAST`,
      range,
    );
    const total = Number(rows[0]?.total ?? 0);
    const top = rows.slice(0, n);
    return {
      dimension,
      rows: top.map((r) => ({
        value: r.value === null ? null : String(r.value),
        pageviews: Number(r.p),
        visitors: Number(r.v),
        share: total > 0 ? Number(r.p) / total : 0,
      })),
      otherPageviews: rows.slice(n).reduce((s, r) => s + Number(r.p), 0),
      estimated: uniques === 'ESTIMATED',
    };
  }

  /**
   * `analytics.videoEngagement`. From the video rollups when it can be
   * (hour-aligned range, no filter, estimated viewers): plays, completions,
   * errors and watch time exact, viewers from sketches. Otherwise SQL over
   * the `events` view.
   */
  async videoEngagement(
    range: TimeRange,
    filter: EventFilter,
    videoIds: readonly string[] | null,
    limit: number,
    uniques: Uniques,
  ) {
    checkRange(range);
    await this.#engine.refreshIfStale();
    if (!['video_id', 'action', 'position'].every((c) => this.#engine.eventColumns.has(c))) {
      return { totals: videoStats(null, {}, uniques), videos: [] };
    }
    if (this.#fromRollups(range, filter, uniques)) {
      const r = this.#engine.rollups;
      const [from, to] = hours(range);
      // Rank by exact counts (cheap), then merge sketches only for the rows shown.
      const ranked = [...new Set(videoIds ?? r.videoValues())]
        .map((video) => ({ video, ...r.videoCounts(video, from, to) }))
        .filter((x) => x.events > 0)
        .sort((a, b) => b.plays - a.plays || (a.video < b.video ? -1 : a.video > b.video ? 1 : 0));
      const shown = ranked.slice(0, clampLimit(limit)).map((x) => r.videoRange(x.video, from, to));
      let totals: VideoCell;
      if (videoIds === null) totals = r.videoRange(null, from, to);
      else {
        // Only the listed videos: their cells added up, their viewer sketches merged.
        totals = emptyVideoCell('');
        for (const { video } of ranked) addVideoCell(totals, r.videoRange(video, from, to));
      }
      return {
        totals: videoStatsOf(null, totals),
        videos: shown.map((cell, i) => videoStatsOf((ranked[i] as { video: string }).video, cell)),
      };
    }
    const ids = videoIds ? ` AND video_id IN (${videoIds.map(literal).join(', ') || 'NULL'})` : '';
    // Watch time: per (session, video), the furthest position reached in the range.
    const v = `WITH v AS (SELECT * FROM events WHERE ${this.#where(range, filter)} AND video_id IS NOT NULL${ids}),
      pairs AS (SELECT video_id, session_id, max(position) AS furthest FROM v GROUP BY ALL)`;
    const counts = `count(*) FILTER (WHERE action = 'play') AS plays,
        count(*) FILTER (WHERE action = 'complete') AS completions,
        count(*) FILTER (WHERE action = 'error') AS errors,
        ${distinctSql('coalesce(user_id, session_id)', uniques)} AS viewers`;
    const totals =
      (
        await this.#engine.internalSql(
          `${v} SELECT ${counts}, (SELECT sum(furthest) FROM pairs) AS watched FROM v`,
          range,
        )
      )[0] ?? {};
    const perVideo = await this.#engine.internalSql(
      `${v}, w AS (SELECT video_id, sum(furthest) AS watched FROM pairs GROUP BY video_id)
      SELECT v.video_id, ${counts}, any_value(w.watched) AS watched
      FROM v JOIN w USING (video_id) GROUP BY v.video_id ORDER BY plays DESC, v.video_id LIMIT ${clampLimit(limit)}`,
      range,
    );
    return {
      totals: videoStats(null, totals, uniques),
      videos: perVideo.map((r) => videoStats(String(r.video_id), r, uniques)),
    };
  }

  /**
   * `analytics.realtime`: committed events of the last `minutes` plus events
   * still buffered in the collector (`buffered`), distinct counts exact. The
   * committed events come from the engine's recent events (kept up to date
   * per commit) when they cover the window, else from SQL; a buffered event
   * whose id was committed meanwhile counts once.
   */
  async realtime(
    nowMs: number,
    minutes: number,
    filter: EventFilter,
    buffered: readonly BufferedEvent[],
    topLimit: number,
  ) {
    const m = Math.min(60, Math.max(1, Math.floor(minutes)));
    const endMs = Math.floor(nowMs / 60_000) * 60_000 + 60_000;
    const startMs = endMs - m * 60_000;
    const range = { startMs, endMs };
    await this.#engine.refreshIfStale();
    const tally = new RealtimeTally(startMs, endMs);
    const r = this.#engine.rollups;
    let committed: (eventId: string) => boolean;
    if (startMs >= r.recentCoveredFromMs) {
      r.scanRecent(startMs, endMs, (row) => {
        if (matches(row, filter)) tally.add(row);
      });
      committed = (id) => r.hasRecentEvent(id);
    } else {
      const rows = await this.#engine.internalSql(
        `SELECT epoch_ms("timestamp") AS ms, event_type, coalesce(user_id, session_id) AS visitor, session_id,
                ${this.#col('page_url')} AS page_url, ${this.#col('page_title')} AS page_title,
                ${this.#col('time_on_page', 'DOUBLE')} AS time_on_page, event_id
         FROM events WHERE ${this.#where(range, filter)}`,
        range,
      );
      const ids = new Set<string>();
      for (const row of rows) {
        ids.add(String(row.event_id));
        tally.add({
          ms: Number(row.ms),
          pageView: row.event_type === 'page_view',
          visitor: row.visitor === null ? null : String(row.visitor),
          session: row.session_id === null ? null : String(row.session_id),
          pageUrl: row.page_url === null ? null : String(row.page_url),
          pageTitle: row.page_title === null ? null : String(row.page_title),
          timeOnPage: row.time_on_page === null ? null : Number(row.time_on_page),
        });
      }
      committed = (id) => ids.has(id);
    }
    const committedEvents = tally.events;
    for (const e of buffered) {
      if (e.ms < startMs || e.ms >= endMs || committed(e.event_id)) continue;
      const row = {
        ms: e.ms,
        pageView: e.event_type === 'page_view',
        visitor: e.user_id ?? e.session_id ?? null,
        session: e.session_id ?? null,
        pageUrl: e.page_url ?? null,
        pageTitle: e.page_title ?? null,
        timeOnPage: e.time_on_page ?? null,
        projectId: e.project_id ?? null,
        environment: e.environment ?? null,
      };
      if (matches(row, filter)) tally.add(row);
    }
    return {
      windowStart: iso(startMs),
      windowEnd: iso(endMs),
      pageviews: tally.pageviews,
      visitors: tally.visitors.size,
      events: tally.events,
      bufferedEvents: tally.events - committedEvents,
      perMinute: tally.perMinute.map((x, i) => ({
        bucket: iso(startMs + i * 60_000),
        pageviews: x.pageviews,
        visitors: x.visitors.size,
        sessions: x.sessions.size,
      })),
      topPages: [...tally.pages]
        .sort((a, b) => b[1].pageviews - a[1].pageviews || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
        .slice(0, clampLimit(topLimit))
        .map(([url, p]) => ({
          pageUrl: url,
          pageTitle: p.title,
          pageviews: p.pageviews,
          visitors: p.visitors.size,
          averageTimeOnPage: p.timed > 0 ? p.timeSum / p.timed : null,
          estimated: false,
        })),
    };
  }

  /** A column of the `events` view, or a typed NULL when no event table has it. */
  #col(name: string, type = 'VARCHAR'): string {
    return this.#engine.eventColumns.has(name) ? `"${name}"` : `CAST(NULL AS ${type})`;
  }

  /** The range and filter as SQL; bots (`is_bot`, flagged by the collector) never count. */
  #where(range: TimeRange, filter: EventFilter): string {
    const bots = this.#engine.eventColumns.has('is_bot') ? ' AND NOT coalesce(is_bot, false)' : '';
    return `${where(range, filter, this.#col('page_url'))}${bots}`;
  }

  #exactFromRollups(range: TimeRange, filter: EventFilter, uniques: Uniques): boolean {
    return (
      uniques === 'EXACT' &&
      !filter.projectId &&
      !filter.environment &&
      !filter.pathPrefix &&
      range.startMs % DAY_MS === 0 &&
      range.endMs % DAY_MS === 0
    );
  }

  #fromRollups(range: TimeRange, filter: EventFilter, uniques: Uniques): boolean {
    return (
      uniques === 'ESTIMATED' &&
      !filter.projectId &&
      !filter.environment &&
      !filter.pathPrefix &&
      range.startMs % HOUR_MS === 0 &&
      range.endMs % HOUR_MS === 0
    );
  }

  #top(
    dimension: RollupDimension,
    from: number,
    to: number,
    n: number,
  ): { value: string; cell: RollupCell }[] {
    const r = this.#engine.rollups;
    // Rank by exact counts (cheap), then merge sketches only for the rows shown.
    return this.#counts(dimension, from, to)
      .slice(0, n)
      .map(({ value }) => ({ value, cell: r.range(dimension, value, from, to) }));
  }

  #counts(dimension: RollupDimension, from: number, to: number): { value: string; count: number }[] {
    const r = this.#engine.rollups;
    return r
      .values(dimension)
      .map((value) => ({ value, count: r.count(dimension, value, from, to) }))
      .filter((x) => x.count > 0)
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  }
}

/** An event still in the collector's buffer, as the realtime query needs it. */
export interface BufferedEvent {
  readonly event_id: string;
  readonly ms: number;
  readonly event_type: string;
  readonly user_id?: string | null;
  readonly session_id?: string | null;
  readonly project_id?: string | null;
  readonly environment?: string | null;
  readonly page_url?: string | null;
  readonly page_title?: string | null;
  readonly time_on_page?: number | null;
}

/** What `realtime` needs of an event, committed or buffered. */
interface RealtimeEvent {
  readonly ms: number;
  readonly pageView: boolean;
  readonly visitor: string | null;
  readonly session: string | null;
  readonly pageUrl: string | null;
  readonly pageTitle: string | null;
  readonly timeOnPage: number | null;
}

/** Exact counts of `realtime` over one window: totals, per minute, per page (page views only, but `events`). */
class RealtimeTally {
  events = 0;
  pageviews = 0;
  readonly visitors = new Set<string>();
  readonly perMinute: { pageviews: number; visitors: Set<string>; sessions: Set<string> }[];
  readonly pages = new Map<
    string,
    {
      pageviews: number;
      visitors: Set<string>;
      title: string | null;
      titleMs: number;
      timeSum: number;
      timed: number;
    }
  >();
  readonly #startMs: number;

  constructor(startMs: number, endMs: number) {
    this.#startMs = startMs;
    this.perMinute = Array.from({ length: (endMs - startMs) / 60_000 }, () => ({
      pageviews: 0,
      visitors: new Set<string>(),
      sessions: new Set<string>(),
    }));
  }

  add(e: RealtimeEvent): void {
    this.events++;
    if (!e.pageView) return;
    this.pageviews++;
    if (e.visitor !== null) this.visitors.add(e.visitor);
    const minute = this.perMinute[Math.floor((e.ms - this.#startMs) / 60_000)];
    if (minute) {
      minute.pageviews++;
      if (e.visitor !== null) minute.visitors.add(e.visitor);
      if (e.session !== null) minute.sessions.add(e.session);
    }
    if (e.pageUrl === null) return;
    let p = this.pages.get(e.pageUrl);
    if (!p) {
      p = {
        pageviews: 0,
        visitors: new Set(),
        title: null,
        titleMs: Number.NEGATIVE_INFINITY,
        timeSum: 0,
        timed: 0,
      };
      this.pages.set(e.pageUrl, p);
    }
    p.pageviews++;
    if (e.visitor !== null) p.visitors.add(e.visitor);
    // The most recent title seen for the page.
    if (e.pageTitle !== null && e.ms >= p.titleMs) {
      p.title = e.pageTitle;
      p.titleMs = e.ms;
    }
    if (e.timeOnPage !== null) {
      p.timeSum += e.timeOnPage;
      p.timed++;
    }
  }
}

/** The dashboard filter on one event, as `where()` applies it in SQL. */
function matches(
  e: { projectId: string | null; environment: string | null; pageUrl: string | null },
  f: EventFilter,
): boolean {
  return (
    (!f.projectId || e.projectId === f.projectId) &&
    (!f.environment || e.environment === f.environment) &&
    (!f.pathPrefix || (e.pageUrl !== null && pathMatches(e.pageUrl, f.pathPrefix)))
  );
}

/** `where()`'s path test: the URL, or its path after scheme and host, starts with `prefix`. */
function pathMatches(url: string, prefix: string): boolean {
  return url.startsWith(prefix) || (/^[a-z]+:\/\/[^/]+(\/.*)?$/.exec(url)?.[1] ?? '').startsWith(prefix);
}

/** A `VideoStats` from the rollups (viewers estimated). */
function videoStatsOf(videoId: string | null, cell: VideoCell) {
  return {
    videoId,
    plays: cell.plays,
    completions: cell.completions,
    completionRate: cell.plays > 0 ? cell.completions / cell.plays : 0,
    averageWatchTimeSeconds: cell.plays > 0 ? cell.watched / cell.plays : 0,
    uniqueViewers: Math.round(cell.viewers.estimate()),
    errors: cell.errors,
    estimated: true,
  };
}

function addVideoCell(into: VideoCell, cell: VideoCell): void {
  into.events += cell.events;
  into.plays += cell.plays;
  into.completions += cell.completions;
  into.errors += cell.errors;
  into.watched += cell.watched;
  into.viewers.merge(cell.viewers);
}

/** A `VideoStats` from a SQL row. */
function videoStats(videoId: string | null, r: Record<string, unknown>, uniques: Uniques) {
  const plays = Number(r.plays ?? 0);
  const completions = Number(r.completions ?? 0);
  return {
    videoId,
    plays,
    completions,
    completionRate: plays > 0 ? completions / plays : 0,
    averageWatchTimeSeconds: plays > 0 ? Number(r.watched ?? 0) / plays : 0,
    uniqueViewers: Number(r.viewers ?? 0),
    errors: Number(r.errors ?? 0),
    estimated: uniques === 'ESTIMATED',
  };
}

function statsOf(cell: RollupCell): BucketStats {
  return {
    count: cell.count,
    visitors: cell.visitors.estimate(),
    sessions: cell.sessions?.estimate() ?? 0,
  };
}

function distinctSql(expr: string, uniques: Uniques): string {
  return uniques === 'ESTIMATED' ? `approx_count_distinct(${expr})` : `count(DISTINCT ${expr})`;
}

function where(range: TimeRange, filter: EventFilter, pageUrl: string): string {
  const parts = [
    `"timestamp" >= make_timestamptz(${range.startMs * 1000}::BIGINT)`,
    `"timestamp" < make_timestamptz(${range.endMs * 1000}::BIGINT)`,
  ];
  if (filter.projectId) parts.push(`project_id = ${literal(filter.projectId)}`);
  if (filter.environment) parts.push(`environment = ${literal(filter.environment)}`);
  if (filter.pathPrefix) {
    const p = literal(filter.pathPrefix);
    parts.push(
      `(starts_with(${pageUrl}, ${p}) OR starts_with(regexp_extract(${pageUrl}, '^[a-z]+://[^/]+(/.*)?$', 1), ${p}))`,
    );
  }
  return parts.join(' AND ');
}

function hours(range: TimeRange): [number, number] {
  return [range.startMs / HOUR_MS, range.endMs / HOUR_MS];
}

function checkRange(range: TimeRange): void {
  if (!Number.isFinite(range.startMs) || !Number.isFinite(range.endMs) || range.endMs <= range.startMs) {
    throw new QueryError('bad-request', 'timeRange.end must be after timeRange.start.', {
      start: range.startMs,
      end: range.endMs,
    });
  }
}

function clampLimit(limit: number): number {
  return Math.max(0, Math.min(1_000, Math.floor(limit)));
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
