import { ExactVisitors } from './exact-visitors.ts';
import { HyperLogLog } from './hyperloglog.ts';
import { RecentEvents, type RecentRow } from './recent-events.ts';
import { packEntries, SketchArena, section } from './sketch-arena.ts';
import { emptyVideoCell, type VideoCell, VideoRollups } from './video-rollups.ts';

/**
 * Dimensions rollups are kept for. `all` and the page-view dimensions count
 * page views; `event_type` counts every event (for `eventCounts`).
 */
export const rollupDimensions = [
  'all',
  'event_type',
  'page',
  'referrer',
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'country',
  'browser',
  'os',
  'device_type',
] as const;

/** One of `rollupDimensions`. */
export type RollupDimension = (typeof rollupDimensions)[number];

/** Sketch precision of the totals (`all`, `event_type`): 0.81 % standard error. */
const FINE = 14;
/** Sketch precision of every other dimension value: 1.63 %. */
const COARSE = 12;

/** Sketch precision per dimension: the totals get the finer one. */
export function precisionOf(dimension: RollupDimension): number {
  return dimension === 'all' || dimension === 'event_type' ? FINE : COARSE;
}

/** Exact counts plus mergeable distinct-count sketches for one (dimension, value) over some hours. */
export interface RollupCell {
  /** Events (for `event_type`) or page views (every other dimension). */
  count: number;
  timeOnPageSum: number;
  timeOnPageCount: number;
  /** Most recent page title seen and when (ms), for `page`. */
  title: string | null;
  titleAtMs: number;
  visitors: HyperLogLog;
  /** Distinct sessions; only kept for `all`. */
  sessions: HyperLogLog | undefined;
}

/** Counts and estimates of one stored hour or day cell. */
export interface BucketStats {
  readonly count: number;
  readonly visitors: number;
  readonly sessions: number;
}

/** One output row of the rollup build query (see `rollup-sql.ts`). */
export interface RollupRow {
  readonly hour: number;
  readonly dimension: RollupDimension;
  readonly value: string;
  readonly count: number;
  readonly timeOnPageSum: number;
  readonly timeOnPageCount: number;
  readonly title: string | null;
  readonly titleAtMs: number;
  /** Parallel arrays: register index → rank, for visitors and (for `all`) sessions. */
  readonly visitorRegisters: readonly number[];
  readonly visitorRanks: readonly number[];
  readonly sessionRegisters: readonly number[];
  readonly sessionRanks: readonly number[];
}

const HOURS_PER_DAY = 24;

/** One (dimension, value): its hour and day cells by hour or day number. */
interface Series {
  readonly dimension: RollupDimension;
  readonly value: string;
  readonly hours: Map<number, number>;
  readonly days: Map<number, number>;
}

/** The arrays and strings a `TableRollups` is made of (see `rollup-file.ts`). */
export interface RollupSections {
  readonly strings: Record<string, readonly string[]>;
  readonly arrays: Record<string, ArrayBufferView>;
}

/**
 * The materialized views of one table: per hour and per day, per dimension
 * value, exact counts and HyperLogLog sketches of visitors and sessions, plus
 * the exact per-day visitor bitmaps, the video-engagement rollups (`video`,
 * for tables with a `video_id` column) and the last hour of events for
 * `realtime` (`recent`). Rows are added as data files are committed (`add`);
 * a query over any hour-aligned range merges whole days plus the hours at its
 * edges. Times are hours since the epoch (UTC).
 *
 * Cells live in parallel typed arrays (count, time on page, title, sketch
 * ids) and sketches in two `SketchArena`s, so the whole state is a few dozen
 * objects however much data it covers: cheap for the garbage collector, and
 * written to disk as it is.
 */
export class TableRollups {
  exactVisitors = new ExactVisitors();
  video = new VideoRollups();
  recent = new RecentEvents();
  #fine = new SketchArena(FINE);
  #coarse = new SketchArena(COARSE);
  readonly #series = new Map<string, Series>();
  readonly #values = new Map<RollupDimension, string[]>();
  #titles: string[] = [];
  readonly #titleIds = new Map<string, number>();
  #cells = 0;
  #count = new Float64Array(1024);
  #topSum = new Float64Array(1024);
  #topCount = new Float64Array(1024);
  #titleAt = new Float64Array(1024);
  #title = new Int32Array(1024);
  #visitors = new Int32Array(1024);
  #sessions = new Int32Array(1024);
  #minHour = Number.POSITIVE_INFINITY;
  #maxHour = Number.NEGATIVE_INFINITY;

  /** Number of stored hour and day cells. */
  get cellCount(): number {
    return this.#cells;
  }

  /** Fold build-query rows into the hour and day cells. */
  add(rows: Iterable<RollupRow>): void {
    for (const row of rows) {
      const series = this.#seriesOf(row.dimension, row.value);
      const visitors = packEntries(row.visitorRegisters, row.visitorRanks);
      const sessions =
        row.dimension === 'all' ? packEntries(row.sessionRegisters, row.sessionRanks) : undefined;
      const day = Math.floor(row.hour / HOURS_PER_DAY);
      this.#fold(this.#cellOf(series, series.hours, row.hour), row, visitors, sessions);
      this.#fold(this.#cellOf(series, series.days, day), row, visitors, sessions);
      this.#minHour = Math.min(this.#minHour, row.hour);
      this.#maxHour = Math.max(this.#maxHour, row.hour);
    }
    this.#fine.compact();
    this.#coarse.compact();
  }

  /** Values present for a dimension (in any hour). */
  values(dimension: RollupDimension): readonly string[] {
    return this.#values.get(dimension) ?? [];
  }

  /** First and last hour with data, or undefined when empty. */
  get hourSpan(): { first: number; last: number } | undefined {
    return Number.isFinite(this.#minHour) ? { first: this.#minHour, last: this.#maxHour } : undefined;
  }

  /**
   * Merge the cells of `[fromHour, toHour)` into `into`: whole days from day
   * cells, the partial days at either end from hour cells.
   */
  mergeRange(
    into: RollupCell,
    dimension: RollupDimension,
    value: string,
    fromHour: number,
    toHour: number,
  ): void {
    const series = this.#series.get(seriesKey(dimension, value));
    if (!series || toHour <= fromHour) return;
    const merge = (id: number | undefined) => {
      if (id !== undefined) this.#mergeCell(into, series, id);
    };
    const firstFullDay = Math.ceil(fromHour / HOURS_PER_DAY);
    const endFullDay = Math.floor(toHour / HOURS_PER_DAY);
    if (endFullDay <= firstFullDay) {
      for (let h = fromHour; h < toHour; h++) merge(series.hours.get(h));
      return;
    }
    for (let h = fromHour; h < firstFullDay * HOURS_PER_DAY; h++) merge(series.hours.get(h));
    for (let d = firstFullDay; d < endFullDay; d++) merge(series.days.get(d));
    for (let h = endFullDay * HOURS_PER_DAY; h < toHour; h++) merge(series.hours.get(h));
  }

  /** The merged cell for `[fromHour, toHour)` (a new cell the caller may keep). */
  range(dimension: RollupDimension, value: string, fromHour: number, toHour: number): RollupCell {
    const out = emptyCell(dimension);
    this.mergeRange(out, dimension, value, fromHour, toHour);
    return out;
  }

  /** Only the exact count over `[fromHour, toHour)` (no sketch merging): cheap enough to rank every value. */
  count(dimension: RollupDimension, value: string, fromHour: number, toHour: number): number {
    const series = this.#series.get(seriesKey(dimension, value));
    if (!series || toHour <= fromHour) return 0;
    const counts = this.#count;
    let n = 0;
    const hours = (a: number, b: number) => {
      for (let h = a; h < b; h++) {
        const id = series.hours.get(h);
        if (id !== undefined) n += counts[id] as number;
      }
    };
    const firstFullDay = Math.ceil(fromHour / HOURS_PER_DAY);
    const endFullDay = Math.floor(toHour / HOURS_PER_DAY);
    if (endFullDay <= firstFullDay) {
      hours(fromHour, toHour);
      return n;
    }
    hours(fromHour, firstFullDay * HOURS_PER_DAY);
    hours(endFullDay * HOURS_PER_DAY, toHour);
    for (let d = firstFullDay; d < endFullDay; d++) {
      const id = series.days.get(d);
      if (id !== undefined) n += counts[id] as number;
    }
    return n;
  }

  /** Count and (memoised) estimates of one hour or one whole day; undefined when empty. */
  bucket(
    dimension: RollupDimension,
    value: string,
    unit: 'hour' | 'day',
    index: number,
  ): BucketStats | undefined {
    const series = this.#series.get(seriesKey(dimension, value));
    const id = unit === 'hour' ? series?.hours.get(index) : series?.days.get(index);
    if (id === undefined) return undefined;
    const sessions = this.#sessions[id] as number;
    return {
      count: this.#count[id] as number,
      visitors: this.#arena(dimension).estimate(this.#visitors[id] as number),
      sessions: sessions < 0 ? 0 : this.#fine.estimate(sessions),
    };
  }

  /** The arrays and strings of this state, for `rollup-file.ts` (views, not copies). */
  toSections(): RollupSections {
    const series = [...this.#series.values()];
    const count = (pick: (s: Series) => Map<number, number>) => {
      const starts = new Int32Array(series.length + 1);
      series.forEach((s, i) => {
        starts[i + 1] = (starts[i] as number) + pick(s).size;
      });
      const keys = new Int32Array(starts[series.length] as number);
      const cells = new Int32Array(keys.length);
      series.forEach((s, i) => {
        let at = starts[i] as number;
        for (const [k, id] of pick(s)) {
          keys[at] = k;
          cells[at++] = id;
        }
      });
      return { starts, keys, cells };
    };
    const hours = count((s) => s.hours);
    const days = count((s) => s.days);
    const visitors = this.exactVisitors.toSections();
    const video = this.video.toSections();
    const recent = this.recent.toSections();
    const n = this.#cells;
    return {
      strings: {
        'series.dimension': series.map((s) => s.dimension),
        'series.value': series.map((s) => s.value),
        titles: this.#titles,
        ...visitors.strings,
        ...video.strings,
        ...recent.strings,
      },
      arrays: {
        'series.hourStart': hours.starts,
        'series.hourKey': hours.keys,
        'series.hourCell': hours.cells,
        'series.dayStart': days.starts,
        'series.dayKey': days.keys,
        'series.dayCell': days.cells,
        'cell.count': this.#count.subarray(0, n),
        'cell.topSum': this.#topSum.subarray(0, n),
        'cell.topCount': this.#topCount.subarray(0, n),
        'cell.titleAt': this.#titleAt.subarray(0, n),
        'cell.title': this.#title.subarray(0, n),
        'cell.visitors': this.#visitors.subarray(0, n),
        'cell.sessions': this.#sessions.subarray(0, n),
        'span.hours': Float64Array.of(this.#minHour, this.#maxHour),
        ...this.#fine.toSections('fine'),
        ...this.#coarse.toSections('coarse'),
        ...visitors.arrays,
        ...video.arrays,
        ...recent.arrays,
      },
    };
  }

  /** The state `toSections` wrote. */
  static fromSections(s: RollupSections): TableRollups {
    const r = new TableRollups();
    const a = s.arrays;
    const grow = <T extends Float64Array | Int32Array>(x: T): T => {
      const next = new (x.constructor as new (n: number) => T)(Math.max(1024, x.length * 2));
      next.set(x as never);
      return next;
    };
    r.#count = grow(section(a, 'cell.count', Float64Array));
    r.#topSum = grow(section(a, 'cell.topSum', Float64Array));
    r.#topCount = grow(section(a, 'cell.topCount', Float64Array));
    r.#titleAt = grow(section(a, 'cell.titleAt', Float64Array));
    r.#title = grow(section(a, 'cell.title', Int32Array));
    r.#visitors = grow(section(a, 'cell.visitors', Int32Array));
    r.#sessions = grow(section(a, 'cell.sessions', Int32Array));
    r.#cells = section(a, 'cell.count', Float64Array).length;
    r.#fine = SketchArena.fromSections(FINE, 'fine', a);
    r.#coarse = SketchArena.fromSections(COARSE, 'coarse', a);
    r.exactVisitors = ExactVisitors.fromSections(s.strings, a);
    r.video = VideoRollups.fromSections(s.strings, a);
    r.recent = RecentEvents.fromSections(s.strings, a);
    r.#titles = [...(s.strings.titles ?? [])];
    r.#titles.forEach((t, i) => {
      r.#titleIds.set(t, i);
    });
    const [minHour, maxHour] = section(a, 'span.hours', Float64Array);
    r.#minHour = minHour as number;
    r.#maxHour = maxHour as number;
    const dims = s.strings['series.dimension'] ?? [];
    const values = s.strings['series.value'] ?? [];
    const fill = (
      prefix: 'hour' | 'day',
      target: (x: Series) => Map<number, number>,
      i: number,
      x: Series,
    ) => {
      const starts = section(a, `series.${prefix}Start`, Int32Array);
      const keys = section(a, `series.${prefix}Key`, Int32Array);
      const cells = section(a, `series.${prefix}Cell`, Int32Array);
      for (let k = starts[i] as number; k < (starts[i + 1] as number); k++) {
        target(x).set(keys[k] as number, cells[k] as number);
      }
    };
    dims.forEach((d, i) => {
      const dimension = d as RollupDimension;
      if (!rollupDimensions.includes(dimension)) throw new Error(`rollup state has unknown dimension ${d}`);
      const x = r.#seriesOf(dimension, values[i] as string);
      fill('hour', (y) => y.hours, i, x);
      fill('day', (y) => y.days, i, x);
    });
    return r;
  }

  #arena(dimension: RollupDimension): SketchArena {
    return precisionOf(dimension) === FINE ? this.#fine : this.#coarse;
  }

  #seriesOf(dimension: RollupDimension, value: string): Series {
    const k = seriesKey(dimension, value);
    let s = this.#series.get(k);
    if (!s) {
      s = { dimension, value, hours: new Map(), days: new Map() };
      this.#series.set(k, s);
      let list = this.#values.get(dimension);
      if (!list) {
        list = [];
        this.#values.set(dimension, list);
      }
      list.push(value);
    }
    return s;
  }

  #cellOf(series: Series, map: Map<number, number>, key: number): number {
    let id = map.get(key);
    if (id === undefined) {
      id = this.#cells++;
      if (id >= this.#count.length) {
        const n = this.#count.length * 2;
        this.#count = grownTo(this.#count, n);
        this.#topSum = grownTo(this.#topSum, n);
        this.#topCount = grownTo(this.#topCount, n);
        this.#titleAt = grownTo(this.#titleAt, n);
        this.#title = grownTo(this.#title, n);
        this.#visitors = grownTo(this.#visitors, n);
        this.#sessions = grownTo(this.#sessions, n);
      }
      this.#count[id] = 0;
      this.#topSum[id] = 0;
      this.#topCount[id] = 0;
      this.#titleAt[id] = Number.NEGATIVE_INFINITY;
      this.#title[id] = -1;
      this.#visitors[id] = this.#arena(series.dimension).create();
      this.#sessions[id] = series.dimension === 'all' ? this.#fine.create() : -1;
      map.set(key, id);
    }
    return id;
  }

  #fold(id: number, row: RollupRow, visitors: Uint32Array, sessions: Uint32Array | undefined): void {
    this.#count[id] = (this.#count[id] as number) + row.count;
    this.#topSum[id] = (this.#topSum[id] as number) + row.timeOnPageSum;
    this.#topCount[id] = (this.#topCount[id] as number) + row.timeOnPageCount;
    if (row.title !== null && row.titleAtMs >= (this.#titleAt[id] as number)) {
      let t = this.#titleIds.get(row.title);
      if (t === undefined) {
        t = this.#titles.length;
        this.#titles.push(row.title);
        this.#titleIds.set(row.title, t);
      }
      this.#title[id] = t;
      this.#titleAt[id] = row.titleAtMs;
    }
    this.#arena(row.dimension).add(this.#visitors[id] as number, visitors);
    const s = this.#sessions[id] as number;
    if (sessions && s >= 0) this.#fine.add(s, sessions);
  }

  #mergeCell(into: RollupCell, series: Series, id: number): void {
    into.count += this.#count[id] as number;
    into.timeOnPageSum += this.#topSum[id] as number;
    into.timeOnPageCount += this.#topCount[id] as number;
    const t = this.#title[id] as number;
    if (t >= 0 && (this.#titleAt[id] as number) >= into.titleAtMs) {
      into.title = this.#titles[t] as string;
      into.titleAtMs = this.#titleAt[id] as number;
    }
    this.#arena(series.dimension).mergeInto(this.#visitors[id] as number, into.visitors);
    const s = this.#sessions[id] as number;
    if (into.sessions && s >= 0) this.#fine.mergeInto(s, into.sessions);
  }
}

/**
 * The rollups of every event table, answered as one: counts add up, sketches
 * merge, exact visitor sets are unioned. Each table's state is replaced as a
 * whole when it is rebuilt, so one table's compaction never empties another's.
 */
export class Rollups {
  readonly #tables = new Map<string, TableRollups>();

  /** The state of one table (by qualified name), if any. */
  get(table: string): TableRollups | undefined {
    return this.#tables.get(table);
  }

  /** Install (or replace) a table's state. */
  set(table: string, rollups: TableRollups): void {
    this.#tables.set(table, rollups);
  }

  /** Values present for a dimension in any table. */
  values(dimension: RollupDimension): readonly string[] {
    if (this.#tables.size === 1) return [...this.#tables.values()][0]?.values(dimension) ?? [];
    const out = new Set<string>();
    for (const t of this.#tables.values()) for (const v of t.values(dimension)) out.add(v);
    return [...out];
  }

  /** First and last hour with data over all tables, or undefined when empty. */
  get hourSpan(): { first: number; last: number } | undefined {
    let span: { first: number; last: number } | undefined;
    for (const t of this.#tables.values()) {
      const s = t.hourSpan;
      if (s) span = span ? { first: Math.min(span.first, s.first), last: Math.max(span.last, s.last) } : s;
    }
    return span;
  }

  /** The merged cell for `[fromHour, toHour)` over every table. */
  range(dimension: RollupDimension, value: string, fromHour: number, toHour: number): RollupCell {
    const out = emptyCell(dimension);
    for (const t of this.#tables.values()) t.mergeRange(out, dimension, value, fromHour, toHour);
    return out;
  }

  /** The exact count over `[fromHour, toHour)` over every table. */
  count(dimension: RollupDimension, value: string, fromHour: number, toHour: number): number {
    let n = 0;
    for (const t of this.#tables.values()) n += t.count(dimension, value, fromHour, toHour);
    return n;
  }

  /** One hour or whole day: the stored cell's memoised estimates when one table has it, else a merge. */
  bucket(
    dimension: RollupDimension,
    value: string,
    unit: 'hour' | 'day',
    index: number,
  ): BucketStats | undefined {
    const found: BucketStats[] = [];
    for (const t of this.#tables.values()) {
      const b = t.bucket(dimension, value, unit, index);
      if (b) found.push(b);
    }
    if (found.length <= 1) return found[0];
    const hours = unit === 'hour' ? 1 : HOURS_PER_DAY;
    const cell = this.range(dimension, value, index * hours, (index + 1) * hours);
    return {
      count: cell.count,
      visitors: cell.visitors.estimate(),
      sessions: cell.sessions?.estimate() ?? 0,
    };
  }

  /** Exact distinct visitors of `eventType` over days [fromDay, toDay), across tables. */
  exactVisitors(eventType: string, fromDay: number, toDay: number): number {
    const holding = [...this.#tables.values()].filter((t) => t.exactVisitors.eventTypes.includes(eventType));
    if (holding.length <= 1) return holding[0]?.exactVisitors.count(eventType, fromDay, toDay) ?? 0;
    // The same event type in several tables (rare): union their keys.
    const keys = new Set<number>();
    for (const t of holding) for (const k of t.exactVisitors.keys(eventType, fromDay, toDay)) keys.add(k);
    return keys.size;
  }

  /** Videos seen in any table. */
  videoValues(): readonly string[] {
    if (this.#tables.size === 1) return [...this.#tables.values()][0]?.video.videos ?? [];
    const out = new Set<string>();
    for (const t of this.#tables.values()) for (const v of t.video.videos) out.add(v);
    return [...out];
  }

  /** Events and plays of `video` over `[fromHour, toHour)` over every table (for ranking). */
  videoCounts(video: string, fromHour: number, toHour: number): { events: number; plays: number } {
    const out = { events: 0, plays: 0 };
    for (const t of this.#tables.values()) {
      const c = t.video.counts(video, fromHour, toHour);
      out.events += c.events;
      out.plays += c.plays;
    }
    return out;
  }

  /**
   * `video`'s (null: all videos') counts, watch time and viewer sketch over
   * `[fromHour, toHour)` over every table. Watch time is exact per table: a
   * (session, video) pair with events in two tables counts its furthest
   * position in each.
   */
  videoRange(video: string | null, fromHour: number, toHour: number): VideoCell {
    const out = emptyVideoCell(video);
    for (const t of this.#tables.values()) t.video.mergeRange(out, video, fromHour, toHour);
    return out;
  }

  /** Every committed event at or after this instant is in the tables' recent events. */
  get recentCoveredFromMs(): number {
    let from = Number.NEGATIVE_INFINITY;
    for (const t of this.#tables.values()) from = Math.max(from, t.recent.coveredFromMs);
    return from;
  }

  /** Each table's recent events with `startMs <= ms < endMs` (see `RecentEvents.scan`). */
  scanRecent(startMs: number, endMs: number, visit: (row: RecentRow) => void): void {
    for (const t of this.#tables.values()) t.recent.scan(startMs, endMs, visit);
  }

  /** True when a recent committed event of any table has this id. */
  hasRecentEvent(eventId: string): boolean {
    for (const t of this.#tables.values()) if (t.recent.has(eventId)) return true;
    return false;
  }
}

function seriesKey(dimension: RollupDimension, value: string): string {
  return `${dimension}\u0000${value}`;
}

/** An empty cell for `dimension` to merge into. */
export function emptyCell(dimension: RollupDimension): RollupCell {
  const p = precisionOf(dimension);
  return {
    count: 0,
    timeOnPageSum: 0,
    timeOnPageCount: 0,
    title: null,
    titleAtMs: Number.NEGATIVE_INFINITY,
    visitors: new HyperLogLog(p),
    sessions: dimension === 'all' ? new HyperLogLog(p) : undefined,
  };
}

function grownTo<T extends Float64Array | Int32Array>(array: T, size: number): T {
  const next = new (array.constructor as new (n: number) => T)(size);
  next.set(array as never);
  return next;
}
