import {
  type EventTableName,
  TABLE_PROPERTIES,
  tableLocation,
  tablePartitionSpec,
  tableSchema,
} from '@analytics/events';
import type { LoadedTable, TableCatalog } from './rest-table-catalog.ts';

/**
 * An event table as the catalog has it, created first (namespace, initial
 * schema, hidden `hour(timestamp)` partitioning, SEED.md's properties) when
 * it does not exist yet. Both the first flush of a table and the first new
 * column of an open table may be what creates it; a create that loses the
 * race to another writer answers with the winner's table.
 */
export async function loadOrCreateEventTable(
  catalog: TableCatalog,
  namespace: string,
  table: EventTableName,
): Promise<LoadedTable> {
  const loaded = await catalog.loadTable(namespace, table);
  if (loaded !== undefined) return loaded;
  await catalog.createNamespace(namespace);
  return catalog.createTable(namespace, {
    name: table,
    location: tableLocation(table),
    schema: tableSchema(table),
    'partition-spec': tablePartitionSpec(table),
    'write-order': { 'order-id': 0, fields: [] },
    properties: TABLE_PROPERTIES,
  });
}
