/** Sort orders (spec: "Sorting"); order id 0 is reserved for "unsorted". */
import { JsonReader } from '../json/json-reader.ts';
import type { JsonValue } from '../json/lossless-json.ts';

/** One sort key: `transform(source column)` in a direction with a null placement. */
export interface SortField {
  readonly sourceId: number;
  readonly transform: string;
  readonly direction: 'asc' | 'desc';
  readonly nullOrder: 'nulls-first' | 'nulls-last';
}

/** A table sort order. */
export interface SortOrder {
  readonly orderId: number;
  readonly fields: readonly SortField[];
}

/** The reserved unsorted order. */
export const UNSORTED_ORDER: SortOrder = { orderId: 0, fields: [] };

/** Parses a sort order; `order-id` may be absent in `add-sort-order` (the table assigns it). */
export function sortOrderFromJson(json: JsonValue): SortOrder {
  const r = new JsonReader(json, 'sort order');
  return {
    orderId: r.optionalInt('order-id') ?? -1,
    fields: r.array('fields').map((f) => {
      const fr = new JsonReader(f, 'sort field');
      const direction = fr.string('direction');
      const nullOrder = fr.string('null-order');
      if (direction !== 'asc' && direction !== 'desc') fr.int('direction'); // raises a typed error
      if (nullOrder !== 'nulls-first' && nullOrder !== 'nulls-last') fr.int('null-order');
      return {
        sourceId: fr.int('source-id'),
        transform: fr.string('transform'),
        direction: direction as SortField['direction'],
        nullOrder: nullOrder as SortField['nullOrder'],
      };
    }),
  };
}

/** Writes a sort order. */
export function sortOrderToJson(o: SortOrder): JsonValue {
  return {
    'order-id': o.orderId,
    fields: o.fields.map((f) => ({
      transform: f.transform,
      'source-id': f.sourceId,
      direction: f.direction,
      'null-order': f.nullOrder,
    })),
  };
}

/** Same sort fields in the same order; order ids ignored. */
export function sameSortFields(a: SortOrder, b: SortOrder): boolean {
  return (
    a.fields.length === b.fields.length &&
    a.fields.every((f, i) => {
      const g = b.fields[i]!;
      return (
        f.sourceId === g.sourceId &&
        f.transform === g.transform &&
        f.direction === g.direction &&
        f.nullOrder === g.nullOrder
      );
    })
  );
}
