/**
 * Assembles the metric maps of a `DataFile` from the values' statistics and
 * the file footer, encoding bounds in the single-value format and applying
 * each column's metrics mode (truncated upper bounds rounded up, or omitted
 * when they cannot be).
 */
import type { DataFile } from '../spec/data-file.ts';
import {
  encodeSingleValue,
  type SingleValue,
  truncateLowerBound,
  truncateUpperBound,
} from '../spec/single-value.ts';
import type { FooterMetrics } from './footer-metrics.ts';
import type { LeafMetrics } from './leaf-metrics.ts';
import type { MetricsMode } from './metrics-mode.ts';

/** The metric fields of a `DataFile`. */
export type DataFileMetrics = Pick<
  DataFile,
  | 'columnSizes'
  | 'valueCounts'
  | 'nullValueCounts'
  | 'nanValueCounts'
  | 'lowerBounds'
  | 'upperBounds'
  | 'splitOffsets'
>;

/**
 * Combines per-leaf statistics with the footer. `modeOf` gives the metrics
 * mode of a leaf by its dotted column name.
 */
export function dataFileMetrics(
  leaves: readonly LeafMetrics[],
  footer: FooterMetrics,
  modeOf: (column: string) => MetricsMode,
): DataFileMetrics {
  const valueCounts = new Map<number, bigint>();
  const nullValueCounts = new Map<number, bigint>();
  const nanValueCounts = new Map<number, bigint>();
  const lowerBounds = new Map<number, Uint8Array>();
  const upperBounds = new Map<number, Uint8Array>();
  for (const leaf of leaves) {
    const mode = modeOf(leaf.path);
    if (mode.kind === 'none') continue;
    valueCounts.set(leaf.fieldId, BigInt(leaf.valueCount));
    nullValueCounts.set(leaf.fieldId, BigInt(leaf.nullCount));
    if (leaf.type.type === 'float' || leaf.type.type === 'double') {
      nanValueCounts.set(leaf.fieldId, BigInt(leaf.nanCount));
    }
    if (mode.kind === 'counts' || leaf.min === undefined || !leaf.trackBounds) continue;
    const width = mode.kind === 'truncate' ? mode.width : Number.POSITIVE_INFINITY;
    const lower = truncateLowerBound(leaf.type, leaf.min as SingleValue, width);
    const upper = truncateUpperBound(leaf.type, leaf.max as SingleValue, width);
    lowerBounds.set(leaf.fieldId, encodeSingleValue(leaf.type, lower));
    if (upper !== undefined) upperBounds.set(leaf.fieldId, encodeSingleValue(leaf.type, upper));
  }
  return {
    columnSizes: footer.columnSizes,
    valueCounts,
    nullValueCounts,
    nanValueCounts,
    lowerBounds,
    upperBounds,
    splitOffsets: footer.splitOffsets,
  };
}
