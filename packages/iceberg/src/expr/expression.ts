/**
 * Filter expressions over table columns (spec: "Scan Planning"; the operator
 * names of the REST `Expression` schema). Unbound: columns by (dotted) name,
 * literals as the caller writes them; `bindExpression` resolves both.
 */

/** Comparison operators that take one literal. */
export type LiteralOp = 'lt' | 'lt-eq' | 'gt' | 'gt-eq' | 'eq' | 'not-eq' | 'starts-with' | 'not-starts-with';
/** Operators without a literal. */
export type UnaryOp = 'is-null' | 'not-null' | 'is-nan' | 'not-nan';
/** Operators with a set of literals. */
export type SetOp = 'in' | 'not-in';

/** An expression tree; `term` names a column. */
export type Expression =
  | { readonly type: 'true' }
  | { readonly type: 'false' }
  | { readonly type: 'and'; readonly left: Expression; readonly right: Expression }
  | { readonly type: 'or'; readonly left: Expression; readonly right: Expression }
  | { readonly type: 'not'; readonly child: Expression }
  | { readonly type: UnaryOp; readonly term: string }
  | { readonly type: LiteralOp; readonly term: string; readonly value: unknown }
  | { readonly type: SetOp; readonly term: string; readonly values: readonly unknown[] };

/** Always true: the scan keeps every row. */
export const alwaysTrue: Expression = { type: 'true' };
/** Always false. */
export const alwaysFalse: Expression = { type: 'false' };

/** Conjunction of any number of expressions (true when empty). */
export function and(...xs: Expression[]): Expression {
  return xs.reduce(
    (l, r) => (l.type === 'true' ? r : r.type === 'true' ? l : { type: 'and', left: l, right: r }),
    alwaysTrue,
  );
}
/** Disjunction of any number of expressions (false when empty). */
export function or(...xs: Expression[]): Expression {
  return xs.reduce(
    (l, r) => (l.type === 'false' ? r : r.type === 'false' ? l : { type: 'or', left: l, right: r }),
    alwaysFalse,
  );
}
/** Negation. */
export function not(child: Expression): Expression {
  return { type: 'not', child };
}
/** `term = value` */
export const eq = (term: string, value: unknown): Expression => ({ type: 'eq', term, value });
/** `term != value` */
export const notEq = (term: string, value: unknown): Expression => ({ type: 'not-eq', term, value });
/** `term < value` */
export const lt = (term: string, value: unknown): Expression => ({ type: 'lt', term, value });
/** `term <= value` */
export const ltEq = (term: string, value: unknown): Expression => ({ type: 'lt-eq', term, value });
/** `term > value` */
export const gt = (term: string, value: unknown): Expression => ({ type: 'gt', term, value });
/** `term >= value` */
export const gtEq = (term: string, value: unknown): Expression => ({ type: 'gt-eq', term, value });
/** `term IN (values)` */
export const isIn = (term: string, values: readonly unknown[]): Expression => ({ type: 'in', term, values });
/** `term NOT IN (values)` */
export const notIn = (term: string, values: readonly unknown[]): Expression => ({
  type: 'not-in',
  term,
  values,
});
/** `term IS NULL` */
export const isNull = (term: string): Expression => ({ type: 'is-null', term });
/** `term IS NOT NULL` */
export const notNull = (term: string): Expression => ({ type: 'not-null', term });
/** `term` is NaN (float/double). */
export const isNaNValue = (term: string): Expression => ({ type: 'is-nan', term });
/** `term` is not NaN. */
export const notNaN = (term: string): Expression => ({ type: 'not-nan', term });
/** `term LIKE 'value%'` */
export const startsWith = (term: string, value: string): Expression => ({ type: 'starts-with', term, value });
/** `term NOT LIKE 'value%'` */
export const notStartsWith = (term: string, value: string): Expression => ({
  type: 'not-starts-with',
  term,
  value,
});
