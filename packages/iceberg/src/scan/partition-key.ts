/** A string key of a partition (spec id + transformed tuple), for grouping files by partition. */
import type { PartitionValue } from '../spec/data-file.ts';

/** Equal for files of the same spec and partition tuple; also a stable sort key. */
export function partitionKey(specId: number, partition: readonly PartitionValue[]): string {
  const values = partition.map((v) =>
    v === null ? '∅' : v instanceof Uint8Array ? `0x${Array.from(v).join(',')}` : `${typeof v}:${String(v)}`,
  );
  return [String(specId), ...values].join('|');
}
