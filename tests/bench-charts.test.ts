/**
 * The benchmark charts (bench/charts.ts): bars where the figures put them,
 * labels escaped, and the committed pictures drawn from the committed
 * results (so RESULTS.md never shows a chart of other numbers than its tables').
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestChart, latencyChart, writeCharts } from '../bench/charts.ts';

/** The `width` of every bar (a `<rect>` of this fill, taller than the legend's swatches), in document order. */
function widths(svg: string, fill: string): number[] {
  return [
    ...svg.matchAll(
      new RegExp(`<rect x="[\\d.]+" y="[\\d.]+" width="([\\d.]+)" height="(?:11|16)" fill="${fill}"/>`, 'g'),
    ),
  ].map((m) => Number(m[1]));
}

describe('latencyChart', () => {
  const svg = latencyChart(
    [
      { query: 'eventCounts', engine: { p50: 1, p99: 10 }, floor: { p50: 100, p99: 1000 } },
      { query: 'a <b> & "c"', engine: { p50: 0.1, p99: 0.1 } },
    ],
    'caption',
  );

  it('draws p50 and p99 bars on a log scale: each decade is the same length', () => {
    const ours = widths(svg, '#2563eb');
    const oursP99 = widths(svg, '#93c5fd');
    const floor = widths(svg, '#9ca3af');
    const floorP99 = widths(svg, '#d1d5db');
    // 0.1 ms is the axis' origin; 1 → 10 → 100 → 1000 ms are equal steps.
    expect(ours[1]).toBeCloseTo(0, 6);
    const decade = ours[0]!;
    expect(decade).toBeGreaterThan(0);
    expect(oursP99[0]).toBeCloseTo(2 * decade, 6);
    expect(floor[0]).toBeCloseTo(3 * decade, 6);
    expect(floorP99[0]).toBeCloseTo(4 * decade, 6);
    // A query without a floor has no floor bar.
    expect(floor).toHaveLength(1);
  });

  it('escapes query names and shows the figures', () => {
    expect(svg).toContain('a &#60;b&#62; &#38; &#34;c&#34;');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('1.0 ms / 10 ms');
    expect(svg).toContain('100 ms / 1.0 s');
  });
});

/** The figures every ingest run has: the stack's, the floor and the goal. */
const STACK_FIGURES = {
  accepted_events_per_second: 10_000,
  flush_events_per_second: 5_000,
  sqlite_baseline_events_per_second: 40_000,
  goal_events_per_second: 50_000,
  events: 1000,
  batch: 100,
};

describe('ingestChart', () => {
  it('draws bars proportional to events/s with the goal as a line', () => {
    const svg = ingestChart(STACK_FIGURES, 'caption');
    const [accepted] = widths(svg, '#2563eb');
    const [flushed] = widths(svg, '#93c5fd');
    const [floor] = widths(svg, '#9ca3af');
    expect(flushed! / accepted!).toBeCloseTo(0.5, 6);
    expect(floor! / accepted!).toBeCloseTo(4, 6);
    expect(svg).toContain('10,000/s');
    expect(svg).toContain('goal 50,000/s');
    expect(svg).not.toContain('one collector');
  });

  it('adds a bar for each of the later figures present: one collector and the ceilings', () => {
    const svg = ingestChart(
      {
        ...STACK_FIGURES,
        collector_alone_events_per_second: 25_000,
        ceiling_durable_events_per_second: 30_000,
        ceiling_noop_events_per_second: 60_000,
      },
      'caption',
    );
    const [accepted, alone] = widths(svg, '#2563eb');
    const [durable, noop] = widths(svg, '#d1d5db');
    expect(alone! / accepted!).toBeCloseTo(2.5, 6);
    expect(durable! / accepted!).toBeCloseTo(3, 6);
    expect(noop! / accepted!).toBeCloseTo(6, 6);
    for (const label of ['one collector, alone', 'least durable Worker', 'no-op Worker', '60,000/s'])
      expect(svg).toContain(label);
  });
});

describe('bench/charts', () => {
  it('are what the committed results.json files draw', () => {
    const out = mkdtempSync(join(tmpdir(), 'charts-'));
    try {
      const files = writeCharts(out);
      expect(files.map((f) => f.slice(out.length + 1)).sort()).toEqual(['ingest.svg', 'query-latency.svg']);
      for (const file of files) {
        const committed = readFileSync(
          join(import.meta.dirname, '..', 'bench', 'charts', file.slice(out.length + 1)),
          'utf8',
        );
        expect(readFileSync(file, 'utf8'), `${file}: run npx node bench/charts.ts`).toBe(committed);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
