/**
 * Orders rows by a table sort order (spec: "Sorting") before they are
 * written, so files of a sorted table carry tight, non-overlapping bounds.
 */
import { IcebergError } from '../errors.ts';
import { compareValues } from '../metrics/value-order.ts';
import type { SortOrder } from '../spec/sort-order.ts';
import type { AnyPrimitiveType, NestedField, Schema } from '../spec/types.ts';
import { isPrimitive } from '../spec/types.ts';

/**
 * Applies a non-monotonic transform (e.g. `bucket[16]`) to a canonical value,
 * for sort orders that use one; the table engine's transforms plug in here.
 */
export type TransformValue = (transform: string, type: AnyPrimitiveType, value: unknown) => unknown;

/** Transforms whose result never decreases as the source value grows: sorting by the source sorts by them too. */
const MONOTONIC = /^(identity|year|month|day|hour|truncate\[\d+\])$/;

/** Finds a primitive, non-repeated field by id and returns how to read it from a canonical row. */
export function fieldAccessor(
  schema: Schema,
  fieldId: number,
): { type: AnyPrimitiveType; get: (row: Record<string, unknown>) => unknown } | undefined {
  const search = (fields: readonly NestedField[], path: string[]): ReturnType<typeof fieldAccessor> => {
    for (const f of fields) {
      if (f.id === fieldId && isPrimitive(f.type)) {
        const names = [...path, f.name];
        return {
          type: f.type,
          get: (row) => {
            let v: unknown = row;
            for (const n of names)
              v = v === null || v === undefined ? null : (v as Record<string, unknown>)[n];
            return v ?? null;
          },
        };
      }
      if (f.type.type === 'struct') {
        const found = search(f.type.fields, [...path, f.name]);
        if (found) return found;
      }
    }
    return undefined;
  };
  return search(schema.fields, []);
}

/** Returns the rows sorted by `order` (stable); an empty order leaves them as they are. */
export function sortRows<R extends Record<string, unknown>>(
  schema: Schema,
  order: SortOrder,
  rows: readonly R[],
  transformValue?: TransformValue,
): R[] {
  if (order.fields.length === 0) return [...rows];
  const keys = order.fields.map((f) => {
    const access = fieldAccessor(schema, f.sourceId);
    if (!access) {
      throw new IcebergError(
        'invalid-argument',
        `sort field source id ${f.sourceId} is not a primitive column`,
        {
          sourceId: f.sourceId,
        },
      );
    }
    const monotonic = MONOTONIC.test(f.transform);
    if (!monotonic && !transformValue) {
      throw new IcebergError(
        'unsupported',
        `sorting by transform ${f.transform} needs a transformValue function from the engine's transforms`,
        { transform: f.transform },
      );
    }
    const get = monotonic
      ? access.get
      : (row: Record<string, unknown>) => {
          const v = access.get(row);
          return v === null ? null : transformValue!(f.transform, access.type, v);
        };
    // A monotonic transform is compared on its source value; others on their result, whose type we
    // only know for bucket (int), so those compare generically.
    const type: AnyPrimitiveType = monotonic ? access.type : { type: 'long' };
    return { get, type, desc: f.direction === 'desc', nullsFirst: f.nullOrder === 'nulls-first', monotonic };
  });
  const compareGeneric = (a: unknown, b: unknown): number =>
    a === b ? 0 : (a as number) < (b as number) ? -1 : 1;
  const decorated = rows.map((row, index) => ({ row, index, values: keys.map((k) => k.get(row)) }));
  decorated.sort((x, y) => {
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      const a = x.values[i];
      const b = y.values[i];
      if (a === null || b === null) {
        if (a === b) continue;
        return (a === null) === k.nullsFirst ? -1 : 1;
      }
      const c = k.monotonic ? compareValues(k.type, a, b) : compareGeneric(a, b);
      if (c !== 0) return k.desc ? -c : c;
    }
    return x.index - y.index;
  });
  return decorated.map((d) => d.row);
}
