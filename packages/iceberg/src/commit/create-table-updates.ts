/**
 * The updates that create a table, in the order the Java and PyIceberg REST
 * clients send them for a staged create (ICEBERG.md §5.4).
 */
import type { UnboundPartitionSpec } from '../spec/partition-spec.ts';
import type { SortOrder } from '../spec/sort-order.ts';
import type { Schema } from '../spec/types.ts';
import type { TableUpdate } from './table-update.ts';

/** What a new table is made of. Field ids in `schema` must already be assigned (see `assignFreshIds`). */
export interface NewTable {
  readonly uuid: string;
  readonly location: string;
  readonly schema: Schema;
  readonly spec?: UnboundPartitionSpec;
  readonly sortOrder?: SortOrder;
  readonly properties?: Readonly<Record<string, string>>;
}

/** The update list that builds `t` from nothing; apply with `applyCommit(undefined, [assert-create], …)`. */
export function createTableUpdates(t: NewTable): TableUpdate[] {
  return [
    { action: 'assign-uuid', uuid: t.uuid },
    { action: 'upgrade-format-version', formatVersion: 2 },
    { action: 'add-schema', schema: t.schema },
    { action: 'set-current-schema', schemaId: -1 },
    { action: 'add-spec', spec: t.spec ?? { fields: [] } },
    { action: 'set-default-spec', specId: -1 },
    { action: 'add-sort-order', sortOrder: t.sortOrder ?? { orderId: 0, fields: [] } },
    { action: 'set-default-sort-order', sortOrderId: -1 },
    { action: 'set-location', location: t.location },
    { action: 'set-properties', updates: { ...(t.properties ?? {}) } },
  ];
}
