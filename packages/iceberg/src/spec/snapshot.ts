/** Snapshots and snapshot references (spec: "Snapshots", "Snapshot References"). */
import { IcebergError } from '../errors.ts';
import { JsonReader } from '../json/json-reader.ts';
import type { JsonValue } from '../json/lossless-json.ts';

/** The `operation` of a snapshot summary. */
export type SnapshotOperation = 'append' | 'replace' | 'overwrite' | 'delete';

const OPERATIONS: ReadonlySet<string> = new Set<SnapshotOperation>([
  'append',
  'replace',
  'overwrite',
  'delete',
]);

/** A snapshot summary: `operation` plus string-valued counters (spec Appendix F). */
export interface SnapshotSummary {
  readonly operation: SnapshotOperation;
  readonly [key: string]: string;
}

/** One snapshot of the table. */
export interface Snapshot {
  readonly snapshotId: bigint;
  readonly parentSnapshotId?: bigint;
  readonly sequenceNumber: bigint;
  readonly timestampMs: number;
  /** Full URI of the snapshot's manifest list. */
  readonly manifestList: string;
  readonly summary: SnapshotSummary;
  readonly schemaId?: number;
}

/** A named branch or tag pointing at a snapshot; `main` is the table's current state. */
export interface SnapshotRef {
  readonly snapshotId: bigint;
  readonly type: 'branch' | 'tag';
  readonly minSnapshotsToKeep?: number;
  readonly maxSnapshotAgeMs?: number;
  readonly maxRefAgeMs?: number;
}

/** The name of the branch that is the table's current state. */
export const MAIN_BRANCH = 'main';

/** Parses a snapshot object. */
export function snapshotFromJson(json: JsonValue): Snapshot {
  const r = new JsonReader(json, 'snapshot');
  const summary = r.optionalStringMap('summary') ?? {};
  const operation = summary.operation;
  if (operation === undefined || !OPERATIONS.has(operation)) {
    throw new IcebergError(
      'invalid-argument',
      `Invalid snapshot: summary operation '${operation}' is not one of append, replace, overwrite, delete`,
    );
  }
  const parent = r.optionalLong('parent-snapshot-id');
  const schemaId = r.optionalInt('schema-id');
  return {
    snapshotId: r.long('snapshot-id'),
    ...(parent === undefined ? {} : { parentSnapshotId: parent }),
    sequenceNumber: r.optionalLong('sequence-number') ?? 0n,
    timestampMs: r.millis('timestamp-ms'),
    manifestList: r.string('manifest-list'),
    summary: { ...summary, operation: operation as SnapshotOperation },
    ...(schemaId === undefined ? {} : { schemaId }),
  };
}

/** Writes a snapshot object (parent omitted when there is none). */
export function snapshotToJson(s: Snapshot): JsonValue {
  return {
    'snapshot-id': s.snapshotId,
    'parent-snapshot-id': s.parentSnapshotId,
    'sequence-number': s.sequenceNumber,
    'timestamp-ms': s.timestampMs,
    'manifest-list': s.manifestList,
    summary: { ...s.summary },
    'schema-id': s.schemaId,
  } as JsonValue;
}

/** Parses a ref object (`{snapshot-id, type, …retention}`). */
export function snapshotRefFromJson(json: JsonValue): SnapshotRef {
  const r = new JsonReader(json, 'snapshot ref');
  const type = r.string('type');
  if (type !== 'branch' && type !== 'tag') {
    throw new IcebergError(
      'invalid-argument',
      `Invalid snapshot ref: type must be branch or tag, got '${type}'`,
    );
  }
  return refWithRetention(r, r.long('snapshot-id'), type);
}

/** Reads the optional retention fields shared by refs and `set-snapshot-ref`. */
export function refWithRetention(r: JsonReader, snapshotId: bigint, type: 'branch' | 'tag'): SnapshotRef {
  const min = r.optionalInt('min-snapshots-to-keep');
  const age = r.optionalMillis('max-snapshot-age-ms');
  const refAge = r.optionalMillis('max-ref-age-ms');
  return {
    snapshotId,
    type,
    ...(min === undefined ? {} : { minSnapshotsToKeep: min }),
    ...(age === undefined ? {} : { maxSnapshotAgeMs: age }),
    ...(refAge === undefined ? {} : { maxRefAgeMs: refAge }),
  };
}

/** Writes a ref object. */
export function snapshotRefToJson(ref: SnapshotRef): JsonValue {
  return {
    'snapshot-id': ref.snapshotId,
    type: ref.type,
    'min-snapshots-to-keep': ref.minSnapshotsToKeep,
    'max-snapshot-age-ms': ref.maxSnapshotAgeMs,
    'max-ref-age-ms': ref.maxRefAgeMs,
  } as JsonValue;
}
