/**
 * The dashboard at `/`: one page, every number from `POST /graphql` through
 * the typed client. The view lives in the query string; changing it aborts the
 * previous view's requests and reloads every panel, each on its own so a slow
 * or failing query holds up only its card.
 */
import { AnalyticsClient } from '@analytics/client';
import { PERIOD_LABELS, toolbar } from './controls.ts';
import { type DashboardState, parseState, serializeState } from './dashboard-state.ts';
import { h } from './dom.ts';
import { formatExact, formatRange } from './format.ts';
import {
  breakdownPanel,
  eventsPanel,
  type Panel,
  topPagesPanel,
  trafficPanel,
  videoPanel,
} from './panels.ts';
import { realtimePanel } from './realtime-panel.ts';
import { eventFilter, resolveRange, uniquesMode } from './time-range.ts';

const mount = document.getElementById('dashboard');
if (!mount) throw new Error('the dashboard page has no #dashboard element');
const locale = navigator.language;
const endpoint = new URL('/graphql', location.href).href;

const live = h('span', { class: 'live', 'data-metric': 'live-visitors', hidden: true });
const onVisitors = (n: number | null) => {
  live.hidden = n === null;
  if (n !== null)
    live.textContent = `${formatExact(n, locale)} ${n === 1 ? 'visitor' : 'visitors'} in the last 30 min`;
};

const panels: Panel[] = [
  trafficPanel(locale),
  realtimePanel(locale, onVisitors),
  topPagesPanel(locale),
  breakdownPanel(
    'sources',
    'Sources',
    [
      { key: 'REFERRER', label: 'Referrers', column: 'Referrer' },
      { key: 'UTM_SOURCE', label: 'UTM source', column: 'Source' },
      { key: 'UTM_MEDIUM', label: 'UTM medium', column: 'Medium' },
      { key: 'UTM_CAMPAIGN', label: 'UTM campaign', column: 'Campaign' },
    ],
    locale,
  ),
  breakdownPanel(
    'locations',
    'Locations',
    [{ key: 'COUNTRY', label: 'Countries', column: 'Country' }],
    locale,
  ),
  breakdownPanel(
    'devices',
    'Devices',
    [
      { key: 'BROWSER', label: 'Browser', column: 'Browser' },
      { key: 'OS', label: 'OS', column: 'Operating system' },
      { key: 'DEVICE_TYPE', label: 'Device', column: 'Device type' },
    ],
    locale,
  ),
  videoPanel(locale),
  eventsPanel(locale),
];

const bar = h('div', { class: 'toolbar-slot' });
const subtitle = h('span', { class: 'subtitle' });
mount.replaceChildren(
  h(
    'header',
    { class: 'top' },
    h('h1', {}, h('a', { class: 'brand', href: '/' }, 'Analytics')),
    subtitle,
    live,
  ),
  bar,
  h('main', { class: 'grid' }, ...panels.map((p) => p.root)),
);

let state: DashboardState = parseState(location.search);
let controller: AbortController | undefined;

/** Moves to another view: a new history entry, then every panel reloads. */
function navigate(patch: Partial<DashboardState>): void {
  state = { ...state, ...patch };
  history.pushState(null, '', `${location.pathname}${serializeState(state)}`);
  show();
}

function show(): void {
  controller?.abort();
  controller = new AbortController();
  const signal = controller.signal;
  const now = Date.now();
  const range = resolveRange(state, now);
  const client = new AnalyticsClient({ url: endpoint, fetch: (request) => fetch(request, { signal }) });
  const label =
    state.period === 'custom'
      ? formatRange(range.timeRange.start, range.timeRange.end, locale)
      : PERIOD_LABELS[state.period];
  document.title = `Analytics · ${label}`;
  const scope = [state.projectId, state.environment].filter(Boolean).join(' · ');
  subtitle.textContent = scope
    ? `${scope}${state.pathPrefix ? ` · ${state.pathPrefix}` : ''}`
    : state.pathPrefix || 'all projects';
  bar.replaceChildren(toolbar(state, now, navigate));
  const view = {
    client,
    state,
    range,
    filter: eventFilter(state),
    uniques: uniquesMode(state),
    locale,
    signal,
    navigate,
  };
  for (const panel of panels) void panel.load(view);
}

window.addEventListener('popstate', () => {
  state = parseState(location.search);
  show();
});
show();
