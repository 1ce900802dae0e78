/**
 * Metadata updates (REST `TableUpdate`, ICEBERG.md §5.4), discriminated by
 * `action` with the REST names; fields are camelCase and 64-bit ids bigint.
 */
import { IcebergError } from '../errors.ts';
import { JsonReader } from '../json/json-reader.ts';
import type { JsonValue } from '../json/lossless-json.ts';
import {
  partitionSpecToJson,
  type UnboundPartitionSpec,
  unboundPartitionSpecFromJson,
} from '../spec/partition-spec.ts';
import { schemaFromJson, schemaToJson } from '../spec/schema-json.ts';
import {
  refWithRetention,
  type Snapshot,
  type SnapshotRef,
  snapshotFromJson,
  snapshotToJson,
} from '../spec/snapshot.ts';
import { type SortOrder, sortOrderFromJson, sortOrderToJson } from '../spec/sort-order.ts';
import {
  type PartitionStatisticsFile,
  partitionStatisticsFileFromJson,
  partitionStatisticsFileToJson,
  type StatisticsFile,
  statisticsFileFromJson,
  statisticsFileToJson,
} from '../spec/statistics.ts';
import type { Schema } from '../spec/types.ts';

/** One metadata update. `-1` ids in the `set-*` actions mean "the one added last in this commit". */
export type TableUpdate =
  | { readonly action: 'assign-uuid'; readonly uuid: string }
  | { readonly action: 'upgrade-format-version'; readonly formatVersion: number }
  | { readonly action: 'add-schema'; readonly schema: Schema; readonly lastColumnId?: number }
  | { readonly action: 'set-current-schema'; readonly schemaId: number }
  | { readonly action: 'add-spec'; readonly spec: UnboundPartitionSpec }
  | { readonly action: 'set-default-spec'; readonly specId: number }
  | { readonly action: 'add-sort-order'; readonly sortOrder: SortOrder }
  | { readonly action: 'set-default-sort-order'; readonly sortOrderId: number }
  | { readonly action: 'add-snapshot'; readonly snapshot: Snapshot }
  | { readonly action: 'set-snapshot-ref'; readonly refName: string; readonly ref: SnapshotRef }
  | { readonly action: 'remove-snapshots'; readonly snapshotIds: readonly bigint[] }
  | { readonly action: 'remove-snapshot-ref'; readonly refName: string }
  | { readonly action: 'set-location'; readonly location: string }
  | { readonly action: 'set-properties'; readonly updates: Readonly<Record<string, string>> }
  | { readonly action: 'remove-properties'; readonly removals: readonly string[] }
  | { readonly action: 'set-statistics'; readonly statistics: StatisticsFile }
  | { readonly action: 'remove-statistics'; readonly snapshotId: bigint }
  | { readonly action: 'set-partition-statistics'; readonly partitionStatistics: PartitionStatisticsFile }
  | { readonly action: 'remove-partition-statistics'; readonly snapshotId: bigint }
  | { readonly action: 'remove-partition-specs'; readonly specIds: readonly number[] }
  | { readonly action: 'remove-schemas'; readonly schemaIds: readonly number[] };

/** Parses an update from REST JSON; an unknown `action` is `invalid-argument` (REST 400). */
export function tableUpdateFromJson(json: JsonValue): TableUpdate {
  const r = new JsonReader(json, 'table update');
  const action = r.string('action');
  switch (action) {
    case 'assign-uuid':
      return { action, uuid: r.string('uuid') };
    case 'upgrade-format-version':
      return { action, formatVersion: r.int('format-version') };
    case 'add-schema': {
      const lastColumnId = r.optionalInt('last-column-id');
      return {
        action,
        schema: schemaFromJson(r.raw('schema') ?? null),
        ...(lastColumnId === undefined ? {} : { lastColumnId }),
      };
    }
    case 'set-current-schema':
      return { action, schemaId: r.int('schema-id') };
    case 'add-spec':
      return { action, spec: unboundPartitionSpecFromJson(r.raw('spec') ?? null) };
    case 'set-default-spec':
      return { action, specId: r.int('spec-id') };
    case 'add-sort-order':
      return { action, sortOrder: sortOrderFromJson(r.raw('sort-order') ?? null) };
    case 'set-default-sort-order':
      return { action, sortOrderId: r.int('sort-order-id') };
    case 'add-snapshot':
      return { action, snapshot: snapshotFromJson(r.raw('snapshot') ?? null) };
    case 'set-snapshot-ref': {
      const type = r.string('type');
      if (type !== 'branch' && type !== 'tag') {
        throw new IcebergError(
          'invalid-argument',
          `Invalid set-snapshot-ref: type must be branch or tag, got '${type}'`,
        );
      }
      return { action, refName: r.string('ref-name'), ref: refWithRetention(r, r.long('snapshot-id'), type) };
    }
    case 'remove-snapshots':
      return { action, snapshotIds: r.array('snapshot-ids').map((v) => toBigInt(v, 'snapshot-ids')) };
    case 'remove-snapshot-ref':
      return { action, refName: r.string('ref-name') };
    case 'set-location':
      return { action, location: r.string('location') };
    case 'set-properties':
      return { action, updates: r.stringMap('updates') };
    case 'remove-properties':
      return { action, removals: r.array('removals').map((v) => String(v)) };
    case 'set-statistics':
      return { action, statistics: statisticsFileFromJson(r.raw('statistics') ?? null) };
    case 'remove-statistics':
      return { action, snapshotId: r.long('snapshot-id') };
    case 'set-partition-statistics':
      return {
        action,
        partitionStatistics: partitionStatisticsFileFromJson(r.raw('partition-statistics') ?? null),
      };
    case 'remove-partition-statistics':
      return { action, snapshotId: r.long('snapshot-id') };
    case 'remove-partition-specs':
      return { action, specIds: r.array('spec-ids').map((v) => Number(v)) };
    case 'remove-schemas':
      return { action, schemaIds: r.array('schema-ids').map((v) => Number(v)) };
    default:
      throw new IcebergError('invalid-argument', `Unknown table update action: ${action}`, { action });
  }
}

function toBigInt(v: JsonValue, field: string): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  throw new IcebergError('invalid-argument', `Invalid table update: '${field}' must hold integers`);
}

/** Writes an update as REST JSON. */
export function tableUpdateToJson(u: TableUpdate): JsonValue {
  switch (u.action) {
    case 'assign-uuid':
      return { action: u.action, uuid: u.uuid };
    case 'upgrade-format-version':
      return { action: u.action, 'format-version': u.formatVersion };
    case 'add-schema':
      return {
        action: u.action,
        schema: schemaToJson(u.schema),
        'last-column-id': u.lastColumnId,
      } as JsonValue;
    case 'set-current-schema':
      return { action: u.action, 'schema-id': u.schemaId };
    case 'add-spec':
      return { action: u.action, spec: partitionSpecToJson(u.spec) };
    case 'set-default-spec':
      return { action: u.action, 'spec-id': u.specId };
    case 'add-sort-order':
      return { action: u.action, 'sort-order': sortOrderToJson(u.sortOrder) };
    case 'set-default-sort-order':
      return { action: u.action, 'sort-order-id': u.sortOrderId };
    case 'add-snapshot':
      return { action: u.action, snapshot: snapshotToJson(u.snapshot) };
    case 'set-snapshot-ref':
      return {
        action: u.action,
        'ref-name': u.refName,
        type: u.ref.type,
        'snapshot-id': u.ref.snapshotId,
        'min-snapshots-to-keep': u.ref.minSnapshotsToKeep,
        'max-snapshot-age-ms': u.ref.maxSnapshotAgeMs,
        'max-ref-age-ms': u.ref.maxRefAgeMs,
      } as JsonValue;
    case 'remove-snapshots':
      return { action: u.action, 'snapshot-ids': [...u.snapshotIds] };
    case 'remove-snapshot-ref':
      return { action: u.action, 'ref-name': u.refName };
    case 'set-location':
      return { action: u.action, location: u.location };
    case 'set-properties':
      return { action: u.action, updates: { ...u.updates } };
    case 'remove-properties':
      return { action: u.action, removals: [...u.removals] };
    case 'set-statistics':
      return {
        action: u.action,
        'snapshot-id': u.statistics.snapshotId,
        statistics: statisticsFileToJson(u.statistics),
      };
    case 'remove-statistics':
      return { action: u.action, 'snapshot-id': u.snapshotId };
    case 'set-partition-statistics':
      return {
        action: u.action,
        'partition-statistics': partitionStatisticsFileToJson(u.partitionStatistics),
      };
    case 'remove-partition-statistics':
      return { action: u.action, 'snapshot-id': u.snapshotId };
    case 'remove-partition-specs':
      return { action: u.action, 'spec-ids': [...u.specIds] };
    case 'remove-schemas':
      return { action: u.action, 'schema-ids': [...u.schemaIds] };
  }
}
