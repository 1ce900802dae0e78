import type { EventFilter, Interval, TimeRange, UniqueCountMode } from '@analytics/client';
import type { DashboardState } from './dashboard-state.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A resolved range: the API's half-open `[start, end)` and the bucket width of the chart. */
export interface ResolvedRange {
  readonly timeRange: TimeRange;
  readonly interval: Interval;
  /** Calendar days the range touches (1 for today). */
  readonly days: number;
}

/** Midnight UTC of the day holding `ms`. */
function utcMidnight(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * The time range a state means at `nowMs`. Every range is in UTC, like the
 * API's buckets, so a day on the chart is the day the data is stored under.
 *
 * - `today`: midnight UTC to the end of the current hour, by hour (the chart
 *   stops at the current hour instead of trailing empty future hours);
 * - `7d`, `30d`: the last 7 or 30 UTC days **including today**, by day, so
 *   events sent a minute ago are in the default view;
 * - `custom`: `from` 00:00 to the end of `to`, by hour for one or two days,
 *   by day beyond.
 */
export function resolveRange(state: DashboardState, nowMs: number): ResolvedRange {
  const today = utcMidnight(nowMs);
  switch (state.period) {
    case 'today':
      return {
        timeRange: { start: iso(today), end: iso(Math.floor(nowMs / HOUR_MS) * HOUR_MS + HOUR_MS) },
        interval: 'HOUR',
        days: 1,
      };
    case 'custom': {
      if (state.from && state.to) {
        const start = Date.parse(`${state.from}T00:00:00Z`);
        const end = Date.parse(`${state.to}T00:00:00Z`) + DAY_MS;
        const days = Math.round((end - start) / DAY_MS);
        return {
          timeRange: { start: iso(start), end: iso(end) },
          interval: days <= 2 ? 'HOUR' : 'DAY',
          days,
        };
      }
      return lastDays(today, 7);
    }
    case '30d':
      return lastDays(today, 30);
    default:
      return lastDays(today, 7);
  }
}

function lastDays(today: number, days: number): ResolvedRange {
  return {
    timeRange: { start: iso(today - (days - 1) * DAY_MS), end: iso(today + DAY_MS) },
    interval: 'DAY',
    days,
  };
}

/** The `filter` argument for a state: only the fields that are set (an empty string would filter). */
export function eventFilter(state: DashboardState): EventFilter | undefined {
  const filter: EventFilter = {};
  if (state.projectId) filter.projectId = state.projectId;
  if (state.environment) filter.environment = state.environment;
  if (state.pathPrefix) filter.pathPrefix = state.pathPrefix;
  return Object.keys(filter).length > 0 ? filter : undefined;
}

/**
 * The `uniques` argument: EXACT when asked for, otherwise left out so each
 * query keeps the contract's default (ESTIMATED for the dashboard queries,
 * EXACT for `eventCounts`).
 */
export function uniquesMode(state: DashboardState): UniqueCountMode | undefined {
  return state.exact ? 'EXACT' : undefined;
}
