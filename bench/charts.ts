/**
 * Pictures of the benchmark figures for bench/RESULTS.md: plain SVG files
 * (no dependencies, readable on any Markdown host) written from each
 * benchmark's results.json. The query and ingest runs call `writeCharts`
 * when they finish; `npx node bench/charts.ts` redraws them from the files.
 *
 * - `charts/query-latency.svg`: p50 and p99 of every query, ours against the
 *   DuckDB-over-a-glob floor, on a log scale with the 50 / 100 ms goals.
 * - `charts/ingest.svg`: accepted and flushed events/s of the stack, one
 *   collector alone, the dev server's ceilings (no-op and least durable
 *   Worker) and the SQLite floor, with the 50,000 events/s goal.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const here = dirname(new URL(import.meta.url).pathname);

export interface LatencyRow {
  readonly query: string;
  readonly engine: { readonly p50: number; readonly p99: number };
  readonly floor?: { readonly p50: number; readonly p99: number } | null;
}

export interface IngestFigures {
  readonly accepted_events_per_second: number;
  readonly flush_events_per_second: number;
  readonly sqlite_baseline_events_per_second: number;
  readonly goal_events_per_second: number;
  readonly events: number;
  readonly batch: number;
  /** Figures of later runs; a bar is drawn for each one present. */
  readonly collector_alone_events_per_second?: number;
  readonly ceiling_durable_events_per_second?: number;
  readonly ceiling_noop_events_per_second?: number;
}

const FONT = 'font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="12"';
const COLORS = {
  ours: '#2563eb',
  oursLight: '#93c5fd',
  floor: '#9ca3af',
  floorLight: '#d1d5db',
  goal: '#dc2626',
};

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function svg(width: number, height: number, title: string, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${FONT}>`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}

/** Formats a duration in ms the way the tables do: 0.58 ms, 13 ms, 1.8 s. */
function ms(value: number): string {
  if (value >= 1000) return `${(value / 1000).toFixed(1)} s`;
  if (value >= 10) return `${Math.round(value)} ms`;
  return `${value.toFixed(value >= 1 ? 1 : 2)} ms`;
}

/**
 * Horizontal bars per query on a log scale: our p50 (dark) inside our p99
 * (light), the floor's the same below it, dashed lines at the goals.
 */
export function latencyChart(rows: readonly LatencyRow[], caption: string): string {
  const labelWidth = 190;
  const plotWidth = 560;
  const rowHeight = 34;
  const top = 52;
  const height = top + rows.length * rowHeight + 44;
  const width = labelWidth + plotWidth + 30;
  const minLog = -1; // 0.1 ms
  const maxLog = 4; // 10 s
  const x = (valueMs: number) => {
    const l = Math.min(maxLog, Math.max(minLog, Math.log10(Math.max(valueMs, 1e-3))));
    return labelWidth + ((l - minLog) / (maxLog - minLog)) * plotWidth;
  };
  const body: string[] = [
    `<text x="12" y="20" font-size="14" font-weight="600">${escapeXml(caption)}</text>`,
    `<rect x="${labelWidth}" y="30" width="10" height="10" fill="${COLORS.ours}"/><text x="${labelWidth + 14}" y="39">ours p50 (light: p99)</text>`,
    `<rect x="${labelWidth + 170}" y="30" width="10" height="10" fill="${COLORS.floor}"/><text x="${labelWidth + 184}" y="39">DuckDB over a glob (floor) p50 (light: p99)</text>`,
  ];
  const bottom = top + rows.length * rowHeight;
  for (let l = minLog; l <= maxLog; l++) {
    const gx = x(10 ** l);
    body.push(
      `<line x1="${gx}" y1="${top - 4}" x2="${gx}" y2="${bottom}" stroke="#e5e7eb"/>`,
      `<text x="${gx}" y="${bottom + 16}" text-anchor="middle" fill="#6b7280">${ms(10 ** l)}</text>`,
    );
  }
  // The two goals sit close on a log scale: one label to the left of its line, one to the right.
  for (const [goal, label, anchor, dx] of [
    [50, 'p50 goal 50 ms', 'end', -4],
    [100, 'p99 goal 100 ms', 'start', 4],
  ] as const) {
    const gx = x(goal);
    body.push(
      `<line x1="${gx}" y1="${top - 4}" x2="${gx}" y2="${bottom + 20}" stroke="${COLORS.goal}" stroke-dasharray="4 3"/>`,
      `<text x="${gx + dx}" y="${bottom + 32}" text-anchor="${anchor}" fill="${COLORS.goal}">${label}</text>`,
    );
  }
  rows.forEach((row, i) => {
    const y = top + i * rowHeight;
    body.push(
      `<text x="${labelWidth - 8}" y="${y + 16}" text-anchor="end">${escapeXml(row.query)}</text>`,
      `<rect x="${labelWidth}" y="${y + 3}" width="${x(row.engine.p99) - labelWidth}" height="11" fill="${COLORS.oursLight}"/>`,
      `<rect x="${labelWidth}" y="${y + 3}" width="${x(row.engine.p50) - labelWidth}" height="11" fill="${COLORS.ours}"/>`,
      `<text x="${x(row.engine.p99) + 4}" y="${y + 13}" fill="#1e3a8a">${ms(row.engine.p50)} / ${ms(row.engine.p99)}</text>`,
    );
    if (row.floor)
      body.push(
        `<rect x="${labelWidth}" y="${y + 16}" width="${x(row.floor.p99) - labelWidth}" height="11" fill="${COLORS.floorLight}"/>`,
        `<rect x="${labelWidth}" y="${y + 16}" width="${x(row.floor.p50) - labelWidth}" height="11" fill="${COLORS.floor}"/>`,
        `<text x="${x(row.floor.p99) + 4}" y="${y + 26}" fill="#374151">${ms(row.floor.p50)} / ${ms(row.floor.p99)}</text>`,
      );
  });
  return svg(width, height, caption, body);
}

/** Bars of events/s: accepted and flushed (ours), the SQLite floor, with the goal as a line. */
export function ingestChart(figures: IngestFigures, caption: string): string {
  const optional = (label: string, value: number | undefined, color: string) =>
    value === undefined ? [] : [{ label, value, color }];
  const bars = [
    { label: 'stack: accepted', value: figures.accepted_events_per_second, color: COLORS.ours },
    { label: 'stack: flushed to Iceberg', value: figures.flush_events_per_second, color: COLORS.oursLight },
    ...optional('one collector, alone', figures.collector_alone_events_per_second, COLORS.ours),
    ...optional('least durable Worker', figures.ceiling_durable_events_per_second, COLORS.floorLight),
    ...optional('no-op Worker', figures.ceiling_noop_events_per_second, COLORS.floorLight),
    { label: 'SQLite insert (floor)', value: figures.sqlite_baseline_events_per_second, color: COLORS.floor },
  ];
  const labelWidth = 170;
  const plotWidth = 520;
  const width = labelWidth + plotWidth + 110;
  const top = 40;
  const rowHeight = 30;
  const bottom = top + bars.length * rowHeight;
  const height = bottom + 40;
  const max = Math.max(figures.goal_events_per_second, ...bars.map((b) => b.value)) * 1.05;
  const x = (v: number) => labelWidth + (v / max) * plotWidth;
  const body: string[] = [
    `<text x="12" y="20" font-size="14" font-weight="600">${escapeXml(caption)}</text>`,
  ];
  const step = 10_000;
  for (let v = 0; v <= max; v += step) {
    body.push(
      `<line x1="${x(v)}" y1="${top - 6}" x2="${x(v)}" y2="${bottom}" stroke="#e5e7eb"/>`,
      `<text x="${x(v)}" y="${bottom + 16}" text-anchor="middle" fill="#6b7280">${v === 0 ? '0' : `${v / 1000}k`}</text>`,
    );
  }
  bars.forEach((bar, i) => {
    const y = top + i * rowHeight;
    body.push(
      `<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end">${escapeXml(bar.label)}</text>`,
      `<rect x="${labelWidth}" y="${y + 3}" width="${x(bar.value) - labelWidth}" height="16" fill="${bar.color}"/>`,
      `<text x="${x(bar.value) + 4}" y="${y + 15}">${Math.round(bar.value).toLocaleString('en-US')}/s</text>`,
    );
  });
  const gx = x(figures.goal_events_per_second);
  body.push(
    `<line x1="${gx}" y1="${top - 6}" x2="${gx}" y2="${bottom}" stroke="${COLORS.goal}" stroke-dasharray="4 3"/>`,
    `<text x="${gx}" y="${bottom + 32}" text-anchor="middle" fill="${COLORS.goal}">goal ${figures.goal_events_per_second.toLocaleString('en-US')}/s</text>`,
  );
  return svg(width, height, caption, body);
}

function readJson<T>(path: string): T | undefined {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : undefined;
}

/** Redraws bench/charts/*.svg from the results.json files present; returns the files written. */
export function writeCharts(outDir = join(here, 'charts')): string[] {
  mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  const query = readJson<{ date: string; events: number; results: LatencyRow[] }>(
    join(here, 'query', 'results.json'),
  );
  if (query) {
    const file = join(outDir, 'query-latency.svg');
    const caption = `Query latency, ${query.events.toLocaleString('en-US')} page views (${query.date.slice(0, 10)}), log scale`;
    writeFileSync(file, latencyChart(query.results, caption));
    written.push(file);
  }
  const ingest = readJson<IngestFigures & { at: string }>(join(here, 'ingest', 'results.json'));
  if (ingest) {
    const file = join(outDir, 'ingest.svg');
    const caption = `Ingest, ${ingest.events.toLocaleString('en-US')} events in batches of ${ingest.batch} (${ingest.at.slice(0, 10)})`;
    writeFileSync(file, ingestChart(ingest, caption));
    written.push(file);
  }
  return written;
}

if (import.meta.main) for (const file of writeCharts()) console.log(`wrote ${file}`);
