import type { MetricFamily, MetricsSnapshot } from './registry.ts';

function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Number.POSITIVE_INFINITY) return '+Inf';
  if (v === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(v);
}

function sampleLine(name: string, labels: Readonly<Record<string, string>>, value: number): string {
  const entries = Object.entries(labels);
  const body = entries.length ? `{${entries.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}` : '';
  return `${name}${body} ${formatValue(value)}`;
}

function renderFamily(f: MetricFamily): string[] {
  const lines = [`# HELP ${f.name} ${f.help.replace(/\n/g, ' ')}`, `# TYPE ${f.name} ${f.type}`];
  for (const s of f.samples) {
    if (f.type === 'summary' && s.labels.stat) {
      const { stat, ...rest } = s.labels;
      lines.push(sampleLine(`${f.name}_${stat}`, rest, s.value));
    } else {
      lines.push(sampleLine(f.name, s.labels, s.value));
    }
  }
  return lines;
}

/**
 * Renders snapshots in the Prometheus text exposition format (version 0.0.4).
 * Families of the same name from several services are merged, each sample
 * labelled with its `service`.
 */
export function toPrometheusText(snapshots: readonly MetricsSnapshot[]): string {
  const merged = new Map<string, MetricFamily & { samples: MetricFamily['samples'][number][] }>();
  for (const snap of snapshots) {
    for (const f of snap.metrics) {
      let m = merged.get(f.name);
      if (!m) {
        m = { ...f, samples: [] };
        merged.set(f.name, m);
      }
      for (const s of f.samples)
        m.samples.push({ labels: { service: snap.service, ...s.labels }, value: s.value });
    }
  }
  return `${[...merged.values()].flatMap(renderFamily).join('\n')}\n`;
}
