/**
 * What the dashboard shows, kept in the page's query string so a view can be
 * bookmarked, shared and reloaded: `?period=30d&project=web&env=production`.
 */

/** The time range presets, plus `custom` (`from` and `to`, inclusive UTC dates). */
export type Period = 'today' | '7d' | '30d' | 'custom';

export const PERIODS: readonly Period[] = ['today', '7d', '30d', 'custom'];

export interface DashboardState {
  readonly period: Period;
  /** First day of a custom range (`YYYY-MM-DD`, UTC); set only when `period` is `custom`. */
  readonly from?: string;
  /** Last day of a custom range, inclusive. */
  readonly to?: string;
  /** `EventFilter.projectId`; empty for all projects. */
  readonly projectId: string;
  /** `EventFilter.environment`; empty for all environments. */
  readonly environment: string;
  /** `EventFilter.pathPrefix`; empty for every page. */
  readonly pathPrefix: string;
  /** Ask for exact distinct counts (`uniques: EXACT`) instead of the HyperLogLog estimates. */
  readonly exact: boolean;
}

/** The view a bare `/` opens: the last 7 days, every project, estimated uniques. */
export const DEFAULT_STATE: DashboardState = {
  period: '7d',
  projectId: '',
  environment: '',
  pathPrefix: '',
  exact: false,
};

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: string | null | undefined): value is string {
  const m = value ? DATE.exec(value) : null;
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

/**
 * Reads the state from a query string. Anything unknown or malformed falls
 * back to the default rather than failing: a link with a typo still opens a
 * dashboard. A custom range needs two valid dates (swapped when reversed).
 */
export function parseState(search: string): DashboardState {
  const q = new URLSearchParams(search);
  const filters = {
    projectId: q.get('project')?.trim() ?? '',
    environment: q.get('env')?.trim() ?? '',
    pathPrefix: q.get('page')?.trim() ?? '',
    exact: q.get('uniques') === 'exact',
  };
  const period = q.get('period');
  if (period === 'custom') {
    const from = q.get('from');
    const to = q.get('to');
    if (isIsoDate(from) && isIsoDate(to)) {
      return { period: 'custom', ...(from <= to ? { from, to } : { from: to, to: from }), ...filters };
    }
    return { ...DEFAULT_STATE, ...filters };
  }
  return {
    period: PERIODS.includes(period as Period) ? (period as Period) : DEFAULT_STATE.period,
    ...filters,
  };
}

/** The query string for a state (with `?`, or empty for the default view); defaults are left out. */
export function serializeState(state: DashboardState): string {
  const q = new URLSearchParams();
  if (state.period !== DEFAULT_STATE.period) q.set('period', state.period);
  if (state.period === 'custom' && state.from && state.to) {
    q.set('from', state.from);
    q.set('to', state.to);
  }
  if (state.projectId) q.set('project', state.projectId);
  if (state.environment) q.set('env', state.environment);
  if (state.pathPrefix) q.set('page', state.pathPrefix);
  if (state.exact) q.set('uniques', 'exact');
  const text = q.toString();
  return text ? `?${text}` : '';
}
