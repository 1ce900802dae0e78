/**
 * Latency percentiles per query type and counters, as Prometheus text and JSON
 * in the shared `@analytics/metrics` shapes.
 */
import { type MetricsSnapshot, type Sample, toPrometheusText } from '@analytics/metrics';

export class LatencyMetrics {
  readonly #windows = new Map<string, number[]>();
  readonly #counters = new Map<string, number>();
  readonly #window: number;

  constructor(window = 2048) {
    this.#window = window;
  }

  /** Record one query's latency in ms and its outcome. */
  observe(query: string, ms: number, outcome: string): void {
    const w = this.#windows.get(query) ?? [];
    w.push(ms);
    if (w.length > this.#window) w.shift();
    this.#windows.set(query, w);
    const k = `${query}\u0000${outcome}`;
    this.#counters.set(k, (this.#counters.get(k) ?? 0) + 1);
  }

  /** Set the hit/miss totals of each cache (they keep their own counters). */
  setCaches(caches: Record<string, { hits: number; misses: number }>): void {
    for (const [name, c] of Object.entries(caches)) {
      this.#counters.set(`cache\u0000${name}\u0000hit`, c.hits);
      this.#counters.set(`cache\u0000${name}\u0000miss`, c.misses);
    }
  }

  /**
   * JSON view: a `MetricsSnapshot` with the names the health Worker merges
   * into `/metrics` (`analytics_query_latency_ms` by `query_type`,
   * `analytics_queries_total` by outcome, `analytics_cache_hits_total` /
   * `analytics_cache_misses_total` by `cache`).
   */
  json(now: Date = new Date()): MetricsSnapshot {
    const latency: Sample[] = [];
    for (const [q, w] of this.#windows) {
      const s = [...w].sort((a, b) => a - b);
      for (const p of [0.5, 0.95, 0.99])
        latency.push({ labels: { query_type: q, quantile: String(p) }, value: quantile(s, p) });
      latency.push({ labels: { query_type: q, stat: 'count' }, value: s.length });
      latency.push({ labels: { query_type: q, stat: 'sum' }, value: s.reduce((a, b) => a + b, 0) });
    }
    const outcomes: Sample[] = [];
    const hits: Sample[] = [];
    const misses: Sample[] = [];
    for (const [k, n] of this.#counters) {
      const parts = k.split('\u0000');
      if (parts[0] === 'cache') {
        (parts[2] === 'hit' ? hits : misses).push({ labels: { cache: parts[1] as string }, value: n });
      } else {
        outcomes.push({ labels: { query_type: parts[0] as string, outcome: parts[1] as string }, value: n });
      }
    }
    return {
      service: 'query-engine',
      at: now.toISOString(),
      metrics: [
        {
          name: 'analytics_query_latency_ms',
          help: 'Query latency in the query engine, ms',
          type: 'summary',
          samples: latency,
        },
        {
          name: 'analytics_queries_total',
          help: 'Queries answered, by type and outcome',
          type: 'counter',
          samples: outcomes,
        },
        { name: 'analytics_cache_hits_total', help: 'Cache hits, by cache', type: 'counter', samples: hits },
        {
          name: 'analytics_cache_misses_total',
          help: 'Cache misses, by cache',
          type: 'counter',
          samples: misses,
        },
      ],
    };
  }

  /** Prometheus text exposition of the same families. */
  prometheus(): string {
    return toPrometheusText([this.json()]);
  }
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length))) - 1] as number;
}
