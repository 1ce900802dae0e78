/**
 * Latency percentiles per query type and counters, as Prometheus text and JSON.
 * (Local to the engine: `@analytics/metrics` uses TypeScript parameter
 * properties, which Node's type stripping cannot run.)
 */
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

  /** JSON view: p50/p95/p99 per query type, counts by outcome, cache hit rates. */
  json(): Record<string, unknown> {
    const latency: Record<string, { p50: number; p95: number; p99: number; samples: number }> = {};
    for (const [q, w] of this.#windows) {
      const s = [...w].sort((a, b) => a - b);
      latency[q] = {
        p50: quantile(s, 0.5),
        p95: quantile(s, 0.95),
        p99: quantile(s, 0.99),
        samples: s.length,
      };
    }
    const queries: Record<string, Record<string, number>> = {};
    const caches: Record<string, { hits: number; misses: number; hitRate: number }> = {};
    for (const [k, n] of this.#counters) {
      const parts = k.split('\u0000');
      if (parts[0] === 'cache') {
        const c = caches[parts[1] as string] ?? { hits: 0, misses: 0, hitRate: 0 };
        if (parts[2] === 'hit') c.hits += n;
        else c.misses += n;
        c.hitRate = c.hits + c.misses > 0 ? c.hits / (c.hits + c.misses) : 0;
        caches[parts[1] as string] = c;
      } else {
        const q = queries[parts[0] as string] ?? {};
        q[parts[1] as string] = n;
        queries[parts[0] as string] = q;
      }
    }
    return { service: 'query-engine', latencyMs: latency, queries, caches };
  }

  /** Prometheus text exposition. */
  prometheus(): string {
    const j = this.json() as {
      latencyMs: Record<string, Record<string, number>>;
      queries: Record<string, Record<string, number>>;
      caches: Record<string, { hitRate: number }>;
    };
    const lines = [
      '# HELP query_latency_ms Query latency in the query engine, ms',
      '# TYPE query_latency_ms summary',
    ];
    for (const [q, l] of Object.entries(j.latencyMs)) {
      for (const p of ['p50', 'p95', 'p99'] as const) {
        lines.push(`query_latency_ms{query="${q}",quantile="${Number(p.slice(1)) / 100}"} ${l[p]}`);
      }
    }
    lines.push('# HELP queries_total Queries answered by type and outcome', '# TYPE queries_total counter');
    for (const [q, o] of Object.entries(j.queries)) {
      for (const [outcome, n] of Object.entries(o))
        lines.push(`queries_total{query="${q}",outcome="${outcome}"} ${n}`);
    }
    lines.push('# HELP cache_hit_ratio Cache hit ratio', '# TYPE cache_hit_ratio gauge');
    for (const [c, v] of Object.entries(j.caches)) lines.push(`cache_hit_ratio{cache="${c}"} ${v.hitRate}`);
    return `${lines.join('\n')}\n`;
  }
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length))) - 1] as number;
}
