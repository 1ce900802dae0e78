import type { RealtimeQuery } from '@analytics/client';
import { bars } from './chart-geometry.ts';
import { h, s } from './dom.ts';
import { formatBucket, formatClock, formatExact } from './format.ts';
import { topPageRows } from './list-rows.ts';
import type { Panel, View } from './panels.ts';
import { card, count, emptyState, errorBox, list } from './ui.ts';

type Realtime = RealtimeQuery['analytics']['realtime'];

/** How often the realtime panel asks again while the page is visible. */
export const REALTIME_REFRESH_MS = 10_000;
/** The window it shows. */
export const REALTIME_MINUTES = 30;

/**
 * The last 30 minutes, events still in the collector's buffers included,
 * refreshed every 10 s while the tab is visible (a hidden tab sends nothing).
 * `onVisitors` gets the visitor count for the header's live badge (null on error).
 */
export function realtimePanel(locale: string | undefined, onVisitors: (n: number | null) => void): Panel {
  const updated = h('span', { class: 'updated' });
  const c = card('realtime', `Realtime · last ${REALTIME_MINUTES} minutes`, updated);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current: View | undefined;

  const draw = (r: Realtime) => {
    const stat = (metric: string, label: string, n: number) =>
      h(
        'div',
        { class: 'total small', 'data-metric': metric, 'data-value': n },
        h('dt', {}, label),
        h('dd', {}, count(n, locale)),
      );
    const stats = h(
      'dl',
      { class: 'totals compact' },
      stat('visitors', 'Visitors', r.visitors),
      stat('pageviews', 'Page views', r.pageviews),
      stat('events', 'Events', r.events),
      stat('buffered', 'Not yet in Iceberg', r.bufferedEvents),
    );
    if (r.events === 0) {
      c.body.replaceChildren(stats, emptyState(`No events in the last ${REALTIME_MINUTES} minutes.`));
      return;
    }
    const W = 300;
    const H = 64;
    const minutes = bars(
      r.perMinute.map((p) => p.pageviews),
      W,
      H,
    );
    const chart = s(
      'svg',
      {
        class: 'minutes',
        viewBox: `0 0 ${W} ${H}`,
        preserveAspectRatio: 'none',
        role: 'img',
        'aria-label': 'Page views per minute',
      },
      ...minutes.map((b, i) => {
        const p = r.perMinute[i];
        return s(
          'rect',
          { x: b.x, y: b.y, width: b.width, height: b.height },
          s(
            'title',
            {},
            p
              ? `${formatBucket(p.bucket, 'MINUTE', false, locale)} UTC: ${formatExact(p.pageviews, locale)} page views`
              : '',
          ),
        );
      }),
    );
    c.body.replaceChildren(
      stats,
      h(
        'div',
        { class: 'realtime-grid' },
        h(
          'figure',
          { class: 'minutes' },
          chart,
          h(
            'figcaption',
            {},
            h('span', {}, `${REALTIME_MINUTES} min ago`),
            h('span', {}, 'page views per minute'),
            h('span', {}, 'now'),
          ),
        ),
        r.topPages.length > 0
          ? list(topPageRows(r.topPages), { label: 'Page', estimated: false, locale })
          : emptyState('No page views in the window.'),
      ),
    );
  };

  // Each call supersedes the previous one (a new view, or the tab becoming
  // visible again), so there is never more than one refresh loop.
  let generation = 0;
  const refresh = async (view: View) => {
    const mine = ++generation;
    clearTimeout(timer);
    // A hidden tab asks nothing; `visibilitychange` starts the loop again.
    if (view.signal.aborted || document.hidden) return;
    c.root.setAttribute('aria-busy', 'true');
    try {
      const r = await view.client.realtime({ filter: view.filter, minutes: REALTIME_MINUTES });
      if (mine !== generation || view.signal.aborted) return;
      draw(r);
      c.root.dataset.state = 'ready';
      updated.textContent = `updated ${formatClock(Date.now(), locale)}`;
      onVisitors(r.visitors);
    } catch (error) {
      if (mine !== generation || view.signal.aborted) return;
      c.body.replaceChildren(errorBox(error, 'realtime'));
      c.root.dataset.state = 'error';
      onVisitors(null);
    }
    c.root.removeAttribute('aria-busy');
    timer = setTimeout(() => void refresh(view), REALTIME_REFRESH_MS);
  };

  document.addEventListener('visibilitychange', () => {
    if (!document.hidden && current) void refresh(current);
  });

  return {
    root: c.root,
    load: (view) => {
      current = view;
      return refresh(view);
    },
  };
}
