/**
 * The arithmetic of the traffic chart, apart from the DOM so it can be tested:
 * a "nice" value axis, x positions of the buckets, SVG path strings and which
 * buckets get an axis label.
 */

/** A value axis from 0 to `max` with gridlines at `ticks`. */
export interface Scale {
  readonly max: number;
  readonly ticks: readonly number[];
}

/**
 * An axis for counts up to `maxValue` with about `tickCount` steps of 1, 2 or
 * 5 × 10ⁿ (never below 1: counts are whole). An empty series gets 0..1.
 */
export function niceScale(maxValue: number, tickCount = 4): Scale {
  const top = Math.max(1, Number.isFinite(maxValue) ? maxValue : 0);
  const raw = top / tickCount;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const residual = raw / magnitude;
  const step = Math.max(1, (residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10) * magnitude);
  const max = Math.ceil(top / step) * step;
  const ticks: number[] = [];
  for (let t = 0; t <= max + step / 2; t += step) ticks.push(Math.round(t));
  return { max, ticks };
}

/** The drawing area inside the SVG: its size and the margins kept for the axes. */
export interface Box {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

/** x of each of `n` buckets, spread over the plot's width (a single bucket sits in the middle). */
export function xPositions(n: number, box: Box): number[] {
  const from = box.left;
  const to = box.width - box.right;
  if (n <= 0) return [];
  if (n === 1) return [(from + to) / 2];
  return Array.from({ length: n }, (_, i) => from + ((to - from) * i) / (n - 1));
}

/** y of a value on a scale (0 at the bottom of the plot). */
export function yOf(value: number, scale: Scale, box: Box): number {
  const bottom = box.height - box.bottom;
  return bottom - ((bottom - box.top) * value) / scale.max;
}

const r = (v: number) => Math.round(v * 10) / 10;

/** An SVG path through the points (`M x y L x y …`). */
export function linePath(xs: readonly number[], ys: readonly number[]): string {
  return xs.map((x, i) => `${i === 0 ? 'M' : 'L'}${r(x)} ${r(ys[i] ?? 0)}`).join('');
}

/** The same path closed down to `baseline`, for a filled area under the line. */
export function areaPath(xs: readonly number[], ys: readonly number[], baseline: number): string {
  if (xs.length === 0) return '';
  const first = xs[0] ?? 0;
  const last = xs[xs.length - 1] ?? 0;
  return `${linePath(xs, ys)}L${r(last)} ${r(baseline)}L${r(first)} ${r(baseline)}Z`;
}

/**
 * Which of `n` buckets get an x-axis label: at most `maxLabels`, evenly
 * spaced, always starting with the first.
 */
export function labelIndexes(n: number, maxLabels: number): number[] {
  if (n <= 0) return [];
  const step = Math.max(1, Math.ceil(n / Math.max(1, maxLabels)));
  const out: number[] = [];
  for (let i = 0; i < n; i += step) out.push(i);
  return out;
}

/** The bucket nearest to a pointer's x (for the hover tooltip). */
export function nearestIndex(x: number, xs: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < xs.length; i++) {
    if (Math.abs((xs[i] ?? 0) - x) < Math.abs((xs[best] ?? 0) - x)) best = i;
  }
  return best;
}

/** A bar of a small bar chart: its left edge, width, top and height in the chart's units. */
export interface Bar {
  readonly x: number;
  readonly width: number;
  readonly y: number;
  readonly height: number;
}

/**
 * Bars for `values` side by side across `width` × `height`, scaled to the
 * largest value, with `gap` between them. A non-zero value is at least 1 unit
 * tall so a single event still shows.
 */
export function bars(values: readonly number[], width: number, height: number, gap = 1): Bar[] {
  const max = Math.max(0, ...values);
  const slot = values.length > 0 ? width / values.length : 0;
  return values.map((v, i) => {
    const tall = max > 0 && v > 0 ? Math.max(1, (height * v) / max) : 0;
    return { x: i * slot + gap / 2, width: Math.max(0, slot - gap), y: height - tall, height: tall };
  });
}
