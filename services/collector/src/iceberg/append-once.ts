import {
  baseColumnNames,
  columnAccepts,
  type EventRow,
  type EventTableName,
  tableColumns,
} from '@analytics/events';
import {
  applyTransform,
  currentSchema,
  currentSnapshot,
  type DataFile,
  defaultSpec,
  EntryStatus,
  type FileIO,
  findField,
  isIcebergError,
  isPrimitive,
  type JsonValue,
  keyOf,
  type ManifestFile,
  partitionPath,
  readFile,
  readManifestList,
  type Schema,
  type Snapshot,
  type TableMetadata,
  uriOf,
  writeManifest,
  writeManifestList,
} from '@analytics/iceberg';
import type { FlushCommit } from '../flush-target.ts';
import { writeDataFiles } from './engine-parquet.ts';
import type { LoadedTable, TableCatalog } from './rest-table-catalog.ts';

/** The snapshot summary key that makes a flush idempotent. */
export const FLUSH_ID_PROPERTY = 'analytics.flush-id';

/** Everything a fast append depends on. */
export interface AppendContext {
  readonly catalog: TableCatalog;
  readonly io: FileIO;
  readonly namespace: string;
  readonly nowMs: () => number;
  readonly newUuid: () => string;
  /** A positive random 63-bit snapshot id. */
  readonly newSnapshotId: () => bigint;
  /** Commit attempts on conflict before giving up (the buffer retries later). */
  readonly maxAttempts?: number;
}

/** The snapshot of `metadata` that carries `flushId`, if any. */
export function snapshotOfFlush(metadata: TableMetadata, flushId: string): Snapshot | undefined {
  return metadata.snapshots.find((s) => s.summary[FLUSH_ID_PROPERTY] === flushId);
}

/**
 * Appends rows to a table as one snapshot (spec "Commit mechanics", fast
 * append): Parquet data files, one new manifest, a manifest list carrying the
 * parent's manifests, and a REST commit with `assert-ref-snapshot-id main`.
 * On a conflict the metadata is redone (new manifest list and sequence
 * number), never the data files. Before writing anything, and after every
 * failed or unknown commit, the table's snapshots are searched for the flush
 * id so the rows are committed at most once.
 */
export async function appendOnce(
  ctx: AppendContext,
  loaded: LoadedTable,
  table: EventTableName,
  flushId: string,
  rows: readonly EventRow[],
): Promise<FlushCommit> {
  let metadata = loaded.metadata;
  const earlier = snapshotOfFlush(metadata, flushId);
  if (earlier !== undefined) return { snapshotId: earlier.snapshotId, bytes: 0, alreadyCommitted: true };

  const schema = currentSchema(metadata);
  const dataFiles = await writeRows(ctx, metadata, schema, table, flushId, rows);
  const bytes = dataFiles.reduce((n, f) => n + Number(f.fileSizeInBytes), 0);
  const attempts = ctx.maxAttempts ?? 10;
  for (let attempt = 1; ; attempt++) {
    const parent = currentSnapshot(metadata);
    const snapshot = await writeSnapshot(ctx, metadata, schema, parent, dataFiles, flushId, attempt);
    try {
      const committed = await ctx.catalog.commitTable(
        ctx.namespace,
        table,
        [
          { type: 'assert-table-uuid', uuid: metadata.tableUuid },
          { type: 'assert-ref-snapshot-id', ref: 'main', 'snapshot-id': parent?.snapshotId ?? null },
        ],
        [
          { action: 'add-snapshot', snapshot: snapshot.json },
          { action: 'set-snapshot-ref', 'ref-name': 'main', type: 'branch', 'snapshot-id': snapshot.id },
        ],
      );
      metadata = committed.metadata;
      return { snapshotId: snapshot.id, bytes, alreadyCommitted: false };
    } catch (error) {
      const retryable =
        isIcebergError(error, 'commit-failed') || isIcebergError(error, 'commit-state-unknown');
      if (!retryable) throw error;
      const reloaded = await ctx.catalog.loadTable(ctx.namespace, table);
      if (reloaded === undefined) throw error;
      metadata = reloaded.metadata;
      const landed = snapshotOfFlush(metadata, flushId);
      if (landed !== undefined) return { snapshotId: landed.snapshotId, bytes, alreadyCommitted: false };
      if (attempt >= attempts) throw error;
    }
  }
}

async function writeRows(
  ctx: AppendContext,
  metadata: TableMetadata,
  schema: Schema,
  table: EventTableName,
  flushId: string,
  rows: readonly EventRow[],
): Promise<DataFile[]> {
  const spec = defaultSpec(metadata);
  const sources = spec.fields.map((f) => {
    const field = findField(schema, f.sourceId);
    if (field === undefined || !isPrimitive(field.type))
      throw new Error(`partition source ${f.sourceId} of ${table} is not a primitive column`);
    return { name: field.name, type: field.type, transform: f.transform };
  });
  const timestampColumns = tableColumns(table)
    .filter((c) => c.type === 'timestamptz')
    .map((c) => c.name);
  const openColumns = openColumnsOf(schema, table);
  const engineRows = rows.map((row) => {
    const out: Record<string, unknown> = { ...row };
    for (const name of timestampColumns) {
      const value = row[name];
      out[name] = typeof value === 'number' ? BigInt(Math.trunc(value)) : null;
    }
    // Ingest checked these values against the schema it saw. Should the table have changed since
    // (a column dropped and re-added with another type, by hand), a value that no longer fits is
    // written as null rather than failing every retry of the flush; `properties` still holds it.
    for (const column of openColumns) {
      const value = row[column.name];
      if (value !== undefined && value !== null && !column.accepts(value)) out[column.name] = null;
    }
    return out;
  });
  let fileNumber = 0;
  const tableKey = keyOf(ctx.io, metadata.location).replace(/\/+$/, '');
  return writeDataFiles({
    store: ctx.io.store,
    schema,
    properties: metadata.properties,
    rows: engineRows,
    partition: {
      specId: spec.specId,
      partitionOf: (row) => sources.map((s) => applyTransform(s.transform, s.type, row[s.name])),
    },
    locate: (values) => {
      const dir = partitionPath(spec, schema, values);
      // Named by flush id: a retried flush overwrites its own files instead of leaving orphans.
      const key = `${tableKey}/data/${dir === '' ? '' : `${dir}/`}${flushId}-${String(fileNumber++).padStart(5, '0')}.parquet`;
      return { key, path: uriOf(ctx.io, key) };
    },
  });
}

/** The table's columns beyond its base ones (added by schema evolution on write, or by hand). */
function openColumnsOf(
  schema: Schema,
  table: EventTableName,
): { name: string; accepts: (value: unknown) => boolean }[] {
  const base = baseColumnNames(table);
  return schema.fields
    .filter((f) => !base.has(f.name))
    .map((f) => {
      const type = f.type;
      return {
        name: f.name,
        accepts: isPrimitive(type) ? (value: unknown) => columnAccepts(type, value) : () => false,
      };
    });
}

async function writeSnapshot(
  ctx: AppendContext,
  metadata: TableMetadata,
  schema: Schema,
  parent: Snapshot | undefined,
  dataFiles: readonly DataFile[],
  flushId: string,
  attempt: number,
): Promise<{ id: bigint; json: JsonValue }> {
  const id = ctx.newSnapshotId();
  const commitUuid = ctx.newUuid();
  const sequenceNumber = metadata.lastSequenceNumber + 1n;
  const location = metadata.location.replace(/\/+$/, '');
  const spec = defaultSpec(metadata);
  const manifestPath = `${location}/metadata/${commitUuid}-m0.avro`;
  const written = await writeManifest({
    path: manifestPath,
    schema,
    spec,
    snapshotId: id,
    entries: dataFiles.map((dataFile) => ({
      status: EntryStatus.ADDED,
      snapshotId: id,
      sequenceNumber: undefined,
      fileSequenceNumber: undefined,
      dataFile,
    })),
  });
  await ctx.io.store.put(keyOf(ctx.io, manifestPath), written.bytes);
  const carried: ManifestFile[] =
    parent === undefined ? [] : await readManifestList(await readFile(ctx.io, parent.manifestList));
  const listPath = `${location}/metadata/snap-${id}-${attempt}-${commitUuid}.avro`;
  const list = await writeManifestList({
    snapshotId: id,
    parentSnapshotId: parent?.snapshotId,
    sequenceNumber,
    manifests: [written.manifest, ...carried],
  });
  await ctx.io.store.put(keyOf(ctx.io, listPath), list.bytes);

  const addedRecords = dataFiles.reduce((n, f) => n + f.recordCount, 0n);
  const addedSize = dataFiles.reduce((n, f) => n + f.fileSizeInBytes, 0n);
  const total = (key: string, added: bigint) => String(BigInt(parent?.summary[key] ?? '0') + added);
  const partitions = new Set(
    dataFiles.map((f) => JSON.stringify(f.partition, (_k, v) => (typeof v === 'bigint' ? String(v) : v))),
  );
  const summary: Record<string, string> = {
    operation: 'append',
    'added-data-files': String(dataFiles.length),
    'added-records': String(addedRecords),
    'added-files-size': String(addedSize),
    'changed-partition-count': String(partitions.size),
    'total-records': total('total-records', addedRecords),
    'total-files-size': total('total-files-size', addedSize),
    'total-data-files': total('total-data-files', BigInt(dataFiles.length)),
    'total-delete-files': total('total-delete-files', 0n),
    'total-position-deletes': total('total-position-deletes', 0n),
    'total-equality-deletes': total('total-equality-deletes', 0n),
    'engine-name': 'analytics-collector',
    [FLUSH_ID_PROPERTY]: flushId,
  };
  return {
    id,
    json: {
      'snapshot-id': id,
      ...(parent === undefined ? {} : { 'parent-snapshot-id': parent.snapshotId }),
      'sequence-number': sequenceNumber,
      'timestamp-ms': ctx.nowMs(),
      'manifest-list': listPath,
      summary,
      'schema-id': schema.schemaId,
    },
  };
}

/** A positive random 63-bit id (spec: snapshot ids are positive longs; random avoids collisions). */
export function randomSnapshotId(): bigint {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  let id = 0n;
  for (const b of bytes) id = (id << 8n) | BigInt(b);
  id &= (1n << 63n) - 1n;
  return id === 0n ? 1n : id;
}
