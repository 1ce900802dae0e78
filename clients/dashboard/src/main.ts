/**
 * The dashboard at `/`: one page, every number from `POST /graphql` through
 * the typed client. The view lives in the query string; changing it aborts the
 * previous view's requests and reloads every panel, each on its own so a slow
 * or failing query holds up only its card. When the API wants a read key
 * (401/403), the cards give way to a sign-in form (read-key.ts, sign-in.ts).
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
import {
  type Auth,
  type AuthEvent,
  initialAuth,
  type KeyStorage,
  keyToSend,
  nextAuth,
  persistAuth,
  refusalOf,
} from './read-key.ts';
import { realtimePanel } from './realtime-panel.ts';
import { signInForm } from './sign-in.ts';
import { eventFilter, resolveRange, uniquesMode } from './time-range.ts';

const found = document.getElementById('dashboard');
if (!found) throw new Error('the dashboard page has no #dashboard element');
const mount: HTMLElement = found;
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
const forget = h(
  'button',
  { type: 'button', class: 'link forget-key', hidden: true, onclick: () => update({ type: 'forget' }) },
  'Forget key',
);
const grid = h('main', { class: 'grid' }, ...panels.map((p) => p.root));
const signIn = h('div', { class: 'sign-in-slot', hidden: true });
mount.replaceChildren(
  h(
    'header',
    { class: 'top' },
    h('h1', {}, h('a', { class: 'brand', href: '/' }, 'Analytics')),
    subtitle,
    live,
    forget,
  ),
  bar,
  signIn,
  grid,
);

/** `localStorage`, or undefined where the browser refuses it (blocked storage, some private modes). */
function keyStorage(): KeyStorage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

const storage = keyStorage();
let auth: Auth = initialAuth(storage);
let state: DashboardState = parseState(location.search);
let controller: AbortController | undefined;

/** Applies an auth event: storage follows, then the page shows the form or the cards (reloaded when the key changed). */
function update(event: AuthEvent): void {
  const before = auth;
  auth = nextAuth(auth, event);
  persistAuth(storage, auth);
  mount.setAttribute('data-auth', auth.kind);
  forget.hidden = auth.kind !== 'key';
  if (auth.kind === 'sign-in') {
    // Nothing more is asked with a refused key; the realtime loop stops with the view.
    controller?.abort();
    live.hidden = true;
    subtitle.textContent = '';
    bar.hidden = true;
    grid.hidden = true;
    signIn.hidden = false;
    signIn.replaceChildren(signInForm(auth.prompt, (input) => update({ type: 'submit', input })));
    document.title = 'Analytics · Sign in';
    return;
  }
  bar.hidden = false;
  grid.hidden = false;
  signIn.hidden = true;
  signIn.replaceChildren();
  if (keyToSend(before) !== keyToSend(auth) || before.kind === 'sign-in') show();
}

/**
 * The page's fetch for one view: aborted with the view, and watching for the
 * API's 401/403, which turn the page into the sign-in form.
 */
function viewFetch(signal: AbortSignal): (request: Request) => Promise<Response> {
  return async (request) => {
    const response = await fetch(request, { signal });
    const refusal = await refusalOf(response);
    if (signal.aborted) return response;
    if (refusal) update({ type: 'refused', refusal });
    else if (auth.kind === 'key' && auth.entered) update({ type: 'answered' });
    return response;
  };
}

/** Moves to another view: a new history entry, then every panel reloads. */
function navigate(patch: Partial<DashboardState>): void {
  state = { ...state, ...patch };
  history.pushState(null, '', `${location.pathname}${serializeState(state)}`);
  show();
}

function show(): void {
  controller?.abort();
  if (auth.kind === 'sign-in') return;
  controller = new AbortController();
  const signal = controller.signal;
  const now = Date.now();
  const range = resolveRange(state, now);
  const client = new AnalyticsClient({ url: endpoint, apiKey: keyToSend(auth), fetch: viewFetch(signal) });
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
mount.setAttribute('data-auth', auth.kind);
forget.hidden = auth.kind !== 'key';
show();
