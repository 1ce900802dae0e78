export { toPrometheusText } from './prometheus.ts';
export {
  type Labels,
  type MetricFamily,
  MetricsRegistry,
  type MetricsSnapshot,
  quantile,
  type Sample,
} from './registry.ts';
