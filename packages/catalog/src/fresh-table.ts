import {
  assignFreshIds,
  findFieldByName,
  indexFields,
  type Schema,
  type SortOrder,
  type UnboundPartitionSpec,
} from '@analytics/iceberg';
import { CatalogError } from './errors.ts';

/**
 * A create request's schema with fresh ids 1..n (Java `newTableMetadata`
 * ignores client ids), and its partition spec and sort order rebound from the
 * old source ids to the new ones by column name. Partition field ids are
 * dropped so the table assigns them from 1000.
 */
export function freshTableDefinition(
  schema: Schema,
  spec: UnboundPartitionSpec | undefined,
  sortOrder: SortOrder | undefined,
): { schema: Schema; spec?: UnboundPartitionSpec; sortOrder?: SortOrder } {
  const fresh = assignFreshIds(schema).schema;
  const oldPaths = indexFields(schema);
  const rebind = (sourceId: number, what: string): number => {
    const name = oldPaths.get(sourceId)?.path;
    const now = name !== undefined ? findFieldByName(fresh, name) : undefined;
    if (!now) {
      throw new CatalogError(
        'invalid-argument',
        `Invalid ${what}: source id ${sourceId} is not a column of the schema`,
        { sourceId },
      );
    }
    return now.id;
  };
  return {
    schema: fresh,
    ...(spec
      ? {
          spec: {
            fields: spec.fields.map((f) => ({
              sourceId: rebind(f.sourceId, 'partition spec'),
              name: f.name,
              transform: f.transform,
            })),
          },
        }
      : {}),
    ...(sortOrder
      ? {
          sortOrder: {
            orderId: sortOrder.fields.length === 0 ? 0 : 1,
            fields: sortOrder.fields.map((f) => ({ ...f, sourceId: rebind(f.sourceId, 'sort order') })),
          },
        }
      : {}),
  };
}
