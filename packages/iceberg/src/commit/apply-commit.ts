/**
 * The pure commit function: requirements checked against the latest metadata,
 * then updates applied in order by a metadata builder, with the semantics of
 * the Java reference `TableMetadata.Builder` (ICEBERG.md §5.4). No I/O: the
 * caller writes the result as a new metadata file and swaps the pointer.
 */
import { IcebergError } from '../errors.ts';
import {
  highestPartitionFieldId,
  PARTITION_DATA_ID_START,
  type PartitionField,
  type PartitionSpec,
  sameSpecFields,
  type UnboundPartitionSpec,
} from '../spec/partition-spec.ts';
import { highestFieldId, indexFields, sameSchema } from '../spec/schema-util.ts';
import { MAIN_BRANCH, type Snapshot, type SnapshotRef } from '../spec/snapshot.ts';
import { type SortOrder, sameSortFields } from '../spec/sort-order.ts';
import type { PartitionStatisticsFile, StatisticsFile } from '../spec/statistics.ts';
import type { MetadataLogEntry, SnapshotLogEntry, TableMetadata } from '../spec/table-metadata.ts';
import type { Schema } from '../spec/types.ts';
import { checkRequirement, type TableRequirement } from './table-requirement.ts';
import type { TableUpdate } from './table-update.ts';

/** What a commit needs from its environment: passed in, so commits are deterministic in tests. */
export interface CommitContext {
  /** Epoch milliseconds; becomes `last-updated-ms`. */
  now(): number;
  /** A fresh table UUID, used when a new table gets no `assign-uuid`. */
  newUuid(): string;
  /** Location of the metadata file `base` was read from; appended to `metadata-log`. */
  baseMetadataLocation?: string;
}

/** `write.metadata.previous-versions-max`: how many `metadata-log` entries to keep (default 100). */
export const PREVIOUS_VERSIONS_MAX = 'write.metadata.previous-versions-max';

/** The `-1` id of `set-current-schema`, `set-default-spec`, `set-default-sort-order`. */
const LAST_ADDED = -1;

function invalid(message: string, context: Record<string, unknown> = {}): never {
  throw new IcebergError('invalid-argument', message, context);
}

/**
 * Applies a commit. `base` is the latest metadata (undefined to create a
 * table). Throws `commit-failed` when a requirement does not hold or a snapshot
 * is stale, `invalid-argument` when an update is invalid. Returns `base` itself
 * when nothing changed, so callers can skip writing a metadata file.
 */
export function applyCommit(
  base: TableMetadata | undefined,
  requirements: readonly TableRequirement[],
  updates: readonly TableUpdate[],
  ctx: CommitContext,
): TableMetadata {
  for (const req of requirements) checkRequirement(req, base);
  const b = new MetadataBuilder(base);
  for (const u of updates) b.apply(u);
  if (base !== undefined && !b.changed) return base;
  return b.build(ctx);
}

/** Mutable working state of one commit. */
class MetadataBuilder {
  changed = false;
  private tableUuid: string | undefined;
  private location: string | undefined;
  private lastSequenceNumber: bigint;
  private lastColumnId: number;
  private schemas: Schema[];
  private currentSchemaId: number;
  private specs: PartitionSpec[];
  private defaultSpecId: number;
  private lastPartitionId: number;
  private properties: Record<string, string>;
  private currentSnapshotId: bigint | undefined;
  private snapshots: Snapshot[];
  private snapshotLog: SnapshotLogEntry[];
  private readonly metadataLog: MetadataLogEntry[];
  private sortOrders: SortOrder[];
  private defaultSortOrderId: number;
  private refs: Map<string, SnapshotRef>;
  private statistics: StatisticsFile[];
  private partitionStatistics: PartitionStatisticsFile[];
  private lastAddedSchemaId: number | undefined;
  private lastAddedSpecId: number | undefined;
  private lastAddedOrderId: number | undefined;
  private readonly addedSnapshotIds = new Set<bigint>();
  /** Timestamps of snapshot-log entries made in this commit before `now` is known. */
  private readonly pendingLogNow = new Set<SnapshotLogEntry>();

  private readonly base: TableMetadata | undefined;

  constructor(base: TableMetadata | undefined) {
    this.base = base;
    this.changed = base === undefined;
    this.tableUuid = base?.tableUuid;
    this.location = base?.location;
    this.lastSequenceNumber = base?.lastSequenceNumber ?? 0n;
    this.lastColumnId = base?.lastColumnId ?? 0;
    this.schemas = [...(base?.schemas ?? [])];
    this.currentSchemaId = base?.currentSchemaId ?? -1;
    this.specs = [...(base?.partitionSpecs ?? [])];
    this.defaultSpecId = base?.defaultSpecId ?? -1;
    this.lastPartitionId = base?.lastPartitionId ?? PARTITION_DATA_ID_START - 1;
    this.properties = { ...(base?.properties ?? {}) };
    this.currentSnapshotId = base?.currentSnapshotId;
    this.snapshots = [...(base?.snapshots ?? [])];
    this.snapshotLog = [...(base?.snapshotLog ?? [])];
    this.metadataLog = [...(base?.metadataLog ?? [])];
    this.sortOrders = [...(base?.sortOrders ?? [])];
    this.defaultSortOrderId = base?.defaultSortOrderId ?? -1;
    this.refs = new Map(Object.entries(base?.refs ?? {}));
    this.statistics = [...(base?.statistics ?? [])];
    this.partitionStatistics = [...(base?.partitionStatistics ?? [])];
  }

  apply(u: TableUpdate): void {
    switch (u.action) {
      case 'assign-uuid':
        if (u.uuid !== this.tableUuid) {
          this.tableUuid = u.uuid;
          this.changed = true;
        }
        return;
      case 'upgrade-format-version':
        if (u.formatVersion < 2) invalid(`Cannot downgrade v2 table to v${u.formatVersion}`);
        if (u.formatVersion > 2) {
          throw new IcebergError(
            'unsupported',
            `Cannot upgrade to format version ${u.formatVersion}: only v2 is supported`,
          );
        }
        return;
      case 'add-schema':
        this.addSchema(u.schema, u.lastColumnId);
        return;
      case 'set-current-schema':
        this.setCurrentSchema(u.schemaId);
        return;
      case 'add-spec':
        this.addSpec(u.spec);
        return;
      case 'set-default-spec':
        this.setDefaultSpec(u.specId);
        return;
      case 'add-sort-order':
        this.addSortOrder(u.sortOrder);
        return;
      case 'set-default-sort-order':
        this.setDefaultSortOrder(u.sortOrderId);
        return;
      case 'add-snapshot':
        this.addSnapshot(u.snapshot);
        return;
      case 'set-snapshot-ref':
        this.setRef(u.refName, u.ref);
        return;
      case 'remove-snapshots':
        this.removeSnapshots(u.snapshotIds);
        return;
      case 'remove-snapshot-ref':
        this.removeRef(u.refName);
        return;
      case 'set-location':
        if (u.location !== this.location) {
          this.location = u.location;
          this.changed = true;
        }
        return;
      case 'set-properties':
        this.properties = { ...this.properties, ...u.updates };
        this.changed = true;
        return;
      case 'remove-properties':
        for (const key of u.removals) delete this.properties[key];
        this.changed = true;
        return;
      case 'set-statistics':
        this.statistics = [
          ...this.statistics.filter((s) => s.snapshotId !== u.statistics.snapshotId),
          u.statistics,
        ];
        this.changed = true;
        return;
      case 'remove-statistics':
        this.statistics = this.statistics.filter((s) => s.snapshotId !== u.snapshotId);
        this.changed = true;
        return;
      case 'set-partition-statistics':
        this.partitionStatistics = [
          ...this.partitionStatistics.filter((s) => s.snapshotId !== u.partitionStatistics.snapshotId),
          u.partitionStatistics,
        ];
        this.changed = true;
        return;
      case 'remove-partition-statistics':
        this.partitionStatistics = this.partitionStatistics.filter((s) => s.snapshotId !== u.snapshotId);
        this.changed = true;
        return;
      case 'remove-partition-specs':
        if (u.specIds.includes(this.defaultSpecId)) invalid('Cannot remove the default partition spec');
        this.specs = this.specs.filter((s) => !u.specIds.includes(s.specId));
        this.changed = true;
        return;
      case 'remove-schemas':
        if (u.schemaIds.includes(this.currentSchemaId)) invalid('Cannot remove current schema');
        this.schemas = this.schemas.filter((s) => !u.schemaIds.includes(s.schemaId));
        this.changed = true;
        return;
    }
  }

  private addSchema(schema: Schema, requestedLastColumnId: number | undefined): void {
    const newLast = Math.max(this.lastColumnId, highestFieldId(schema), requestedLastColumnId ?? 0);
    const existing = this.schemas.find((s) => sameSchema(s, schema));
    if (existing) {
      this.lastAddedSchemaId = existing.schemaId;
      if (newLast !== this.lastColumnId) {
        this.lastColumnId = newLast;
        this.changed = true;
      }
      return;
    }
    const schemaId = this.schemas.reduce((m, s) => Math.max(m, s.schemaId + 1), 0);
    this.schemas.push({ ...schema, schemaId });
    this.lastColumnId = newLast;
    this.lastAddedSchemaId = schemaId;
    this.changed = true;
  }

  private setCurrentSchema(requested: number): void {
    const id = requested === LAST_ADDED ? this.lastAddedSchemaId : requested;
    if (id === undefined) invalid('Cannot set last added schema: no schema has been added');
    if (!this.schemas.some((s) => s.schemaId === id))
      invalid(`Cannot set current schema to unknown schema: ${id}`);
    if (id !== this.currentSchemaId) {
      this.currentSchemaId = id;
      this.changed = true;
    }
  }

  private addSpec(unbound: UnboundPartitionSpec): void {
    const schema = this.schemas.find((s) => s.schemaId === this.currentSchemaId);
    const columns = schema ? indexFields(schema) : undefined;
    let nextId = this.lastPartitionId;
    const fields: PartitionField[] = unbound.fields.map((f) => {
      if (columns && !columns.has(f.sourceId)) {
        invalid(
          `Cannot add partition field '${f.name}': source column ${f.sourceId} is not in the current schema`,
          {
            sourceId: f.sourceId,
          },
        );
      }
      // v2: reuse the id of an equivalent field from any spec, else assign the next id.
      const fieldId =
        f.fieldId ??
        this.specs
          .flatMap((s) => s.fields)
          .find((g) => g.sourceId === f.sourceId && g.transform === f.transform)?.fieldId ??
        ++nextId;
      nextId = Math.max(nextId, fieldId);
      return { sourceId: f.sourceId, fieldId, name: f.name, transform: f.transform };
    });
    const names = new Set<string>();
    for (const f of fields) {
      if (names.has(f.name)) invalid(`Cannot add partition spec: duplicate partition field name '${f.name}'`);
      names.add(f.name);
    }
    const candidate: PartitionSpec = { specId: -1, fields };
    const newLastPartitionId = Math.max(this.lastPartitionId, highestPartitionFieldId(candidate));
    if (newLastPartitionId !== this.lastPartitionId) {
      this.lastPartitionId = newLastPartitionId;
      this.changed = true;
    }
    const existing = this.specs.find((s) => sameSpecFields(s, candidate));
    if (existing) {
      this.lastAddedSpecId = existing.specId;
      return;
    }
    const specId = this.specs.reduce((m, s) => Math.max(m, s.specId + 1), 0);
    this.specs.push({ specId, fields });
    this.lastAddedSpecId = specId;
    this.changed = true;
  }

  private setDefaultSpec(requested: number): void {
    const id = requested === LAST_ADDED ? this.lastAddedSpecId : requested;
    if (id === undefined) invalid('Cannot set last added spec: no spec has been added');
    if (!this.specs.some((s) => s.specId === id))
      invalid(`Cannot set default partition spec to unknown spec: ${id}`);
    if (id !== this.defaultSpecId) {
      this.defaultSpecId = id;
      this.changed = true;
    }
  }

  private addSortOrder(order: SortOrder): void {
    const existing = this.sortOrders.find((o) => sameSortFields(o, order));
    if (existing) {
      this.lastAddedOrderId = existing.orderId;
      return;
    }
    // Order 0 is reserved for "unsorted"; sorted orders start at 1.
    const orderId =
      order.fields.length === 0 ? 0 : this.sortOrders.reduce((m, o) => Math.max(m, o.orderId + 1), 1);
    this.sortOrders.push({ orderId, fields: order.fields });
    this.lastAddedOrderId = orderId;
    this.changed = true;
  }

  private setDefaultSortOrder(requested: number): void {
    const id = requested === LAST_ADDED ? this.lastAddedOrderId : requested;
    if (id === undefined) invalid('Cannot set last added sort order: no sort order has been added');
    if (!this.sortOrders.some((o) => o.orderId === id))
      invalid(`Cannot set default sort order to unknown order: ${id}`);
    if (id !== this.defaultSortOrderId) {
      this.defaultSortOrderId = id;
      this.changed = true;
    }
  }

  private addSnapshot(snapshot: Snapshot): void {
    if (this.snapshots.some((s) => s.snapshotId === snapshot.snapshotId)) {
      invalid(`Snapshot already exists for id: ${snapshot.snapshotId}`, { snapshotId: snapshot.snapshotId });
    }
    if (snapshot.parentSnapshotId !== undefined && snapshot.sequenceNumber <= this.lastSequenceNumber) {
      // Java raises a ValidationException that the REST server reports as 409: the client must retry.
      throw new IcebergError(
        'commit-failed',
        `Cannot add snapshot with sequence number ${snapshot.sequenceNumber} older than last sequence number ${this.lastSequenceNumber}`,
        { snapshotId: snapshot.snapshotId },
      );
    }
    this.snapshots.push(snapshot);
    this.addedSnapshotIds.add(snapshot.snapshotId);
    // Departure: Java assigns the snapshot's number even when lower (parentless); we never let it decrease.
    if (snapshot.sequenceNumber > this.lastSequenceNumber) this.lastSequenceNumber = snapshot.sequenceNumber;
    this.changed = true;
  }

  private setRef(name: string, ref: SnapshotRef): void {
    const snapshot = this.snapshots.find((s) => s.snapshotId === ref.snapshotId);
    if (!snapshot) invalid(`Cannot set ${name} to unknown snapshot: ${ref.snapshotId}`, { ref: name });
    if (name === MAIN_BRANCH && ref.type !== 'branch')
      invalid('Cannot set main to a tag: main must be a branch');
    const existing = this.refs.get(name);
    if (existing && sameRef(existing, ref)) return;
    this.refs.set(name, ref);
    if (name === MAIN_BRANCH) {
      this.currentSnapshotId = ref.snapshotId;
      const entry = { timestampMs: snapshot.timestampMs, snapshotId: ref.snapshotId };
      this.snapshotLog.push(entry);
      // A rollback to an older snapshot is logged at commit time, not at the snapshot's own timestamp.
      if (!this.addedSnapshotIds.has(ref.snapshotId)) this.pendingLogNow.add(entry);
    }
    this.changed = true;
  }

  private removeSnapshots(ids: readonly bigint[]): void {
    const removed = new Set(ids);
    const before = this.snapshots.length;
    this.snapshots = this.snapshots.filter((s) => !removed.has(s.snapshotId));
    if (this.snapshots.length === before) return;
    this.changed = true;
    for (const [name, ref] of [...this.refs]) {
      if (removed.has(ref.snapshotId)) this.removeRef(name);
    }
    this.statistics = this.statistics.filter((s) => !removed.has(s.snapshotId));
    this.partitionStatistics = this.partitionStatistics.filter((s) => !removed.has(s.snapshotId));
    // Keep only the log after the last entry whose snapshot is gone (Java `updateSnapshotLog`).
    const kept = new Set(this.snapshots.map((s) => s.snapshotId));
    const log: SnapshotLogEntry[] = [];
    for (const e of this.snapshotLog) {
      if (kept.has(e.snapshotId)) log.push(e);
      else log.length = 0;
    }
    this.snapshotLog = log;
  }

  private removeRef(name: string): void {
    if (!this.refs.delete(name)) return;
    if (name === MAIN_BRANCH) this.currentSnapshotId = undefined;
    this.changed = true;
  }

  build(ctx: CommitContext): TableMetadata {
    const now = ctx.now();
    const tableUuid = this.tableUuid ?? ctx.newUuid();
    if (this.location === undefined)
      invalid('Cannot create a table without a location: add a set-location update');
    if (!this.schemas.some((s) => s.schemaId === this.currentSchemaId)) {
      invalid('Table metadata has no current schema: add-schema and set-current-schema are required');
    }
    if (this.specs.length === 0) {
      this.specs.push({ specId: 0, fields: [] });
      this.defaultSpecId = 0;
    }
    if (this.sortOrders.length === 0) {
      this.sortOrders.push({ orderId: 0, fields: [] });
      this.defaultSortOrderId = 0;
    }
    if (!this.specs.some((s) => s.specId === this.defaultSpecId))
      invalid('Table metadata has no default partition spec');
    if (!this.sortOrders.some((o) => o.orderId === this.defaultSortOrderId)) {
      invalid('Table metadata has no default sort order');
    }
    const snapshotLog = this.snapshotLog.map((e) =>
      this.pendingLogNow.has(e) ? { ...e, timestampMs: now } : e,
    );
    const metadataLog = [...this.metadataLog];
    if (this.base !== undefined && ctx.baseMetadataLocation !== undefined) {
      metadataLog.push({ timestampMs: this.base.lastUpdatedMs, metadataFile: ctx.baseMetadataLocation });
    }
    const parsedMax = Number.parseInt(this.properties[PREVIOUS_VERSIONS_MAX] ?? '100', 10);
    const keep = Math.max(1, Number.isFinite(parsedMax) ? parsedMax : 100);
    return {
      formatVersion: 2,
      tableUuid,
      location: this.location,
      lastSequenceNumber: this.lastSequenceNumber,
      lastUpdatedMs: now,
      lastColumnId: this.lastColumnId,
      schemas: this.schemas,
      currentSchemaId: this.currentSchemaId,
      partitionSpecs: this.specs,
      defaultSpecId: this.defaultSpecId,
      lastPartitionId: this.lastPartitionId,
      properties: this.properties,
      currentSnapshotId: this.currentSnapshotId,
      snapshots: this.snapshots,
      snapshotLog,
      metadataLog: metadataLog.slice(Math.max(0, metadataLog.length - keep)),
      sortOrders: this.sortOrders,
      defaultSortOrderId: this.defaultSortOrderId,
      refs: Object.fromEntries(this.refs),
      statistics: this.statistics,
      partitionStatistics: this.partitionStatistics,
    };
  }
}

function sameRef(a: SnapshotRef, b: SnapshotRef): boolean {
  return (
    a.snapshotId === b.snapshotId &&
    a.type === b.type &&
    a.minSnapshotsToKeep === b.minSnapshotsToKeep &&
    a.maxSnapshotAgeMs === b.maxSnapshotAgeMs &&
    a.maxRefAgeMs === b.maxRefAgeMs
  );
}
