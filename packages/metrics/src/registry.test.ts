import { describe, expect, it } from 'vitest';
import { MetricsRegistry, quantile, toPrometheusText } from './index.ts';

const at = () => new Date('2026-01-01T00:00:00Z');

describe('quantile', () => {
  it('uses the nearest rank', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(quantile(xs, 0.5)).toBe(50);
    expect(quantile(xs, 0.99)).toBe(99);
    expect(quantile(xs, 1)).toBe(100);
    expect(quantile([], 0.5)).toBeNaN();
  });
});

describe('MetricsRegistry', () => {
  it('counts, sets and summarises with labels', () => {
    const m = new MetricsRegistry('api', { now: at });
    m.inc('queries_total', 'Queries run', { type: 'eventCounts' });
    m.inc('queries_total', 'Queries run', { type: 'eventCounts' }, 2);
    m.set('buffer_bytes', 'Bytes buffered', 512);
    for (let i = 1; i <= 100; i++) m.observe('query_ms', 'Query latency', i, { type: 'topPages' });
    const snap = m.snapshot();
    expect(snap.at).toBe('2026-01-01T00:00:00.000Z');
    const byName = Object.fromEntries(snap.metrics.map((f) => [f.name, f]));
    expect(byName.queries_total?.samples).toEqual([{ labels: { type: 'eventCounts' }, value: 3 }]);
    expect(byName.buffer_bytes?.samples).toEqual([{ labels: {}, value: 512 }]);
    const q = Object.fromEntries(
      byName.query_ms!.samples.map((s) => [s.labels.quantile ?? s.labels.stat, s.value]),
    );
    expect(q).toEqual({ '0.5': 50, '0.95': 95, '0.99': 99, count: 100, sum: 5050 });
  });

  it('keeps only the newest observations in the window', () => {
    const m = new MetricsRegistry('api', { window: 10, now: at });
    for (let i = 1; i <= 100; i++) m.observe('x', 'x', i);
    const s = m.snapshot().metrics[0]!.samples;
    expect(s.find((x) => x.labels.quantile === '0.5')?.value).toBe(95);
    expect(s.find((x) => x.labels.stat === 'count')?.value).toBe(100);
  });

  it('refuses to change a family’s type', () => {
    const m = new MetricsRegistry('api');
    m.inc('x', 'x');
    expect(() => m.set('x', 'x', 1)).toThrow('metric x is a counter, not a gauge');
  });
});

describe('toPrometheusText', () => {
  it('renders families from several services with a service label', () => {
    const a = new MetricsRegistry('collector', { now: at });
    a.inc('events_total', 'Events accepted', { table: 'page_views' }, 7);
    const b = new MetricsRegistry('api', { now: at });
    b.observe('query_ms', 'Query "latency"', 4, { type: 'eventCounts' });
    b.inc('events_total', 'Events accepted', {}, 1);
    expect(toPrometheusText([a.snapshot(), b.snapshot()])).toBe(
      [
        '# HELP events_total Events accepted',
        '# TYPE events_total counter',
        'events_total{service="collector",table="page_views"} 7',
        'events_total{service="api"} 1',
        '# HELP query_ms Query "latency"',
        '# TYPE query_ms summary',
        'query_ms{service="api",type="eventCounts",quantile="0.5"} 4',
        'query_ms{service="api",type="eventCounts",quantile="0.95"} 4',
        'query_ms{service="api",type="eventCounts",quantile="0.99"} 4',
        'query_ms_count{service="api",type="eventCounts"} 1',
        'query_ms_sum{service="api",type="eventCounts"} 4',
        '',
      ].join('\n'),
    );
  });
});
