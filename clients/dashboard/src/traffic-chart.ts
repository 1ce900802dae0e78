import type { TrafficQuery } from '@analytics/client';
import {
  areaPath,
  type Box,
  labelIndexes,
  linePath,
  nearestIndex,
  niceScale,
  xPositions,
  yOf,
} from './chart-geometry.ts';
import { h, s } from './dom.ts';
import { formatBucket, formatBucketSpan, formatCount, formatExact } from './format.ts';

type Series = TrafficQuery['analytics']['traffic'];

const HEIGHT = 260;

/**
 * The traffic chart: page views as a filled area, visitors as a line, one
 * point per bucket, with a hover readout. Drawn as SVG by our own ~150 lines
 * (the geometry is in chart-geometry.ts): one chart type does not justify a
 * charting library's weight, and SVG text stays crisp at any size. Redrawn
 * when its container changes width.
 */
export class TrafficChart {
  readonly #host: HTMLElement;
  readonly #locale: string | undefined;
  #series: Series | undefined;
  #multiDay = false;
  #width = 0;

  constructor(host: HTMLElement, locale: string | undefined) {
    this.#host = host;
    this.#locale = locale;
    new ResizeObserver(() => {
      if (this.#series && this.#host.clientWidth !== this.#width) this.#draw();
    }).observe(host);
  }

  /** Draws a series; `multiDay` adds the date to hourly labels. */
  update(series: Series, multiDay: boolean): void {
    this.#series = series;
    this.#multiDay = multiDay;
    this.#draw();
  }

  #draw(): void {
    const series = this.#series;
    if (!series) return;
    const locale = this.#locale;
    this.#width = this.#host.clientWidth;
    const width = Math.max(320, this.#width);
    const box: Box = { width, height: HEIGHT, left: 44, right: 16, top: 14, bottom: 28 };
    const points = series.points;
    const scale = niceScale(Math.max(0, ...points.map((p) => p.pageviews)));
    const xs = xPositions(points.length, box);
    const pv = points.map((p) => yOf(p.pageviews, scale, box));
    const vis = points.map((p) => yOf(p.visitors, scale, box));
    const baseline = box.height - box.bottom;

    const grid = scale.ticks.map((t) => {
      const y = yOf(t, scale, box);
      return s(
        'g',
        { class: 'tick' },
        s('line', { x1: box.left, x2: width - box.right, y1: y, y2: y }),
        s('text', { x: box.left - 8, y: y + 4, 'text-anchor': 'end' }, formatCount(t, locale)),
      );
    });
    const maxLabels = Math.max(2, Math.floor((width - box.left - box.right) / 90));
    const labels = labelIndexes(points.length, maxLabels).map((i) =>
      s(
        'text',
        {
          class: 'x-label',
          x: xs[i] ?? 0,
          y: HEIGHT - 8,
          // The outermost labels stay inside the chart; the others centre on their bucket.
          'text-anchor':
            points.length > 1 && i === 0
              ? 'start'
              : points.length > 1 && i === points.length - 1
                ? 'end'
                : 'middle',
        },
        formatBucket(points[i]?.bucket ?? '', series.interval, this.#multiDay, locale),
      ),
    );
    // A line through one point draws nothing: mark lone or sparse points with dots.
    const dots =
      points.length <= 2
        ? points.flatMap((_, i) => [
            s('circle', { class: 'dot pageviews', cx: xs[i] ?? 0, cy: pv[i] ?? 0, r: 4 }),
            s('circle', { class: 'dot visitors', cx: xs[i] ?? 0, cy: vis[i] ?? 0, r: 4 }),
          ])
        : [];
    const guide = s('line', { class: 'guide', y1: box.top, y2: baseline, visibility: 'hidden' });
    const focusPv = s('circle', { class: 'dot pageviews', r: 4, visibility: 'hidden' });
    const focusVis = s('circle', { class: 'dot visitors', r: 4, visibility: 'hidden' });
    const overlay = s('rect', {
      class: 'overlay',
      x: box.left,
      y: box.top,
      width: Math.max(0, width - box.left - box.right),
      height: baseline - box.top,
    });
    const svg = s(
      'svg',
      {
        viewBox: `0 0 ${width} ${HEIGHT}`,
        width,
        height: HEIGHT,
        role: 'img',
        'aria-label': `Page views and visitors per ${series.interval.toLowerCase()}`,
      },
      ...grid,
      s('path', { class: 'area pageviews', d: areaPath(xs, pv, baseline) }),
      s('path', { class: 'line pageviews', d: linePath(xs, pv) }),
      s('path', { class: 'line visitors', d: linePath(xs, vis) }),
      ...dots,
      ...labels,
      guide,
      focusPv,
      focusVis,
      overlay,
    );
    const tooltip = h('div', { class: 'chart-tooltip', role: 'status', hidden: true });

    overlay.addEventListener('pointermove', (event) => {
      const rect = svg.getBoundingClientRect();
      const i = nearestIndex(((event.clientX - rect.left) * width) / rect.width, xs);
      const p = points[i];
      if (!p) return;
      const x = xs[i] ?? 0;
      for (const [el, y] of [
        [focusPv, pv[i] ?? 0],
        [focusVis, vis[i] ?? 0],
      ] as const) {
        el.setAttribute('cx', String(x));
        el.setAttribute('cy', String(y));
        el.setAttribute('visibility', 'visible');
      }
      guide.setAttribute('x1', String(x));
      guide.setAttribute('x2', String(x));
      guide.setAttribute('visibility', 'visible');
      const est = series.estimated ? '≈ ' : '';
      tooltip.replaceChildren(
        h('strong', {}, formatBucketSpan(p.bucket, series.interval, locale)),
        h('span', { class: 'key pageviews' }, `${formatExact(p.pageviews, locale)} page views`),
        h('span', { class: 'key visitors' }, `${est}${formatExact(p.visitors, locale)} visitors`),
        h('span', { class: 'key' }, `${est}${formatExact(p.sessions, locale)} sessions`),
      );
      tooltip.hidden = false;
      // Keep the readout inside the chart: left of the point on the right half.
      const left = (x / width) * rect.width;
      tooltip.style.left = x > width / 2 ? '' : `${left + 12}px`;
      tooltip.style.right = x > width / 2 ? `${rect.width - left + 12}px` : '';
    });
    overlay.addEventListener('pointerleave', () => {
      tooltip.hidden = true;
      for (const el of [guide, focusPv, focusVis]) el.setAttribute('visibility', 'hidden');
    });
    this.#host.replaceChildren(svg, tooltip);
  }
}
