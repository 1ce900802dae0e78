/**
 * Manifest-list entries and manifest entries as domain values (spec:
 * "Manifest Lists", "Manifests"); the Avro codecs live beside them.
 */
import type { DataFile } from '../spec/data-file.ts';

/** `status` of a manifest entry. */
export const EntryStatus = { EXISTING: 0, ADDED: 1, DELETED: 2 } as const;

/** 0 = EXISTING, 1 = ADDED, 2 = DELETED. */
export type EntryStatus = (typeof EntryStatus)[keyof typeof EntryStatus];

/**
 * One manifest entry. Sequence numbers are `undefined` on new ADDED entries
 * (they inherit the manifest's when read); a read entry has them resolved.
 */
export interface ManifestEntry {
  readonly status: EntryStatus;
  readonly snapshotId: bigint | undefined;
  readonly sequenceNumber: bigint | undefined;
  readonly fileSequenceNumber: bigint | undefined;
  readonly dataFile: DataFile;
}

/** Partition field summary of a manifest (`r508`): bounds in the single-value encoding of the result type. */
export interface FieldSummary {
  readonly containsNull: boolean;
  readonly containsNan?: boolean;
  readonly lowerBound?: Uint8Array;
  readonly upperBound?: Uint8Array;
}

/** 0 = data manifest, 1 = delete manifest. */
export type ManifestContent = 0 | 1;

/** One entry of a manifest list. */
export interface ManifestFile {
  readonly manifestPath: string;
  readonly manifestLength: bigint;
  readonly partitionSpecId: number;
  readonly content: ManifestContent;
  /** The sequence number of the snapshot that added the manifest; undefined until a manifest list assigns it. */
  readonly sequenceNumber: bigint | undefined;
  /** Smallest data sequence number of live entries; undefined until assigned (all entries inherit). */
  readonly minSequenceNumber: bigint | undefined;
  readonly addedSnapshotId: bigint;
  readonly addedFilesCount: number;
  readonly existingFilesCount: number;
  readonly deletedFilesCount: number;
  readonly addedRowsCount: bigint;
  readonly existingRowsCount: bigint;
  readonly deletedRowsCount: bigint;
  readonly partitions?: readonly FieldSummary[];
  readonly keyMetadata?: Uint8Array;
}
