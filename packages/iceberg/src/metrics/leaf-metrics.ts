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
  readonly fieldId: number;
  readonly type: AnyPrimitiveType;
  readonly path: string;
  readonly trackBounds: boolean;
  private readonly compare: (a: unknown, b: unknown) => number;
  private readonly isFloat: boolean;

  /**
   * @param fieldId Iceberg field id of the column.
   * @param type its primitive type.
   * @param path dotted column name (`a.b.element`), as metrics-mode properties name it.
   * @param trackBounds false inside lists and maps.
   */
  constructor(fieldId: number, type: AnyPrimitiveType, path: string, trackBounds: boolean) {
    this.fieldId = fieldId;
    this.type = type;
    this.path = path;
    this.trackBounds = trackBounds;
    this.compare = comparatorFor(type);
    this.isFloat = type.type === 'float' || type.type === 'double';
  }

  /**
   * Records one non-null string. When `ascii` is true, JS's UTF-16 order
   * equals code point order against any other string (the first difference
   * involves an ASCII unit, below every surrogate), so the native comparison is
   * exact and much cheaper.
   */
  addString(value: string, ascii: boolean): void {
    this.valueCount++;
    if (!this.trackBounds || value === this.min || value === this.max) return;
    if (this.min === undefined) {
      this.min = value;
      this.max = value;
    } else if (ascii) {
      if (value < (this.min as string)) this.min = value;
      else if (value > (this.max as string)) this.max = value;
    } else if (this.compare(value, this.min) < 0) {
      this.min = value;
    } else if (this.compare(value, this.max) > 0) {
      this.max = value;
    }
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
    if (!this.trackBounds || value === this.min || value === this.max) return;
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
