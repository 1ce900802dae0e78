/**
 * The table metadata domain model (spec: "Table Metadata", format v2). One
 * immutable value per metadata file; `applyCommit` derives the next one.
 */
import { IcebergError } from '../errors.ts';
import type { PartitionSpec } from './partition-spec.ts';
import type { Snapshot, SnapshotRef } from './snapshot.ts';
import { MAIN_BRANCH } from './snapshot.ts';
import type { SortOrder } from './sort-order.ts';
import type { PartitionStatisticsFile, StatisticsFile } from './statistics.ts';
import type { Schema } from './types.ts';

/** An entry of `snapshot-log`: when `snapshotId` became current. */
export interface SnapshotLogEntry {
  readonly timestampMs: number;
  readonly snapshotId: bigint;
}

/** An entry of `metadata-log`: a previous metadata file and its `last-updated-ms`. */
export interface MetadataLogEntry {
  readonly timestampMs: number;
  readonly metadataFile: string;
}

/** Table metadata, format v2. */
export interface TableMetadata {
  readonly formatVersion: 2;
  readonly tableUuid: string;
  readonly location: string;
  readonly lastSequenceNumber: bigint;
  readonly lastUpdatedMs: number;
  readonly lastColumnId: number;
  readonly schemas: readonly Schema[];
  readonly currentSchemaId: number;
  readonly partitionSpecs: readonly PartitionSpec[];
  readonly defaultSpecId: number;
  readonly lastPartitionId: number;
  readonly properties: Readonly<Record<string, string>>;
  /** Undefined for a table without snapshots (written as `-1`). Always equals `refs.main.snapshotId`. */
  readonly currentSnapshotId: bigint | undefined;
  readonly snapshots: readonly Snapshot[];
  readonly snapshotLog: readonly SnapshotLogEntry[];
  readonly metadataLog: readonly MetadataLogEntry[];
  readonly sortOrders: readonly SortOrder[];
  readonly defaultSortOrderId: number;
  readonly refs: Readonly<Record<string, SnapshotRef>>;
  readonly statistics: readonly StatisticsFile[];
  readonly partitionStatistics: readonly PartitionStatisticsFile[];
}

/** The schema with `schemaId`, or a `not-found` error. */
export function schemaById(m: TableMetadata, schemaId: number): Schema {
  const s = m.schemas.find((x) => x.schemaId === schemaId);
  if (!s) throw new IcebergError('not-found', `Schema ${schemaId} does not exist`, { schemaId });
  return s;
}

/** The current schema. */
export function currentSchema(m: TableMetadata): Schema {
  return schemaById(m, m.currentSchemaId);
}

/** The spec with `specId`, or a `not-found` error. */
export function specById(m: TableMetadata, specId: number): PartitionSpec {
  const s = m.partitionSpecs.find((x) => x.specId === specId);
  if (!s) throw new IcebergError('not-found', `Partition spec ${specId} does not exist`, { specId });
  return s;
}

/** The default partition spec (new data is written with it). */
export function defaultSpec(m: TableMetadata): PartitionSpec {
  return specById(m, m.defaultSpecId);
}

/** The default sort order. */
export function defaultSortOrder(m: TableMetadata): SortOrder {
  const o = m.sortOrders.find((x) => x.orderId === m.defaultSortOrderId);
  if (!o) throw new IcebergError('not-found', `Sort order ${m.defaultSortOrderId} does not exist`);
  return o;
}

/** The snapshot with `snapshotId`, or undefined. */
export function findSnapshot(m: TableMetadata, snapshotId: bigint): Snapshot | undefined {
  return m.snapshots.find((s) => s.snapshotId === snapshotId);
}

/** The snapshot with `snapshotId`, or a `not-found` error. */
export function snapshotById(m: TableMetadata, snapshotId: bigint): Snapshot {
  const s = findSnapshot(m, snapshotId);
  if (!s) throw new IcebergError('not-found', `Snapshot ${snapshotId} does not exist`, { snapshotId });
  return s;
}

/** The current snapshot (head of `main`), or undefined for an empty table. */
export function currentSnapshot(m: TableMetadata): Snapshot | undefined {
  return m.currentSnapshotId === undefined ? undefined : findSnapshot(m, m.currentSnapshotId);
}

/** The snapshot a branch or tag points at, or undefined when the ref does not exist. */
export function refSnapshot(m: TableMetadata, ref: string = MAIN_BRANCH): Snapshot | undefined {
  const r = m.refs[ref];
  return r === undefined ? undefined : findSnapshot(m, r.snapshotId);
}

/** The snapshot and its ancestors, newest first, as far back as they are still in the metadata. */
export function ancestorsOf(m: TableMetadata, snapshotId: bigint | undefined): Snapshot[] {
  const out: Snapshot[] = [];
  let s = snapshotId === undefined ? undefined : findSnapshot(m, snapshotId);
  while (s) {
    out.push(s);
    s = s.parentSnapshotId === undefined ? undefined : findSnapshot(m, s.parentSnapshotId);
  }
  return out;
}

/** A table property as an integer, or the default when unset or unparsable. */
export function intProperty(m: Pick<TableMetadata, 'properties'>, key: string, fallback: number): number {
  const v = m.properties[key];
  if (v === undefined) return fallback;
  const n = Number.parseInt(v, 10);
  return Number.isFinite(n) ? n : fallback;
}
