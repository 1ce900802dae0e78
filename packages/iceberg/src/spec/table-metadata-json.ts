/**
 * The v2 table metadata JSON codec (spec Appendix C, ICEBERG.md §1). Parsing
 * is lossless for 64-bit ids; `-1` for `current-snapshot-id` means "none".
 * Serializing writes the Java field order and never the deprecated v1 fields.
 */
import { IcebergError } from '../errors.ts';
import { JsonReader } from '../json/json-reader.ts';
import { type JsonValue, parseJson, stringifyJson } from '../json/lossless-json.ts';
import { partitionSpecFromJson, partitionSpecToJson } from './partition-spec.ts';
import { schemaFromJson, schemaToJson } from './schema-json.ts';
import {
  type SnapshotRef,
  snapshotFromJson,
  snapshotRefFromJson,
  snapshotRefToJson,
  snapshotToJson,
} from './snapshot.ts';
import { sortOrderFromJson, sortOrderToJson } from './sort-order.ts';
import {
  partitionStatisticsFileFromJson,
  partitionStatisticsFileToJson,
  statisticsFileFromJson,
  statisticsFileToJson,
} from './statistics.ts';
import type { TableMetadata } from './table-metadata.ts';

/** Parses table metadata from a parsed JSON value. Only format version 2 is accepted. */
export function tableMetadataFromJson(json: JsonValue): TableMetadata {
  const r = new JsonReader(json, 'table metadata');
  const formatVersion = r.int('format-version');
  if (formatVersion !== 2) {
    throw new IcebergError(
      'unsupported',
      `Unsupported table format version ${formatVersion}: only v2 is supported`,
      {
        formatVersion,
      },
    );
  }
  const current = r.optionalLong('current-snapshot-id');
  const currentSnapshotId = current === undefined || current === -1n ? undefined : current;
  const refs: Record<string, SnapshotRef> = {};
  if (r.has('refs')) {
    for (const [name, ref] of Object.entries(new JsonReader(r.raw('refs'), 'refs').obj)) {
      refs[name] = snapshotRefFromJson(ref);
    }
  }
  // A main branch always exists implicitly when there is a current snapshot (PyIceberg `construct_refs`).
  if (currentSnapshotId !== undefined && refs.main === undefined) {
    refs.main = { snapshotId: currentSnapshotId, type: 'branch' };
  }
  return {
    formatVersion: 2,
    tableUuid: r.string('table-uuid'),
    location: r.string('location'),
    lastSequenceNumber: r.optionalLong('last-sequence-number') ?? 0n,
    lastUpdatedMs: r.millis('last-updated-ms'),
    lastColumnId: r.int('last-column-id'),
    schemas: r.array('schemas').map(schemaFromJson),
    currentSchemaId: r.int('current-schema-id'),
    partitionSpecs: r.array('partition-specs').map(partitionSpecFromJson),
    defaultSpecId: r.int('default-spec-id'),
    lastPartitionId: r.int('last-partition-id'),
    properties: r.optionalStringMap('properties') ?? {},
    currentSnapshotId,
    snapshots: (r.optionalArray('snapshots') ?? []).map(snapshotFromJson),
    snapshotLog: (r.optionalArray('snapshot-log') ?? []).map((e) => {
      const er = new JsonReader(e, 'snapshot-log entry');
      return { timestampMs: er.millis('timestamp-ms'), snapshotId: er.long('snapshot-id') };
    }),
    metadataLog: (r.optionalArray('metadata-log') ?? []).map((e) => {
      const er = new JsonReader(e, 'metadata-log entry');
      return { timestampMs: er.millis('timestamp-ms'), metadataFile: er.string('metadata-file') };
    }),
    sortOrders: r.array('sort-orders').map(sortOrderFromJson),
    defaultSortOrderId: r.int('default-sort-order-id'),
    refs,
    statistics: (r.optionalArray('statistics') ?? []).map(statisticsFileFromJson),
    partitionStatistics: (r.optionalArray('partition-statistics') ?? []).map(partitionStatisticsFileFromJson),
  };
}

/** Writes table metadata as a JSON value (bigints intact; serialize with `stringifyJson`). */
export function tableMetadataToJson(m: TableMetadata): JsonValue {
  return {
    'format-version': 2,
    'table-uuid': m.tableUuid,
    location: m.location,
    'last-sequence-number': m.lastSequenceNumber,
    'last-updated-ms': m.lastUpdatedMs,
    'last-column-id': m.lastColumnId,
    'current-schema-id': m.currentSchemaId,
    schemas: m.schemas.map(schemaToJson),
    'default-spec-id': m.defaultSpecId,
    'partition-specs': m.partitionSpecs.map(partitionSpecToJson),
    'last-partition-id': m.lastPartitionId,
    'default-sort-order-id': m.defaultSortOrderId,
    'sort-orders': m.sortOrders.map(sortOrderToJson),
    properties: { ...m.properties },
    // -1 rather than absent: old Trino fails on a missing field (ICEBERG.md §6.5 #10).
    'current-snapshot-id': m.currentSnapshotId ?? -1,
    refs: Object.fromEntries(Object.entries(m.refs).map(([k, v]) => [k, snapshotRefToJson(v)])),
    snapshots: m.snapshots.map(snapshotToJson),
    statistics: m.statistics.map(statisticsFileToJson),
    'partition-statistics': m.partitionStatistics.map(partitionStatisticsFileToJson),
    'snapshot-log': m.snapshotLog.map((e) => ({
      'timestamp-ms': e.timestampMs,
      'snapshot-id': e.snapshotId,
    })),
    'metadata-log': m.metadataLog.map((e) => ({
      'timestamp-ms': e.timestampMs,
      'metadata-file': e.metadataFile,
    })),
  };
}

/** Parses a metadata.json document (text). */
export function parseTableMetadata(text: string): TableMetadata {
  return tableMetadataFromJson(parseJson(text));
}

/** Serializes table metadata to JSON text, ids exact. */
export function serializeTableMetadata(m: TableMetadata, indent = 0): string {
  return stringifyJson(tableMetadataToJson(m), indent);
}
