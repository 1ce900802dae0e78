/** Table and partition statistics files (spec: "Table Statistics", "Partition Statistics"). Carried, never computed. */
import { JsonReader } from '../json/json-reader.ts';
import type { JsonValue } from '../json/lossless-json.ts';

/** A Puffin blob's metadata inside a statistics file entry. */
export interface BlobMetadata {
  readonly type: string;
  readonly snapshotId: bigint;
  readonly sequenceNumber: bigint;
  readonly fields: readonly number[];
  readonly properties?: Readonly<Record<string, string>>;
}

/** A Puffin statistics file for one snapshot. */
export interface StatisticsFile {
  readonly snapshotId: bigint;
  readonly statisticsPath: string;
  readonly fileSizeInBytes: bigint;
  readonly fileFooterSizeInBytes: bigint;
  readonly keyMetadata?: string;
  readonly blobMetadata: readonly BlobMetadata[];
}

/** A partition statistics file for one snapshot. */
export interface PartitionStatisticsFile {
  readonly snapshotId: bigint;
  readonly statisticsPath: string;
  readonly fileSizeInBytes: bigint;
}

/** Parses a statistics file entry. */
export function statisticsFileFromJson(json: JsonValue): StatisticsFile {
  const r = new JsonReader(json, 'statistics file');
  const keyMetadata = r.optionalString('key-metadata');
  return {
    snapshotId: r.long('snapshot-id'),
    statisticsPath: r.string('statistics-path'),
    fileSizeInBytes: r.long('file-size-in-bytes'),
    fileFooterSizeInBytes: r.long('file-footer-size-in-bytes'),
    ...(keyMetadata === undefined ? {} : { keyMetadata }),
    blobMetadata: (r.optionalArray('blob-metadata') ?? []).map((b) => {
      const br = new JsonReader(b, 'blob metadata');
      const properties = br.optionalStringMap('properties');
      return {
        type: br.string('type'),
        snapshotId: br.long('snapshot-id'),
        sequenceNumber: br.long('sequence-number'),
        fields: br.array('fields').map((f) => Number(f)),
        ...(properties === undefined ? {} : { properties }),
      };
    }),
  };
}

/** Writes a statistics file entry. */
export function statisticsFileToJson(s: StatisticsFile): JsonValue {
  return {
    'snapshot-id': s.snapshotId,
    'statistics-path': s.statisticsPath,
    'file-size-in-bytes': s.fileSizeInBytes,
    'file-footer-size-in-bytes': s.fileFooterSizeInBytes,
    'key-metadata': s.keyMetadata,
    'blob-metadata': s.blobMetadata.map((b) => ({
      type: b.type,
      'snapshot-id': b.snapshotId,
      'sequence-number': b.sequenceNumber,
      fields: [...b.fields],
      properties: b.properties,
    })),
  } as JsonValue;
}

/** Parses a partition statistics file entry. */
export function partitionStatisticsFileFromJson(json: JsonValue): PartitionStatisticsFile {
  const r = new JsonReader(json, 'partition statistics file');
  return {
    snapshotId: r.long('snapshot-id'),
    statisticsPath: r.string('statistics-path'),
    fileSizeInBytes: r.long('file-size-in-bytes'),
  };
}

/** Writes a partition statistics file entry. */
export function partitionStatisticsFileToJson(s: PartitionStatisticsFile): JsonValue {
  return {
    'snapshot-id': s.snapshotId,
    'statistics-path': s.statisticsPath,
    'file-size-in-bytes': s.fileSizeInBytes,
  };
}
