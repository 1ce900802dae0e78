import type { AnalyticsClient, Dimension, EventFilter, UniqueCountMode } from '@analytics/client';
import type { DashboardState } from './dashboard-state.ts';
import { h, setChildren } from './dom.ts';
import { formatDuration, formatExact, formatPercent, formatRange } from './format.ts';
import { breakdownRows, topPageRows } from './list-rows.ts';
import type { ResolvedRange } from './time-range.ts';
import { TrafficChart } from './traffic-chart.ts';
import { card, count, emptyState, estimatedMark, list, load, tabs } from './ui.ts';

/** Everything a panel needs to load the current view. */
export interface View {
  readonly client: AnalyticsClient;
  readonly state: DashboardState;
  readonly range: ResolvedRange;
  readonly filter: EventFilter | undefined;
  readonly uniques: UniqueCountMode | undefined;
  readonly locale: string | undefined;
  /** Aborted when the user moves to another view. */
  readonly signal: AbortSignal;
  /** Changes the view (used by clickable rows and the "exact counts" link). */
  readonly navigate: (patch: Partial<DashboardState>) => void;
}

/** A panel: its element, and how to fill it for a view. */
export interface Panel {
  readonly root: HTMLElement;
  load(view: View): Promise<void>;
}

const NO_DATA_HINT =
  'Events sent to POST /events show up once the buffers flush (every 60 s or 1 MB; POST /ops/flush flushes now).';

/** Totals (visitors, page views, sessions) and the traffic chart. */
export function trafficPanel(locale: string | undefined): Panel {
  const c = card('traffic', 'Traffic');
  const chart = h('div', { class: 'chart' });
  const totals = h('dl', { class: 'totals' });
  const note = h('p', { class: 'note' });
  const chartView = new TrafficChart(chart, locale);
  return {
    root: c.root,
    load: (view) =>
      load(
        c,
        view.signal,
        'traffic',
        () =>
          view.client.traffic({
            timeRange: view.range.timeRange,
            interval: view.range.interval,
            filter: view.filter,
            uniques: view.uniques,
          }),
        (t) => {
          // Put the parts back: an earlier error may have replaced them.
          c.body.replaceChildren(totals, chart, note);
          c.title.textContent = `Traffic · ${formatRange(view.range.timeRange.start, view.range.timeRange.end, locale)} (UTC)`;
          const total = (metric: string, label: string, n: number, estimated: boolean) =>
            h(
              'div',
              { class: 'total', 'data-metric': metric, 'data-value': n, 'data-estimated': String(estimated) },
              h('dt', {}, label),
              h('dd', {}, estimated ? estimatedMark() : null, count(n, locale)),
            );
          totals.replaceChildren(
            total('visitors', 'Unique visitors', t.totalVisitors, t.estimated),
            total('pageviews', 'Total page views', t.totalPageviews, false),
            total('sessions', 'Sessions', t.totalSessions, t.estimated),
          );
          if (t.totalPageviews === 0) {
            chart.replaceChildren(emptyState('No page views in this range.', NO_DATA_HINT));
          } else {
            chartView.update(t, view.range.days > 1);
          }
          note.replaceChildren(
            ...(t.estimated && t.totalPageviews > 0
              ? [
                  estimatedMark(),
                  ' Visitors and sessions are HyperLogLog estimates (typically within 1–2 %). ',
                  h(
                    'button',
                    { type: 'button', class: 'link', onclick: () => view.navigate({ exact: true }) },
                    'Count them exactly',
                  ),
                  ' (scans the raw events; slower on large ranges).',
                ]
              : view.state.exact
                ? [
                    'Exact distinct counts. ',
                    h(
                      'button',
                      { type: 'button', class: 'link', onclick: () => view.navigate({ exact: false }) },
                      'Use the fast estimates',
                    ),
                  ]
                : []),
          );
        },
      ),
  };
}

/** The most viewed pages; clicking one filters the dashboard to it. */
export function topPagesPanel(locale: string | undefined): Panel {
  const c = card('top-pages', 'Top pages');
  return {
    root: c.root,
    load: (view) =>
      load(
        c,
        view.signal,
        'top pages',
        () =>
          view.client.topPages({
            timeRange: view.range.timeRange,
            filter: view.filter,
            limit: 10,
            uniques: view.uniques,
          }),
        (pages) => {
          c.body.replaceChildren(
            pages.length === 0
              ? emptyState('No page views in this range.')
              : list(topPageRows(pages), {
                  label: 'Page',
                  estimated: pages.some((p) => p.estimated),
                  locale,
                  seconds: pages.some((p) => p.averageTimeOnPage != null),
                  onPick: (url) => view.navigate({ pathPrefix: url }),
                }),
          );
        },
      ),
  };
}

/** One tab of a breakdown card: the dimension and the heading of its label column. */
export interface BreakdownTab {
  readonly key: Dimension;
  readonly label: string;
  readonly column: string;
}

/** A card of breakdowns by one of several dimensions, one tab each (only the shown tab is queried). */
export function breakdownPanel(
  panel: string,
  title: string,
  options: readonly BreakdownTab[],
  locale: string | undefined,
): Panel {
  let selected: Dimension = options[0]?.key ?? 'REFERRER';
  let last: View | undefined;
  const bar = tabs(options, selected, (key) => {
    selected = key;
    if (last) void fill(last);
  });
  const c = card(panel, title, bar);
  const fill = (view: View) => {
    last = view;
    const tab = options.find((o) => o.key === selected) ?? options[0]!;
    c.root.dataset.dimension = tab.key;
    return load(
      c,
      view.signal,
      tab.label.toLowerCase(),
      () =>
        view.client.breakdown({
          dimension: tab.key,
          timeRange: view.range.timeRange,
          filter: view.filter,
          limit: 10,
          uniques: view.uniques,
        }),
      (b) => {
        if (b.rows.length === 0) {
          c.body.replaceChildren(emptyState('No page views in this range.'));
          return;
        }
        setChildren(
          c.body,
          list(breakdownRows(b), { label: tab.column, estimated: b.estimated, locale }),
          b.otherPageviews > 0
            ? h(
                'p',
                { class: 'more' },
                `+ ${formatExact(b.otherPageviews, locale)} page views from other ${tab.column.toLowerCase()} values`,
              )
            : null,
        );
      },
    );
  };
  return { root: c.root, load: fill };
}

/** Plays, completion rate and watch time, overall and per video. */
export function videoPanel(locale: string | undefined): Panel {
  const c = card('video', 'Video engagement');
  return {
    root: c.root,
    load: (view) =>
      load(
        c,
        view.signal,
        'video engagement',
        () =>
          view.client.videoEngagement({
            timeRange: view.range.timeRange,
            filter: view.filter,
            limit: 10,
            uniques: view.uniques,
          }),
        (v) => {
          const t = v.totals;
          if (t.plays === 0 && v.videos.length === 0) {
            c.body.replaceChildren(emptyState('No video events in this range.'));
            return;
          }
          const stat = (metric: string, label: string, value: Node | string, mark = false) =>
            h(
              'div',
              { class: 'total small', 'data-metric': metric },
              h('dt', {}, label),
              h('dd', {}, mark ? estimatedMark() : null, value),
            );
          const rows = v.videos.map((s) =>
            h(
              'tr',
              { 'data-value': s.videoId ?? '' },
              h('td', { class: 'label' }, h('span', { class: 'text' }, s.videoId ?? '(unknown)')),
              h('td', { class: 'num' }, count(s.plays, locale)),
              h('td', { class: 'num' }, formatPercent(s.completionRate, locale)),
              h('td', { class: 'num' }, formatDuration(s.averageWatchTimeSeconds)),
              h('td', { class: 'num' }, count(s.uniqueViewers, locale)),
            ),
          );
          setChildren(
            c.body,
            h(
              'dl',
              { class: 'totals compact' },
              stat('plays', 'Plays', count(t.plays, locale)),
              stat('completion', 'Completion rate', formatPercent(t.completionRate, locale)),
              stat('watch-time', 'Avg. watch time', formatDuration(t.averageWatchTimeSeconds)),
              stat('viewers', 'Unique viewers', count(t.uniqueViewers, locale), t.estimated),
            ),
            rows.length === 0
              ? null
              : h(
                  'table',
                  { class: 'list' },
                  h(
                    'thead',
                    {},
                    h(
                      'tr',
                      {},
                      h('th', { scope: 'col' }, 'Video'),
                      h('th', { scope: 'col', class: 'num' }, 'Plays'),
                      h('th', { scope: 'col', class: 'num', title: 'Completion rate' }, 'Completed'),
                      h('th', { scope: 'col', class: 'num', title: 'Average watch time per play' }, 'Watch'),
                      h(
                        'th',
                        { scope: 'col', class: 'num' },
                        v.videos.some((s) => s.estimated) ? estimatedMark() : null,
                        'Viewers',
                      ),
                    ),
                  ),
                  h('tbody', {}, ...rows),
                ),
            t.errors > 0
              ? h('p', { class: 'more' }, `${formatExact(t.errors, locale)} playback errors`)
              : null,
          );
        },
      ),
  };
}

/** Events per type (page views, video events, custom events) with their distinct users. */
export function eventsPanel(locale: string | undefined): Panel {
  const c = card('events', 'Events');
  return {
    root: c.root,
    load: (view) =>
      load(
        c,
        view.signal,
        'event counts',
        () =>
          view.client.eventCounts({
            timeRange: view.range.timeRange,
            filter: view.filter,
            // Left out unless exact counts were asked for: eventCounts is exact by default.
            uniques: view.uniques,
          }),
        (counts) => {
          if (counts.length === 0) {
            c.body.replaceChildren(emptyState('No events in this range.'));
            return;
          }
          const max = Math.max(...counts.map((e) => e.count));
          c.body.replaceChildren(
            h(
              'table',
              { class: 'list' },
              h(
                'thead',
                {},
                h(
                  'tr',
                  {},
                  h('th', { scope: 'col' }, 'Event type'),
                  h(
                    'th',
                    { scope: 'col', class: 'num' },
                    counts.some((e) => e.estimated) ? estimatedMark() : null,
                    'Users',
                  ),
                  h('th', { scope: 'col', class: 'num' }, 'Events'),
                ),
              ),
              h(
                'tbody',
                {},
                ...counts.map((e) =>
                  h(
                    'tr',
                    { 'data-value': e.eventType },
                    h(
                      'td',
                      { class: 'label' },
                      h('div', { class: 'bar', style: `width:${((e.count / max) * 100).toFixed(1)}%` }),
                      h('span', { class: 'text' }, e.eventType),
                    ),
                    h('td', { class: 'num' }, count(e.uniqueUsers, locale)),
                    h('td', { class: 'num' }, count(e.count, locale)),
                  ),
                ),
              ),
            ),
          );
        },
      ),
  };
}
