/**
 * Inclusive evaluation against column statistics (spec: "Scan Planning"):
 * answers "might any row match?" from a data file's value/null/NaN counts and
 * lower/upper bounds, or from a manifest's partition summaries. Missing
 * statistics always answer "might" — never drop a file without proof.
 */
import { compareValues } from '../metrics/value-order.ts';
import type { DataFile } from '../spec/data-file.ts';
import { decodeSingleValue } from '../spec/single-value.ts';
import type { AnyPrimitiveType } from '../spec/types.ts';
import type { BoundExpression } from './bound-expression.ts';

/** What is known about one column in a set of rows; any member may be unknown. */
export interface ColumnStats {
  readonly valueCount?: bigint;
  readonly nullCount?: bigint;
  readonly nanCount?: bigint;
  /** Whether any value is null, when only that much is known (manifest summaries). */
  readonly containsNull?: boolean;
  readonly containsNan?: boolean;
  readonly lower?: unknown;
  readonly upper?: unknown;
}

function decode(type: AnyPrimitiveType, bytes: Uint8Array | undefined): unknown {
  if (bytes === undefined) return undefined;
  try {
    return decodeSingleValue(type, bytes);
  } catch {
    return undefined; // an unreadable bound is no bound
  }
}

/** Statistics of one column of a data file. */
export function dataFileStats(file: DataFile, fieldId: number, type: AnyPrimitiveType): ColumnStats {
  return {
    valueCount: file.valueCounts?.get(fieldId),
    nullCount: file.nullValueCounts?.get(fieldId),
    nanCount: file.nanValueCounts?.get(fieldId),
    lower: decode(type, file.lowerBounds?.get(fieldId)),
    upper: decode(type, file.upperBounds?.get(fieldId)),
  };
}

function allNull(s: ColumnStats): boolean {
  return s.valueCount !== undefined && s.nullCount !== undefined && s.valueCount === s.nullCount;
}

function noNulls(s: ColumnStats): boolean {
  return s.nullCount === 0n || s.containsNull === false;
}

/** True unless the statistics prove that no row matches. */
export function mightMatch(
  e: BoundExpression,
  statsOf: (fieldId: number, type: AnyPrimitiveType) => ColumnStats,
): boolean {
  switch (e.type) {
    case 'true':
      return true;
    case 'false':
      return false;
    case 'and':
      return mightMatch(e.left, statsOf) && mightMatch(e.right, statsOf);
    case 'or':
      return mightMatch(e.left, statsOf) || mightMatch(e.right, statsOf);
    default:
      break;
  }
  const s = statsOf(e.ref.fieldId, e.ref.type);
  const type = e.ref.type;
  switch (e.type) {
    case 'is-null':
      return !noNulls(s);
    case 'not-null':
      // A partition summary with nulls and no bounds holds only nulls (Java `ManifestEvaluator.notNull`).
      return !allNull(s) && !(s.containsNull === true && s.lower === undefined && s.containsNan !== true);
    case 'is-nan':
      return !(s.nanCount === 0n || s.containsNan === false) && !allNull(s);
    case 'not-nan':
      return (
        !allNull(s) &&
        !(s.nanCount !== undefined && s.valueCount !== undefined && s.nanCount === s.valueCount)
      );
    case 'not-eq':
    case 'not-in':
    case 'not-starts-with':
      return true;
    default:
      break;
  }
  if (allNull(s)) return false;
  const { lower, upper } = s;
  const cmp = (a: unknown, b: unknown) => compareValues(type, a, b);
  switch (e.type) {
    case 'lt':
      return lower === undefined || cmp(lower, e.value) < 0;
    case 'lt-eq':
      return lower === undefined || cmp(lower, e.value) <= 0;
    case 'gt':
      return upper === undefined || cmp(upper, e.value) > 0;
    case 'gt-eq':
      return upper === undefined || cmp(upper, e.value) >= 0;
    case 'eq':
      return (
        (lower === undefined || cmp(lower, e.value) <= 0) && (upper === undefined || cmp(upper, e.value) >= 0)
      );
    case 'in':
      return e.values.some(
        (v) => (lower === undefined || cmp(lower, v) <= 0) && (upper === undefined || cmp(upper, v) >= 0),
      );
    case 'starts-with': {
      const prefix = e.value as string;
      // Bounds may be truncated: compare only as many characters as both have.
      if (typeof lower === 'string') {
        const l = lower.slice(0, prefix.length);
        if (l > prefix) return false;
      }
      if (typeof upper === 'string') {
        const u = upper.slice(0, prefix.length);
        if (u < prefix) return false;
      }
      return true;
    }
  }
}
