/**
 * Partition spec evolution (spec: "Partition Evolution", ICEBERG.md §4.9):
 * build a spec from column names and transforms, reusing the ids of
 * equivalent fields from any earlier spec and numbering new ones from
 * `last-partition-id + 1` (1000 for the first).
 */
import type { TableRequirement } from '../commit/table-requirement.ts';
import type { TableUpdate } from '../commit/table-update.ts';
import { IcebergError } from '../errors.ts';
import { canTransform, formatTransform, parseTransform } from '../transforms/transform.ts';
import type { PartitionField, PartitionSpec } from './partition-spec.ts';
import { findFieldByName } from './schema-util.ts';
import type { TableMetadata } from './table-metadata.ts';
import { currentSchema } from './table-metadata.ts';
import { isPrimitive } from './types.ts';

/** A partition field by source column name, e.g. `{ column: 'ts', transform: 'hour' }`. */
export interface PartitionFieldRequest {
  readonly column: string;
  readonly transform: string;
  readonly name?: string;
}

/** The Java/PyIceberg default partition field name for a transform of a column. */
export function defaultPartitionFieldName(column: string, transform: string): string {
  const t = parseTransform(transform);
  switch (t.kind) {
    case 'identity':
      return column;
    case 'bucket':
      return `${column}_bucket_${t.numBuckets}`;
    case 'truncate':
      return `${column}_trunc_${t.width}`;
    case 'void':
      return `${column}_null`;
    default:
      return `${column}_${formatTransform(t)}`;
  }
}

/** Builds a bound spec (ids assigned, spec id left for the commit) against the table's current schema. */
export function buildPartitionSpec(
  base: TableMetadata,
  requests: readonly PartitionFieldRequest[],
): PartitionSpec {
  const schema = currentSchema(base);
  const known = base.partitionSpecs.flatMap((s) => s.fields);
  let last = base.lastPartitionId;
  const fields: PartitionField[] = requests.map((r) => {
    const column = findFieldByName(schema, r.column);
    if (!column)
      throw new IcebergError('not-found', `Cannot partition by '${r.column}': no such column`, {
        column: r.column,
      });
    const transform = formatTransform(parseTransform(r.transform));
    if (!isPrimitive(column.type) || !canTransform(parseTransform(transform), column.type)) {
      throw new IcebergError(
        'invalid-argument',
        `Cannot partition by ${transform}(${r.column}): the transform does not apply`,
      );
    }
    const reused = known.find((f) => f.sourceId === column.id && f.transform === transform);
    return {
      sourceId: column.id,
      fieldId: reused?.fieldId ?? ++last,
      name: r.name ?? reused?.name ?? defaultPartitionFieldName(r.column, transform),
      transform,
    };
  });
  return { specId: -1, fields };
}

/** The requirements and updates that add a spec and make it the default. */
export function specChangeCommit(
  base: TableMetadata,
  spec: PartitionSpec,
): { requirements: TableRequirement[]; updates: TableUpdate[] } {
  return {
    requirements: [
      { type: 'assert-default-spec-id', defaultSpecId: base.defaultSpecId },
      { type: 'assert-last-assigned-partition-id', lastAssignedPartitionId: base.lastPartitionId },
    ],
    updates: [
      { action: 'add-spec', spec: { fields: spec.fields } },
      { action: 'set-default-spec', specId: -1 },
    ],
  };
}
