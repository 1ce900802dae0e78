/**
 * `/metrics`: every service keeps a `MetricsRegistry` (@analytics/metrics) and
 * serves its snapshot as JSON at `GET /metrics?format=json` on its own origin;
 * this module gathers them and shapes the ops contract's `MetricsReport`, or
 * Prometheus text. Well-known metric names (what services record):
 *
 * - `analytics_query_latency_ms` summary, label `query_type` (api, query engine)
 * - `analytics_events_total`, `analytics_events_rejected_total`,
 *   `analytics_events_duplicates_total` counters; `analytics_events_per_second` gauge (collector)
 * - `analytics_buffer_events`, `analytics_buffer_bytes`, `analytics_buffer_fill_ratio`,
 *   `analytics_buffer_oldest_event_age_seconds` gauges, label `table` (collector)
 * - `analytics_compaction_runs_total`, `analytics_compaction_files_rewritten_total`,
 *   `analytics_compaction_bytes_rewritten_total` counters (maintenance)
 * - `analytics_cache_hits_total`, `analytics_cache_misses_total` counters, label `cache`
 */
import type {
  BufferMetrics,
  CacheMetrics,
  MetricsReport,
  QueryLatency,
} from '@analytics/generated/ops/types';
import { type MetricFamily, type MetricsSnapshot, toPrometheusText } from '@analytics/metrics';

/** The window the services' summaries cover (their registries keep the newest 2048 observations). */
export const WINDOW_SECONDS = 300;

export interface MetricsSource {
  readonly service: string;
  fetch(): Promise<Response>;
}

/** Fetches each service's snapshot; a service that fails is left out (its health says why). */
export async function gather(sources: readonly MetricsSource[]): Promise<MetricsSnapshot[]> {
  const snaps = await Promise.all(
    sources.map(async (s) => {
      try {
        const res = await s.fetch();
        if (!res.ok) return undefined;
        const body = (await res.json()) as MetricsSnapshot;
        return Array.isArray(body.metrics) ? body : undefined;
      } catch {
        return undefined;
      }
    }),
  );
  return snaps.filter((s): s is MetricsSnapshot => s !== undefined);
}

function families(snaps: readonly MetricsSnapshot[], name: string): MetricFamily[] {
  return snaps.flatMap((s) => s.metrics.filter((m) => m.name === name));
}

function sum(snaps: readonly MetricsSnapshot[], name: string): number {
  return families(snaps, name)
    .flatMap((f) => f.samples)
    .reduce((acc, s) => acc + s.value, 0);
}

function byLabel(snaps: readonly MetricsSnapshot[], name: string, label: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of families(snaps, name)) {
    for (const s of f.samples) {
      const k = s.labels[label];
      if (k !== undefined) out.set(k, (out.get(k) ?? 0) + s.value);
    }
  }
  return out;
}

function queries(snaps: readonly MetricsSnapshot[]): QueryLatency[] {
  const rows = new Map<string, Partial<Record<string, number>>>();
  for (const f of families(snaps, 'analytics_query_latency_ms')) {
    for (const s of f.samples) {
      const type = s.labels.query_type ?? 'unknown';
      const row = rows.get(type) ?? {};
      row[s.labels.quantile ?? s.labels.stat ?? ''] = s.value;
      rows.set(type, row);
    }
  }
  return [...rows].map(([query_type, r]) => ({
    query_type,
    count: r.count ?? 0,
    p50_ms: r['0.5'] ?? 0,
    p95_ms: r['0.95'] ?? 0,
    p99_ms: r['0.99'] ?? 0,
  }));
}

function buffers(snaps: readonly MetricsSnapshot[]): BufferMetrics[] {
  const events = byLabel(snaps, 'analytics_buffer_events', 'table');
  const bytes = byLabel(snaps, 'analytics_buffer_bytes', 'table');
  const fill = byLabel(snaps, 'analytics_buffer_fill_ratio', 'table');
  const age = byLabel(snaps, 'analytics_buffer_oldest_event_age_seconds', 'table');
  const tables = new Set([...events.keys(), ...bytes.keys()]);
  return [...tables].sort().map((table) => ({
    table,
    events: events.get(table) ?? 0,
    bytes: bytes.get(table) ?? 0,
    fill_ratio: fill.get(table) ?? 0,
    ...(age.has(table) ? { oldest_event_age_seconds: age.get(table) } : {}),
  }));
}

function caches(snaps: readonly MetricsSnapshot[]): CacheMetrics[] {
  const hits = byLabel(snaps, 'analytics_cache_hits_total', 'cache');
  const misses = byLabel(snaps, 'analytics_cache_misses_total', 'cache');
  return [...new Set([...hits.keys(), ...misses.keys()])].sort().map((cache) => {
    const h = hits.get(cache) ?? 0;
    const m = misses.get(cache) ?? 0;
    return { cache, hits: h, misses: m, hit_ratio: h + m === 0 ? 0 : h / (h + m) };
  });
}

/** The contract's JSON report. */
export function toReport(snaps: readonly MetricsSnapshot[], now: Date): MetricsReport {
  return {
    generated_at: now.toISOString(),
    window_seconds: WINDOW_SECONDS,
    queries: queries(snaps),
    ingest: {
      events_per_second: sum(snaps, 'analytics_events_per_second'),
      events_total: sum(snaps, 'analytics_events_total'),
      rejected_total: sum(snaps, 'analytics_events_rejected_total'),
      duplicates_total: sum(snaps, 'analytics_events_duplicates_total'),
    },
    buffers: buffers(snaps),
    compaction: {
      runs_total: sum(snaps, 'analytics_compaction_runs_total'),
      files_rewritten_total: sum(snaps, 'analytics_compaction_files_rewritten_total'),
      bytes_rewritten_total: sum(snaps, 'analytics_compaction_bytes_rewritten_total'),
    },
    caches: caches(snaps),
  };
}

/** Prometheus text: every service's families, plus the derived cache hit ratio. */
export function toPrometheus(snaps: readonly MetricsSnapshot[], now: Date): string {
  const ratio: MetricsSnapshot = {
    service: 'health',
    at: now.toISOString(),
    metrics: [
      {
        name: 'analytics_cache_hit_ratio',
        help: 'Cache hits / (hits + misses) since start',
        type: 'gauge',
        samples: caches(snaps).map((c) => ({ labels: { cache: c.cache }, value: c.hit_ratio })),
      },
    ],
  };
  return toPrometheusText([...snaps, ratio]);
}
