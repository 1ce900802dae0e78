/**
 * Metrics modes (spec: table property `write.metadata.metrics.default` and
 * `write.metadata.metrics.column.<name>`): `none`, `counts`, `truncate(N)`,
 * `full`. The default is `truncate(16)`.
 */
import { IcebergError } from '../errors.ts';
import { DEFAULT_TRUNCATE_WIDTH } from '../spec/single-value.ts';

/** What to record for one column. `truncate` = width of string/binary bounds; `undefined` = no truncation. */
export type MetricsMode =
  | { readonly kind: 'none' }
  | { readonly kind: 'counts' }
  | { readonly kind: 'truncate'; readonly width: number }
  | { readonly kind: 'full' };

/** The default mode when no property says otherwise. */
export const DEFAULT_METRICS_MODE: MetricsMode = { kind: 'truncate', width: DEFAULT_TRUNCATE_WIDTH };

/** Parses a metrics mode property value. */
export function parseMetricsMode(text: string): MetricsMode {
  const t = text.trim().toLowerCase();
  if (t === 'none' || t === 'counts' || t === 'full') return { kind: t };
  const m = /^truncate\((\d+)\)$/.exec(t);
  if (m && Number(m[1]) > 0) return { kind: 'truncate', width: Number(m[1]) };
  throw new IcebergError(
    'invalid-argument',
    `metrics mode "${text}" is not one of none, counts, truncate(N) with N > 0, full`,
    { value: text },
  );
}

/** Resolves the mode of a column (dotted name) from table properties. */
export function metricsModeFor(properties: Readonly<Record<string, string>>, column: string): MetricsMode {
  const own = properties[`write.metadata.metrics.column.${column}`];
  if (own !== undefined) return parseMetricsMode(own);
  const def = properties['write.metadata.metrics.default'];
  return def === undefined ? DEFAULT_METRICS_MODE : parseMetricsMode(def);
}
