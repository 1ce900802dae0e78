/**
 * Manifest lists (spec: "Manifest Lists"): one Avro file per snapshot naming
 * its manifests, with the header keys Java and PyIceberg write.
 */
import { type AvroCodec, readAvroContainer, writeAvroContainer } from '../avro/avro-container.ts';
import { IcebergError } from '../errors.ts';
import type { FieldSummary, ManifestContent, ManifestFile } from './manifest-file.ts';
import { MANIFEST_LIST_SCHEMA } from './manifest-schemas.ts';

/** What a manifest list is written from. */
export interface ManifestListWriteInput {
  readonly snapshotId: bigint;
  readonly parentSnapshotId: bigint | undefined;
  /** The new snapshot's sequence number: assigned to manifests that have none yet. */
  readonly sequenceNumber: bigint;
  readonly manifests: readonly ManifestFile[];
  readonly codec?: AvroCodec;
}

/** Fills unassigned sequence numbers of new manifests with the snapshot's (spec: "Sequence Number Inheritance"). */
export function assignSequenceNumbers(
  manifests: readonly ManifestFile[],
  sequenceNumber: bigint,
): ManifestFile[] {
  return manifests.map((m) => {
    if (m.sequenceNumber !== undefined && m.minSequenceNumber !== undefined) return m;
    return {
      ...m,
      sequenceNumber: m.sequenceNumber ?? sequenceNumber,
      minSequenceNumber: m.minSequenceNumber ?? sequenceNumber,
    };
  });
}

/** Writes a manifest list; returns its bytes and the manifests as recorded (numbers assigned). */
export async function writeManifestList(
  input: ManifestListWriteInput,
): Promise<{ bytes: Uint8Array; manifests: ManifestFile[] }> {
  const manifests = assignSequenceNumbers(input.manifests, input.sequenceNumber);
  const bytes = await writeAvroContainer(
    MANIFEST_LIST_SCHEMA,
    manifests.map((m) => ({
      manifest_path: m.manifestPath,
      manifest_length: m.manifestLength,
      partition_spec_id: m.partitionSpecId,
      content: m.content,
      sequence_number: m.sequenceNumber,
      min_sequence_number: m.minSequenceNumber,
      added_snapshot_id: m.addedSnapshotId,
      added_files_count: m.addedFilesCount,
      existing_files_count: m.existingFilesCount,
      deleted_files_count: m.deletedFilesCount,
      added_rows_count: m.addedRowsCount,
      existing_rows_count: m.existingRowsCount,
      deleted_rows_count: m.deletedRowsCount,
      partitions:
        m.partitions?.map((p) => ({
          contains_null: p.containsNull,
          contains_nan: p.containsNan ?? null,
          lower_bound: p.lowerBound ?? null,
          upper_bound: p.upperBound ?? null,
        })) ?? null,
      key_metadata: m.keyMetadata ?? null,
    })),
    {
      codec: input.codec ?? 'deflate',
      metadata: {
        'snapshot-id': input.snapshotId.toString(),
        'parent-snapshot-id':
          input.parentSnapshotId === undefined ? 'null' : input.parentSnapshotId.toString(),
        'sequence-number': input.sequenceNumber.toString(),
        'format-version': '2',
      },
    },
  );
  return { bytes, manifests };
}

/** Reads a manifest list (v2; v1 lists without sequence numbers read as 0). */
export async function readManifestList(bytes: Uint8Array): Promise<ManifestFile[]> {
  const { records } = await readAvroContainer(bytes);
  return records.map((raw) => {
    const r = raw as Record<string, unknown>;
    if (typeof r.manifest_path !== 'string')
      throw new IcebergError('invalid-argument', 'Invalid manifest list: no manifest_path');
    const partitions = r.partitions as Record<string, unknown>[] | null | undefined;
    return {
      manifestPath: r.manifest_path,
      manifestLength: r.manifest_length as bigint,
      partitionSpecId: r.partition_spec_id as number,
      content: ((r.content as number | undefined) ?? 0) as ManifestContent,
      sequenceNumber: (r.sequence_number as bigint | undefined) ?? 0n,
      minSequenceNumber: (r.min_sequence_number as bigint | undefined) ?? 0n,
      addedSnapshotId: r.added_snapshot_id as bigint,
      addedFilesCount: (r.added_files_count as number | null) ?? 0,
      existingFilesCount: (r.existing_files_count as number | null) ?? 0,
      deletedFilesCount: (r.deleted_files_count as number | null) ?? 0,
      addedRowsCount: (r.added_rows_count as bigint | null) ?? 0n,
      existingRowsCount: (r.existing_rows_count as bigint | null) ?? 0n,
      deletedRowsCount: (r.deleted_rows_count as bigint | null) ?? 0n,
      ...(partitions
        ? {
            partitions: partitions.map(
              (p): FieldSummary => ({
                containsNull: p.contains_null as boolean,
                ...(p.contains_nan === null || p.contains_nan === undefined
                  ? {}
                  : { containsNan: p.contains_nan as boolean }),
                ...(p.lower_bound ? { lowerBound: p.lower_bound as Uint8Array } : {}),
                ...(p.upper_bound ? { upperBound: p.upper_bound as Uint8Array } : {}),
              }),
            ),
          }
        : {}),
      ...(r.key_metadata ? { keyMetadata: r.key_metadata as Uint8Array } : {}),
    };
  });
}
