/**
 * Manifest files (spec: "Manifests"): Avro container files of
 * `manifest_entry` records for one partition spec and one content kind, with
 * the file metadata keys readers require (ICEBERG.md §2.4).
 */
import { type AvroCodec, readAvroContainer, writeAvroContainer } from '../avro/avro-container.ts';
import { IcebergError } from '../errors.ts';
import { stringifyJson } from '../json/lossless-json.ts';
import { compareValues } from '../metrics/value-order.ts';
import type { DataFile, PartitionValue } from '../spec/data-file.ts';
import { type PartitionSpec, partitionFieldsToJson } from '../spec/partition-spec.ts';
import { schemaToJson } from '../spec/schema-json.ts';
import { encodeSingleValue, type SingleValue } from '../spec/single-value.ts';
import type { Schema } from '../spec/types.ts';
import {
  EntryStatus,
  type FieldSummary,
  type ManifestContent,
  type ManifestEntry,
  type ManifestFile,
} from './manifest-file.ts';
import { manifestEntrySchema, type PartitionTupleField } from './manifest-schemas.ts';
import { partitionTupleFields, partitionValueFromAvro, partitionValueToAvro } from './partition-values.ts';

/** What a manifest is written from. */
export interface ManifestWriteInput {
  /** Full URI the manifest will be stored at (recorded in the manifest list). */
  readonly path: string;
  /** The table schema at write time (`schema` metadata key; partition result types). */
  readonly schema: Schema;
  readonly spec: PartitionSpec;
  readonly content?: ManifestContent;
  /** The snapshot writing the manifest: `added_snapshot_id`. */
  readonly snapshotId: bigint;
  readonly entries: readonly ManifestEntry[];
  readonly codec?: AvroCodec;
}

/** The bytes of a manifest and its manifest-list entry (sequence numbers unassigned for inherited entries). */
export interface WrittenManifest {
  readonly bytes: Uint8Array;
  readonly manifest: ManifestFile;
}

const toPairs = <V>(m: ReadonlyMap<number, V> | undefined) =>
  m === undefined ? null : [...m].map(([key, value]) => ({ key, value }));

function entryToAvro(e: ManifestEntry, tuple: readonly PartitionTupleField[]): unknown {
  const f = e.dataFile;
  const partition: Record<string, unknown> = {};
  tuple.forEach((p, i) => {
    partition[p.name] = partitionValueToAvro(p.type, f.partition[i] ?? null);
  });
  return {
    status: e.status,
    snapshot_id: e.snapshotId ?? null,
    sequence_number: e.sequenceNumber ?? null,
    file_sequence_number: e.fileSequenceNumber ?? null,
    data_file: {
      content: f.content,
      file_path: f.filePath,
      // Java and PyIceberg write the upper-case enum name; PyIceberg parses it as `FileFormat[...]`.
      file_format: f.fileFormat.toUpperCase(),
      partition,
      record_count: f.recordCount,
      file_size_in_bytes: f.fileSizeInBytes,
      column_sizes: toPairs(f.columnSizes),
      value_counts: toPairs(f.valueCounts),
      null_value_counts: toPairs(f.nullValueCounts),
      nan_value_counts: toPairs(f.nanValueCounts),
      lower_bounds: toPairs(f.lowerBounds),
      upper_bounds: toPairs(f.upperBounds),
      key_metadata: null,
      split_offsets: f.splitOffsets ? [...f.splitOffsets] : null,
      equality_ids: f.equalityIds ? [...f.equalityIds] : null,
      sort_order_id: f.sortOrderId ?? null,
      referenced_data_file: null,
    },
  };
}

/** Partition summaries of a manifest's entries, one per partition field, in spec order. */
export function partitionSummaries(
  tuple: readonly PartitionTupleField[],
  files: readonly DataFile[],
): FieldSummary[] {
  return tuple.map((p, i) => {
    let containsNull = false;
    let containsNan = false;
    let lower: PartitionValue | undefined;
    let upper: PartitionValue | undefined;
    for (const f of files) {
      const v = f.partition[i] ?? null;
      if (v === null) containsNull = true;
      else if (typeof v === 'number' && Number.isNaN(v)) containsNan = true;
      else {
        if (lower === undefined || compareValues(p.type, v, lower) < 0) lower = v;
        if (upper === undefined || compareValues(p.type, v, upper) > 0) upper = v;
      }
    }
    return {
      containsNull,
      containsNan,
      ...(lower === undefined ? {} : { lowerBound: encodeSingleValue(p.type, lower as SingleValue) }),
      ...(upper === undefined ? {} : { upperBound: encodeSingleValue(p.type, upper as SingleValue) }),
    };
  });
}

/** Writes a manifest. ADDED entries should carry no sequence numbers: they inherit the snapshot's. */
export async function writeManifest(input: ManifestWriteInput): Promise<WrittenManifest> {
  const tuple = partitionTupleFields(input.spec, input.schema);
  const content = input.content ?? 0;
  const bytes = await writeAvroContainer(
    manifestEntrySchema(tuple),
    input.entries.map((e) => entryToAvro(e, tuple)),
    {
      codec: input.codec ?? 'deflate',
      metadata: {
        schema: stringifyJson(schemaToJson(input.schema)),
        'schema-id': String(input.schema.schemaId),
        'partition-spec': stringifyJson(partitionFieldsToJson(input.spec.fields)),
        'partition-spec-id': String(input.spec.specId),
        'format-version': '2',
        content: content === 0 ? 'data' : 'deletes',
      },
    },
  );
  let added = 0;
  let existing = 0;
  let deleted = 0;
  let addedRows = 0n;
  let existingRows = 0n;
  let deletedRows = 0n;
  let minSeq: bigint | undefined;
  let inherits = false;
  for (const e of input.entries) {
    const rows = e.dataFile.recordCount;
    if (e.status === EntryStatus.ADDED) {
      added++;
      addedRows += rows;
    } else if (e.status === EntryStatus.EXISTING) {
      existing++;
      existingRows += rows;
    } else {
      deleted++;
      deletedRows += rows;
    }
    if (e.status !== EntryStatus.DELETED) {
      if (e.sequenceNumber === undefined) inherits = true;
      else if (minSeq === undefined || e.sequenceNumber < minSeq) minSeq = e.sequenceNumber;
    }
  }
  return {
    bytes,
    manifest: {
      manifestPath: input.path,
      manifestLength: BigInt(bytes.length),
      partitionSpecId: input.spec.specId,
      content,
      sequenceNumber: undefined,
      // Inherited entries get the snapshot's number, always the highest: the min is then assigned in the list.
      minSequenceNumber: inherits ? undefined : minSeq,
      addedSnapshotId: input.snapshotId,
      addedFilesCount: added,
      existingFilesCount: existing,
      deletedFilesCount: deleted,
      addedRowsCount: addedRows,
      existingRowsCount: existingRows,
      deletedRowsCount: deletedRows,
      partitions: partitionSummaries(
        tuple,
        input.entries.map((e) => e.dataFile),
      ),
    },
  };
}

/** A read manifest: its header keys and entries with inherited values resolved. */
export interface ReadManifest {
  readonly specId: number;
  readonly content: ManifestContent;
  readonly entries: ManifestEntry[];
}

const fromPairs = <V>(v: unknown): ReadonlyMap<number, V> | undefined =>
  v === null || v === undefined
    ? undefined
    : new Map((v as { key: number; value: V }[]).map((p) => [p.key, p.value]));

function fieldType(schema: unknown, path: readonly string[]): { name: string; type: unknown }[] {
  let node = schema as { fields?: { name: string; type: unknown }[] };
  for (const name of path) {
    const f = node.fields?.find((x) => x.name === name);
    node = (f?.type ?? {}) as typeof node;
  }
  return node.fields ?? [];
}

/**
 * Reads a manifest. With `manifest` (its manifest-list entry) the spec's
 * inheritance rules fill in null snapshot ids and sequence numbers of ADDED entries.
 */
export async function readManifest(bytes: Uint8Array, manifest?: ManifestFile): Promise<ReadManifest> {
  const container = await readAvroContainer(bytes);
  const specId = Number(container.metadata.get('partition-spec-id') ?? manifest?.partitionSpecId ?? 0);
  const contentKey = container.metadata.get('content');
  const content: ManifestContent =
    contentKey === 'deletes' ? 1 : contentKey === 'data' ? 0 : (manifest?.content ?? 0);
  const partitionFields = fieldType(container.schema, ['data_file', 'partition']);
  const entries = container.records.map((raw): ManifestEntry => {
    const r = raw as Record<string, unknown>;
    const d = r.data_file as Record<string, unknown>;
    const status = r.status as EntryStatus;
    const p = (d.partition ?? {}) as Record<string, unknown>;
    const inherit = status === EntryStatus.ADDED ? manifest?.sequenceNumber : undefined;
    const fileFormat = String(d.file_format).toLowerCase();
    if (fileFormat !== 'parquet') {
      throw new IcebergError(
        'unsupported',
        `Unsupported data file format '${d.file_format}': only Parquet is read`,
      );
    }
    const dataFile: DataFile = {
      content: ((d.content as number | undefined) ?? 0) as 0 | 1 | 2,
      filePath: d.file_path as string,
      fileFormat: 'parquet',
      specId,
      partition: partitionFields.map((f) => partitionValueFromAvro(f.type, p[f.name])),
      recordCount: d.record_count as bigint,
      fileSizeInBytes: d.file_size_in_bytes as bigint,
      ...optional('columnSizes', fromPairs<bigint>(d.column_sizes)),
      ...optional('valueCounts', fromPairs<bigint>(d.value_counts)),
      ...optional('nullValueCounts', fromPairs<bigint>(d.null_value_counts)),
      ...optional('nanValueCounts', fromPairs<bigint>(d.nan_value_counts)),
      ...optional('lowerBounds', fromPairs<Uint8Array>(d.lower_bounds)),
      ...optional('upperBounds', fromPairs<Uint8Array>(d.upper_bounds)),
      ...optional('splitOffsets', (d.split_offsets as bigint[] | null | undefined) ?? undefined),
      ...optional('equalityIds', (d.equality_ids as number[] | null | undefined) ?? undefined),
      ...optional('sortOrderId', (d.sort_order_id as number | null | undefined) ?? undefined),
    };
    return {
      status,
      snapshotId: (r.snapshot_id as bigint | null) ?? manifest?.addedSnapshotId,
      sequenceNumber: (r.sequence_number as bigint | null) ?? inherit,
      fileSequenceNumber: (r.file_sequence_number as bigint | null) ?? inherit,
      dataFile,
    };
  });
  return { specId, content, entries };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
