/**
 * Which delete files apply to which data file (spec: "Scan Planning",
 * "Delete File Application"). A position delete file applies to data files
 * of the same spec and partition whose data sequence number is less than or
 * equal to the delete's; an equality delete file applies to data files of
 * the same partition with a strictly smaller data sequence number, or to
 * every data file when it was written under an unpartitioned spec (a global
 * equality delete).
 */
import type { ManifestEntry } from '../manifest/manifest-file.ts';
import { compareStrings } from '../metrics/value-order.ts';
import type { DataFile } from '../spec/data-file.ts';
import type { PartitionSpec } from '../spec/partition-spec.ts';
import { partitionKey } from './partition-key.ts';

/** Reserved field ids of position delete files (spec: "Position Delete Files"). */
export const DELETE_FILE_PATH_ID = 2147483546;
/** Reserved field id of `pos`. */
export const DELETE_POS_ID = 2147483545;

/** A live delete file with the data sequence number that decides what it applies to. */
export interface DeleteFileTask {
  readonly file: DataFile;
  readonly dataSequenceNumber: bigint;
}

const decoder = new TextDecoder();

/** False when the delete file's `file_path` bounds prove it names no row of `dataPath`. */
function mayReference(deleteFile: DataFile, dataPath: string): boolean {
  const lower = deleteFile.lowerBounds?.get(DELETE_FILE_PATH_ID);
  const upper = deleteFile.upperBounds?.get(DELETE_FILE_PATH_ID);
  // Bounds may be truncated (lower is a prefix, upper rounded up): still an inclusive range.
  if (lower && compareStrings(dataPath, decoder.decode(lower)) < 0) return false;
  if (upper && compareStrings(dataPath, decoder.decode(upper)) > 0) return false;
  return true;
}

/** Delete files of one snapshot, indexed by partition, to look up per data file. */
export class DeleteFileIndex {
  private readonly byPartition = new Map<string, DeleteFileTask[]>();
  private readonly global: DeleteFileTask[] = [];

  /** Indexes the live entries of a snapshot's delete manifests; `specOf` resolves a spec id. */
  constructor(entries: readonly ManifestEntry[], specOf: (specId: number) => PartitionSpec) {
    for (const e of entries) {
      const task = { file: e.dataFile, dataSequenceNumber: e.sequenceNumber ?? 0n };
      if (e.dataFile.content === 2 && specOf(e.dataFile.specId).fields.length === 0) {
        this.global.push(task);
        continue;
      }
      const key = partitionKey(e.dataFile.specId, e.dataFile.partition);
      const list = this.byPartition.get(key);
      if (list) list.push(task);
      else this.byPartition.set(key, [task]);
    }
  }

  /** True when the snapshot has no delete files. */
  get isEmpty(): boolean {
    return this.byPartition.size === 0 && this.global.length === 0;
  }

  /** The delete files that apply to a data file with this data sequence number. */
  deletesFor(file: DataFile, dataSequenceNumber: bigint): DeleteFileTask[] {
    const out: DeleteFileTask[] = [];
    for (const d of this.byPartition.get(partitionKey(file.specId, file.partition)) ?? []) {
      if (d.file.content === 1) {
        if (dataSequenceNumber <= d.dataSequenceNumber && mayReference(d.file, file.filePath)) out.push(d);
      } else if (dataSequenceNumber < d.dataSequenceNumber) out.push(d);
    }
    for (const d of this.global) if (dataSequenceNumber < d.dataSequenceNumber) out.push(d);
    return out;
  }
}
