/**
 * Inclusive projection of a row filter onto a partition spec (spec: "Scan
 * Planning"): an expression over partition values that is true for every
 * partition that may hold a matching row. Monotonic transforms (identity,
 * truncate, year/month/day/hour) keep range predicates; bucket keeps only
 * equality; anything else projects to true.
 */
import type { PartitionValue } from '../spec/data-file.ts';
import type { PartitionSpec } from '../spec/partition-spec.ts';
import type { AnyPrimitiveType } from '../spec/types.ts';
import { applyTransform, parseTransform, transformResultType } from '../transforms/transform.ts';
import type { BoundExpression, BoundReference } from './bound-expression.ts';

type Predicate = Exclude<BoundExpression, { type: 'true' | 'false' | 'and' | 'or' }>;

/** Partition field `index` of the spec as a reference: `fieldId` is the partition field id. */
function partitionRef(spec: PartitionSpec, index: number, sourceType: AnyPrimitiveType): BoundReference {
  const f = spec.fields[index]!;
  return {
    fieldId: f.fieldId,
    name: f.name,
    type: transformResultType(parseTransform(f.transform), sourceType),
  };
}

function projectPredicate(p: Predicate, spec: PartitionSpec): BoundExpression {
  let out: BoundExpression = { type: 'true' };
  spec.fields.forEach((f, i) => {
    if (f.sourceId !== p.ref.fieldId) return;
    const t = parseTransform(f.transform);
    if (t.kind === 'void' || t.kind === 'unknown') return;
    const ref = partitionRef(spec, i, p.ref.type);
    const apply = (v: unknown) => applyTransform(t, p.ref.type, v);
    let projected: BoundExpression | undefined;
    switch (p.type) {
      case 'is-null':
      case 'not-null':
        projected = { type: p.type, ref };
        break;
      case 'is-nan':
      case 'not-nan':
        if (t.kind === 'identity') projected = { type: p.type, ref };
        break;
      case 'eq':
        projected = { type: 'eq', ref, value: apply(p.value) };
        break;
      case 'in':
        projected = { type: 'in', ref, values: p.values.map(apply) };
        break;
      case 'lt':
      case 'lt-eq':
        if (t.kind !== 'bucket')
          projected = { type: t.kind === 'identity' ? p.type : 'lt-eq', ref, value: apply(p.value) };
        break;
      case 'gt':
      case 'gt-eq':
        if (t.kind !== 'bucket')
          projected = { type: t.kind === 'identity' ? p.type : 'gt-eq', ref, value: apply(p.value) };
        break;
      case 'starts-with':
        if (t.kind === 'identity' || t.kind === 'truncate')
          projected = { type: 'starts-with', ref, value: apply(p.value) };
        break;
      case 'not-eq':
      case 'not-in':
      case 'not-starts-with':
        if (t.kind === 'identity') projected = { ...p, ref } as BoundExpression;
        break;
    }
    if (projected) out = out.type === 'true' ? projected : { type: 'and', left: out, right: projected };
  });
  return out;
}

/** Projects a bound row filter onto the spec's partition fields (references carry partition field ids). */
export function projectInclusive(e: BoundExpression, spec: PartitionSpec): BoundExpression {
  switch (e.type) {
    case 'true':
    case 'false':
      return e;
    case 'and':
    case 'or':
      return simplify({
        type: e.type,
        left: projectInclusive(e.left, spec),
        right: projectInclusive(e.right, spec),
      });
    default:
      return projectPredicate(e, spec);
  }
}

function simplify(e: BoundExpression): BoundExpression {
  if (e.type === 'and') {
    if (e.left.type === 'false' || e.right.type === 'false') return { type: 'false' };
    if (e.left.type === 'true') return e.right;
    if (e.right.type === 'true') return e.left;
  }
  if (e.type === 'or') {
    if (e.left.type === 'true' || e.right.type === 'true') return { type: 'true' };
    if (e.left.type === 'false') return e.right;
    if (e.right.type === 'false') return e.left;
  }
  return e;
}

/** A partition tuple as a row keyed by partition field name, for `evaluateRow` on a projected filter. */
export function partitionRow(
  spec: PartitionSpec,
  values: readonly PartitionValue[],
): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  spec.fields.forEach((f, i) => {
    row[f.name] = values[i] ?? null;
  });
  return row;
}
