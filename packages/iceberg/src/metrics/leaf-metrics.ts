/**
 * Per-column statistics gathered from the values as they are written (spec:
 * "Manifests", data file fields 108–111, 137): value, null and NaN counts
 * and the true min/max. Collected for leaf (primitive) columns only; columns
 * inside a list or map get counts but no bounds, as Java writes them.
 */
import type { AnyPrimitiveType } from '../spec/types.ts';
import { comparatorFor } from './value-order.ts';

/** Counts and extremes of one leaf column of one data file. */
export class LeafMetrics {
  valueCount = 0;
  nullCount = 0;
  nanCount = 0;
  /** Smallest non-null, non-NaN value; `undefined` when there is none or bounds are not tracked. */
  min: unknown = undefined;
  max: unknown = undefined;
  private readonly compare: (a: unknown, b: unknown) => number;
  private readonly isFloat: boolean;

  /**
   * @param fieldId Iceberg field id of the column.
   * @param type its primitive type.
   * @param path dotted column name (`a.b.element`), as metrics-mode properties name it.
   * @param trackBounds false inside lists and maps.
   */
  constructor(
    readonly fieldId: number,
    readonly type: AnyPrimitiveType,
    readonly path: string,
    readonly trackBounds: boolean,
  ) {
    this.compare = comparatorFor(type);
    this.isFloat = type.type === 'float' || type.type === 'double';
  }

  /** Records one canonical value (or null). */
  add(value: unknown): void {
    this.valueCount++;
    if (value === null) {
      this.nullCount++;
      return;
    }
    if (this.isFloat && Number.isNaN(value)) {
      this.nanCount++;
      return;
    }
    if (!this.trackBounds) return;
    if (this.min === undefined) {
      this.min = value;
      this.max = value;
    } else if (this.compare(value, this.min) < 0) {
      this.min = value;
    } else if (this.compare(value, this.max) > 0) {
      this.max = value;
    }
  }
}
