/**
 * A small metrics registry every service shares: counters, gauges and latency
 * summaries (p50/p95/p99 over a sliding window of recent observations), which
 * render as Prometheus text and as JSON. Runtime-agnostic; the clock is passed in.
 */

export type Labels = Readonly<Record<string, string>>;

export interface Sample {
  readonly labels: Labels;
  readonly value: number;
}

export interface MetricFamily {
  readonly name: string;
  readonly help: string;
  readonly type: 'counter' | 'gauge' | 'summary';
  readonly samples: readonly Sample[];
}

/** The JSON shape of `/metrics?format=json`, also what services exchange internally. */
export interface MetricsSnapshot {
  readonly service: string;
  readonly at: string;
  readonly metrics: readonly MetricFamily[];
}

const QUANTILES = [0.5, 0.95, 0.99] as const;

function key(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(',');
}

/** Nearest-rank quantile of an ascending array. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

interface Family {
  help: string;
  type: MetricFamily['type'];
  values: Map<string, { labels: Labels; value: number }>;
  windows: Map<string, { labels: Labels; values: number[]; count: number; sum: number }>;
}

/** A registry of metric families for one service. */
export class MetricsRegistry {
  readonly #families = new Map<string, Family>();
  readonly service: string;
  private readonly options: { window?: number; now?: () => Date };

  // No parameter properties: Node's type stripping runs this file as it is.
  constructor(service: string, options: { window?: number; now?: () => Date } = {}) {
    this.service = service;
    this.options = options;
  }

  #family(name: string, help: string, type: MetricFamily['type']): Family {
    let f = this.#families.get(name);
    if (!f) {
      f = { help, type, values: new Map(), windows: new Map() };
      this.#families.set(name, f);
    } else if (f.type !== type) {
      throw new TypeError(`metric ${name} is a ${f.type}, not a ${type}`);
    }
    return f;
  }

  /** Adds `by` (default 1) to a counter. */
  inc(name: string, help: string, labels: Labels = {}, by = 1): void {
    const f = this.#family(name, help, 'counter');
    const k = key(labels);
    const cur = f.values.get(k);
    f.values.set(k, { labels, value: (cur?.value ?? 0) + by });
  }

  /** Sets a gauge. */
  set(name: string, help: string, value: number, labels: Labels = {}): void {
    this.#family(name, help, 'gauge').values.set(key(labels), { labels, value });
  }

  /** Records one observation (e.g. a latency in milliseconds) into a summary. */
  observe(name: string, help: string, value: number, labels: Labels = {}): void {
    const f = this.#family(name, help, 'summary');
    const k = key(labels);
    let w = f.windows.get(k);
    if (!w) {
      w = { labels, values: [], count: 0, sum: 0 };
      f.windows.set(k, w);
    }
    w.values.push(value);
    if (w.values.length > (this.options.window ?? 2048)) w.values.shift();
    w.count += 1;
    w.sum += value;
  }

  /** Times an async function into a summary, in milliseconds. */
  async time<T>(name: string, help: string, labels: Labels, fn: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await fn();
    } finally {
      this.observe(name, help, performance.now() - started, labels);
    }
  }

  /** Current values of every family. Summaries expand to quantile samples plus `_count` and `_sum`. */
  snapshot(): MetricsSnapshot {
    const metrics: MetricFamily[] = [];
    for (const [name, f] of this.#families) {
      if (f.type !== 'summary') {
        metrics.push({ name, help: f.help, type: f.type, samples: [...f.values.values()] });
        continue;
      }
      const samples: Sample[] = [];
      for (const w of f.windows.values()) {
        const sorted = [...w.values].sort((a, b) => a - b);
        for (const q of QUANTILES)
          samples.push({ labels: { ...w.labels, quantile: String(q) }, value: quantile(sorted, q) });
        samples.push({ labels: { ...w.labels, stat: 'count' }, value: w.count });
        samples.push({ labels: { ...w.labels, stat: 'sum' }, value: w.sum });
      }
      metrics.push({ name, help: f.help, type: 'summary', samples });
    }
    return { service: this.service, at: (this.options.now?.() ?? new Date()).toISOString(), metrics };
  }
}
