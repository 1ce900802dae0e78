/**
 * Expressions bound to a schema: columns resolved to field ids and types,
 * literals converted to canonical values (`parquet/row-values.ts`), and NOT
 * pushed down to the leaves so every evaluator only sees and/or/predicates.
 */
import { IcebergError } from '../errors.ts';
import { canonicalValue } from '../parquet/row-values.ts';
import { indexFields } from '../spec/schema-util.ts';
import { type AnyPrimitiveType, isPrimitive, type Schema } from '../spec/types.ts';
import type { Expression, LiteralOp, SetOp, UnaryOp } from './expression.ts';

/** A column reference: field id, dotted name and primitive type. */
export interface BoundReference {
  readonly fieldId: number;
  readonly name: string;
  readonly type: AnyPrimitiveType;
}

/** A bound expression in negation normal form. */
export type BoundExpression =
  | { readonly type: 'true' }
  | { readonly type: 'false' }
  | { readonly type: 'and'; readonly left: BoundExpression; readonly right: BoundExpression }
  | { readonly type: 'or'; readonly left: BoundExpression; readonly right: BoundExpression }
  | { readonly type: UnaryOp; readonly ref: BoundReference }
  | { readonly type: LiteralOp; readonly ref: BoundReference; readonly value: unknown }
  | { readonly type: SetOp; readonly ref: BoundReference; readonly values: readonly unknown[] };

const NEGATE: Record<UnaryOp | LiteralOp | SetOp, UnaryOp | LiteralOp | SetOp> = {
  'is-null': 'not-null',
  'not-null': 'is-null',
  'is-nan': 'not-nan',
  'not-nan': 'is-nan',
  lt: 'gt-eq',
  'lt-eq': 'gt',
  gt: 'lt-eq',
  'gt-eq': 'lt',
  eq: 'not-eq',
  'not-eq': 'eq',
  'starts-with': 'not-starts-with',
  'not-starts-with': 'starts-with',
  in: 'not-in',
  'not-in': 'in',
};

/** Pushes NOT down to the predicates (De Morgan). */
export function rewriteNot(e: Expression, negate = false): Expression {
  switch (e.type) {
    case 'true':
      return negate ? { type: 'false' } : e;
    case 'false':
      return negate ? { type: 'true' } : e;
    case 'not':
      return rewriteNot(e.child, !negate);
    case 'and':
    case 'or': {
      const type = negate ? (e.type === 'and' ? 'or' : 'and') : e.type;
      return { type, left: rewriteNot(e.left, negate), right: rewriteNot(e.right, negate) };
    }
    default:
      return negate ? ({ ...e, type: NEGATE[e.type] } as Expression) : e;
  }
}

/** Binds an expression to a schema: unknown columns and unconvertible literals are `invalid-argument`. */
export function bindExpression(schema: Schema, expression: Expression): BoundExpression {
  const byName = new Map<string, BoundReference>();
  for (const [id, { field, path }] of indexFields(schema)) {
    if (isPrimitive(field.type)) byName.set(path, { fieldId: id, name: path, type: field.type });
  }
  const ref = (term: string): BoundReference => {
    const r = byName.get(term);
    if (!r)
      throw new IcebergError(
        'invalid-argument',
        `Cannot filter on '${term}': no such primitive column in schema ${schema.schemaId}`,
        { column: term },
      );
    return r;
  };
  const literal = (r: BoundReference, v: unknown): unknown => {
    if (v === null || v === undefined)
      throw new IcebergError('invalid-argument', `Cannot compare '${r.name}' with null: use is-null`);
    if ((r.type.type === 'float' || r.type.type === 'double') && typeof v === 'number') return v;
    return canonicalValue(r.type, v, r.name);
  };
  const bind = (e: Expression): BoundExpression => {
    switch (e.type) {
      case 'true':
      case 'false':
        return e;
      case 'and':
      case 'or':
        return { type: e.type, left: bind(e.left), right: bind(e.right) };
      case 'not':
        return bind(rewriteNot(e));
      case 'is-null':
      case 'not-null':
      case 'is-nan':
      case 'not-nan':
        return { type: e.type, ref: ref(e.term) };
      case 'in':
      case 'not-in': {
        const r = ref(e.term);
        return { type: e.type, ref: r, values: e.values.map((v) => literal(r, v)) };
      }
      default: {
        const r = ref(e.term);
        if ((e.type === 'starts-with' || e.type === 'not-starts-with') && r.type.type !== 'string') {
          throw new IcebergError(
            'invalid-argument',
            `Cannot use ${e.type} on '${r.name}' of type ${r.type.type}`,
          );
        }
        return { type: e.type, ref: r, value: literal(r, e.value) };
      }
    }
  };
  return bind(rewriteNot(expression));
}

/** The field ids an expression reads. */
export function referencedFieldIds(e: BoundExpression): Set<number> {
  const out = new Set<number>();
  const visit = (x: BoundExpression): void => {
    if (x.type === 'and' || x.type === 'or') {
      visit(x.left);
      visit(x.right);
    } else if (x.type !== 'true' && x.type !== 'false') out.add(x.ref.fieldId);
  };
  visit(e);
  return out;
}
