import { ExactVisitors } from './exact-visitors.ts';
import { HyperLogLog } from './hyperloglog.ts';

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

/** Sketch precision per dimension: the totals get the finer one. */
export function precisionOf(dimension: RollupDimension): number {
  return dimension === 'all' || dimension === 'event_type' ? 14 : 12;
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

interface Series {
  readonly hours: Map<number, RollupCell>;
  readonly days: Map<number, RollupCell>;
}

/**
 * Materialized views over the event tables: per hour and per day, per
 * dimension value, exact counts and HyperLogLog sketches of visitors and
 * sessions. Rows are added as data files are committed (`add`), and a query
 * over any hour-aligned range merges whole days plus the hours at its edges.
 * Times are hours since the epoch (UTC).
 */
export class Rollups {
  /** Exact distinct visitors per day and event type (see exact-visitors.ts). */
  readonly exactVisitors = new ExactVisitors();
  readonly #series = new Map<string, Series>();
  /** Values seen per dimension, to enumerate breakdowns. */
  readonly #values = new Map<RollupDimension, Set<string>>();
  #minHour = Number.POSITIVE_INFINITY;
  #maxHour = Number.NEGATIVE_INFINITY;

  /** Fold build-query rows into the hour and day cells. */
  add(rows: Iterable<RollupRow>): void {
    for (const row of rows) {
      const series = this.#seriesOf(row.dimension, row.value);
      const day = Math.floor(row.hour / HOURS_PER_DAY);
      for (const [map, key] of [
        [series.hours, row.hour],
        [series.days, day],
      ] as const) {
        let cell = map.get(key);
        if (!cell) {
          cell = emptyCell(row.dimension);
          map.set(key, cell);
        }
        addRow(cell, row);
      }
      this.#minHour = Math.min(this.#minHour, row.hour);
      this.#maxHour = Math.max(this.#maxHour, row.hour);
    }
  }

  /** Forget everything (history was rewritten; the caller rebuilds). */
  clear(): void {
    this.exactVisitors.clear();
    this.#series.clear();
    this.#values.clear();
    this.#minHour = Number.POSITIVE_INFINITY;
    this.#maxHour = Number.NEGATIVE_INFINITY;
  }

  /** Values present for a dimension (in any hour). */
  values(dimension: RollupDimension): readonly string[] {
    return [...(this.#values.get(dimension) ?? [])];
  }

  /** First and last hour with data, or undefined when empty. */
  get hourSpan(): { first: number; last: number } | undefined {
    return Number.isFinite(this.#minHour) ? { first: this.#minHour, last: this.#maxHour } : undefined;
  }

  /**
   * The merged cell for `[fromHour, toHour)`: whole days come from day cells,
   * the partial days at either end from hour cells.
   */
  range(dimension: RollupDimension, value: string, fromHour: number, toHour: number): RollupCell {
    const out = emptyCell(dimension);
    const series = this.#series.get(seriesKey(dimension, value));
    if (!series || toHour <= fromHour) return out;
    const firstFullDay = Math.ceil(fromHour / HOURS_PER_DAY);
    const endFullDay = Math.floor(toHour / HOURS_PER_DAY);
    if (endFullDay <= firstFullDay) {
      mergeHours(out, series, fromHour, toHour);
      return out;
    }
    mergeHours(out, series, fromHour, firstFullDay * HOURS_PER_DAY);
    for (let d = firstFullDay; d < endFullDay; d++) {
      const cell = series.days.get(d);
      if (cell) mergeCell(out, cell);
    }
    mergeHours(out, series, endFullDay * HOURS_PER_DAY, toHour);
    return out;
  }

  /** Only the exact count over `[fromHour, toHour)` (no sketch merging): cheap enough to rank every value. */
  count(dimension: RollupDimension, value: string, fromHour: number, toHour: number): number {
    const series = this.#series.get(seriesKey(dimension, value));
    if (!series || toHour <= fromHour) return 0;
    const firstFullDay = Math.ceil(fromHour / HOURS_PER_DAY);
    const endFullDay = Math.floor(toHour / HOURS_PER_DAY);
    const hours = (a: number, b: number) => {
      let n = 0;
      for (let h = a; h < b; h++) n += series.hours.get(h)?.count ?? 0;
      return n;
    };
    if (endFullDay <= firstFullDay) return hours(fromHour, toHour);
    let n = hours(fromHour, firstFullDay * HOURS_PER_DAY) + hours(endFullDay * HOURS_PER_DAY, toHour);
    for (let d = firstFullDay; d < endFullDay; d++) n += series.days.get(d)?.count ?? 0;
    return n;
  }

  /** The cell of one hour or one whole day, shared (do not modify); undefined when empty. */
  bucket(
    dimension: RollupDimension,
    value: string,
    unit: 'hour' | 'day',
    index: number,
  ): RollupCell | undefined {
    const series = this.#series.get(seriesKey(dimension, value));
    return unit === 'hour' ? series?.hours.get(index) : series?.days.get(index);
  }

  #seriesOf(dimension: RollupDimension, value: string): Series {
    const k = seriesKey(dimension, value);
    let s = this.#series.get(k);
    if (!s) {
      s = { hours: new Map(), days: new Map() };
      this.#series.set(k, s);
      let set = this.#values.get(dimension);
      if (!set) {
        set = new Set();
        this.#values.set(dimension, set);
      }
      set.add(value);
    }
    return s;
  }
}

function seriesKey(dimension: RollupDimension, value: string): string {
  return `${dimension}\u0000${value}`;
}

function emptyCell(dimension: RollupDimension): RollupCell {
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

function addRow(cell: RollupCell, row: RollupRow): void {
  cell.count += row.count;
  cell.timeOnPageSum += row.timeOnPageSum;
  cell.timeOnPageCount += row.timeOnPageCount;
  if (row.title !== null && row.titleAtMs >= cell.titleAtMs) {
    cell.title = row.title;
    cell.titleAtMs = row.titleAtMs;
  }
  for (let i = 0; i < row.visitorRegisters.length; i++) {
    cell.visitors.setRegister(row.visitorRegisters[i] as number, row.visitorRanks[i] as number);
  }
  if (cell.sessions) {
    for (let i = 0; i < row.sessionRegisters.length; i++) {
      cell.sessions.setRegister(row.sessionRegisters[i] as number, row.sessionRanks[i] as number);
    }
  }
}

function mergeCell(into: RollupCell, cell: RollupCell): void {
  into.count += cell.count;
  into.timeOnPageSum += cell.timeOnPageSum;
  into.timeOnPageCount += cell.timeOnPageCount;
  if (cell.title !== null && cell.titleAtMs >= into.titleAtMs) {
    into.title = cell.title;
    into.titleAtMs = cell.titleAtMs;
  }
  into.visitors.merge(cell.visitors);
  if (into.sessions && cell.sessions) into.sessions.merge(cell.sessions);
}

function mergeHours(into: RollupCell, series: Series, from: number, to: number): void {
  for (let h = from; h < to; h++) {
    const cell = series.hours.get(h);
    if (cell) mergeCell(into, cell);
  }
}
