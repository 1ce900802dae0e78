/** Standard file names of the Java reference (ICEBERG.md §1.8); only uniqueness matters to readers. */

/** The metadata directory of a table. */
export function metadataDir(location: string, properties: Readonly<Record<string, string>>): string {
  return properties['write.metadata.path'] ?? `${location.replace(/\/$/, '')}/metadata`;
}

/** The data directory of a table. */
export function dataDir(location: string, properties: Readonly<Record<string, string>>): string {
  return properties['write.data.path'] ?? `${location.replace(/\/$/, '')}/data`;
}

/** `snap-<snapshotId>-<attempt>-<commitUuid>.avro` */
export function manifestListName(snapshotId: bigint, attempt: number, commitUuid: string): string {
  return `snap-${snapshotId}-${attempt}-${commitUuid}.avro`;
}

/** `<commitUuid>-m<N>.avro` */
export function manifestName(commitUuid: string, n: number): string {
  return `${commitUuid}-m${n}.avro`;
}

/** `<NNNNN>-<task>-<uuid>-<NNNNN>.parquet` */
export function dataFileName(partitionId: number, taskId: number, uuid: string, fileCount: number): string {
  return `${String(partitionId).padStart(5, '0')}-${taskId}-${uuid}-${String(fileCount).padStart(5, '0')}.parquet`;
}
