/**
 * Creating a table from a schema (fresh ids assigned), an optional partition
 * spec by column names and properties (event tables get `EVENT_TABLE_PROPERTIES`).
 */
import type { LoadedTable, TableIdentifier } from '../catalog/catalog.ts';
import { createTableUpdates } from '../commit/create-table-updates.ts';
import { IcebergError } from '../errors.ts';
import { assignFreshIds } from '../spec/fresh-ids.ts';
import { defaultPartitionFieldName, type PartitionFieldRequest } from '../spec/partition-evolution.ts';
import { PARTITION_DATA_ID_START, type UnboundPartitionField } from '../spec/partition-spec.ts';
import { findFieldByName } from '../spec/schema-util.ts';
import type { SortField } from '../spec/sort-order.ts';
import type { Schema } from '../spec/types.ts';
import { formatTransform, parseTransform } from '../transforms/transform.ts';
import type { TableEnv } from './table-env.ts';

/** A table to create. */
export interface CreateTableOptions {
  readonly location: string;
  /** Field ids are reassigned 1..n. */
  readonly schema: Schema;
  readonly partitionBy?: readonly PartitionFieldRequest[];
  readonly sortBy?: readonly {
    readonly column: string;
    readonly direction?: 'asc' | 'desc';
    readonly transform?: string;
  }[];
  readonly properties?: Readonly<Record<string, string>>;
}

/** Creates the table through the catalog. */
export function createTable(
  env: TableEnv,
  id: TableIdentifier,
  options: CreateTableOptions,
): Promise<LoadedTable> {
  const { schema } = assignFreshIds(options.schema);
  const column = (name: string) => {
    const f = findFieldByName(schema, name);
    if (!f)
      throw new IcebergError('not-found', `Cannot find column '${name}' in the new table's schema`, {
        column: name,
      });
    return f;
  };
  let nextId = PARTITION_DATA_ID_START;
  const fields: UnboundPartitionField[] = (options.partitionBy ?? []).map((p) => {
    const transform = formatTransform(parseTransform(p.transform));
    return {
      sourceId: column(p.column).id,
      fieldId: nextId++,
      name: p.name ?? defaultPartitionFieldName(p.column, transform),
      transform,
    };
  });
  const sortFields: SortField[] = (options.sortBy ?? []).map((s) => ({
    sourceId: column(s.column).id,
    transform: s.transform ?? 'identity',
    direction: s.direction ?? 'asc',
    nullOrder: (s.direction ?? 'asc') === 'asc' ? 'nulls-first' : 'nulls-last',
  }));
  return env.catalog.createTable(
    id,
    createTableUpdates({
      uuid: env.newUuid(),
      location: options.location,
      schema,
      spec: { fields },
      sortOrder: { orderId: sortFields.length > 0 ? 1 : 0, fields: sortFields },
      properties: options.properties ?? {},
    }),
  );
}
