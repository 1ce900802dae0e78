/**
 * Evaluates a bound expression on one canonical row, with SQL null
 * semantics: a comparison involving null is not true, so `not-eq` and
 * `not-in` do not match nulls either.
 */
import { compareValues } from '../metrics/value-order.ts';
import type { BoundExpression, BoundReference } from './bound-expression.ts';

/** Reads a (dotted) column from a row whose structs are nested objects. */
export function valueAt(row: Readonly<Record<string, unknown>>, ref: BoundReference): unknown {
  if (!ref.name.includes('.') || ref.name in row) return row[ref.name];
  let v: unknown = row;
  for (const part of ref.name.split('.')) {
    if (v === null || v === undefined) return null;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

function isNaNValue(v: unknown): boolean {
  return typeof v === 'number' && Number.isNaN(v);
}

/** True when the row matches. */
export function evaluateRow(e: BoundExpression, row: Readonly<Record<string, unknown>>): boolean {
  switch (e.type) {
    case 'true':
      return true;
    case 'false':
      return false;
    case 'and':
      return evaluateRow(e.left, row) && evaluateRow(e.right, row);
    case 'or':
      return evaluateRow(e.left, row) || evaluateRow(e.right, row);
    default:
      return evaluatePredicate(e, valueAt(row, e.ref));
  }
}

/** Evaluates one predicate on a value (shared with partition-tuple evaluation). */
export function evaluatePredicate(
  e: Exclude<BoundExpression, { type: 'true' | 'false' | 'and' | 'or' }>,
  v: unknown,
): boolean {
  const isNull = v === null || v === undefined;
  switch (e.type) {
    case 'is-null':
      return isNull;
    case 'not-null':
      return !isNull;
    case 'is-nan':
      return isNaNValue(v);
    case 'not-nan':
      return !isNull && !isNaNValue(v);
    default:
      break;
  }
  if (isNull || isNaNValue(v)) return false;
  const cmp = (x: unknown) => compareValues(e.ref.type, v, x);
  switch (e.type) {
    case 'lt':
      return cmp(e.value) < 0;
    case 'lt-eq':
      return cmp(e.value) <= 0;
    case 'gt':
      return cmp(e.value) > 0;
    case 'gt-eq':
      return cmp(e.value) >= 0;
    case 'eq':
      return cmp(e.value) === 0;
    case 'not-eq':
      return cmp(e.value) !== 0;
    case 'starts-with':
      return (v as string).startsWith(e.value as string);
    case 'not-starts-with':
      return !(v as string).startsWith(e.value as string);
    case 'in':
      return e.values.some((x) => cmp(x) === 0);
    case 'not-in':
      return !e.values.some((x) => cmp(x) === 0);
  }
}
