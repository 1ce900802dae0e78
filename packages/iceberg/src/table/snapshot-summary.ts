/**
 * Snapshot summaries (spec Appendix F, "Optional Snapshot Summary Fields"):
 * the added/deleted counters of one commit and the table totals after it.
 */
import type { DataFile } from '../spec/data-file.ts';
import type { Snapshot, SnapshotOperation, SnapshotSummary } from '../spec/snapshot.ts';

function partitionKey(f: DataFile): string {
  return `${f.specId}:${f.partition.map((v) => (v instanceof Uint8Array ? Array.from(v).join(',') : String(v))).join('/')}`;
}

function total(parent: Snapshot | undefined, key: string): bigint | undefined {
  const v = parent?.summary[key];
  return v === undefined ? undefined : BigInt(v);
}

/**
 * The summary of a commit. Totals are the parent's totals plus this commit's
 * changes; `liveTotals` (from the new manifest list) override records and files.
 */
export function snapshotSummary(
  operation: SnapshotOperation,
  added: readonly DataFile[],
  deleted: readonly DataFile[],
  parent: Snapshot | undefined,
  liveTotals: { records: bigint; files: bigint; filesSize?: bigint },
  extra: Readonly<Record<string, string>> = {},
  addedDeletes: readonly DataFile[] = [],
): SnapshotSummary {
  const sum = (files: readonly DataFile[], f: (x: DataFile) => bigint) =>
    files.reduce((a, x) => a + f(x), 0n);
  const addedSize = sum(added, (f) => f.fileSizeInBytes);
  const removedSize = sum(deleted, (f) => f.fileSizeInBytes);
  const parentSize = total(parent, 'total-files-size') ?? (parent === undefined ? 0n : undefined);
  const filesSize =
    liveTotals.filesSize ?? (parentSize === undefined ? undefined : parentSize + addedSize - removedSize);
  const out: Record<string, string> = {
    ...extra,
    operation,
    'added-data-files': String(added.length),
    'added-records': sum(added, (f) => f.recordCount).toString(),
    'added-files-size': addedSize.toString(),
    'changed-partition-count': String(new Set([...added, ...deleted].map(partitionKey)).size),
    'total-records': liveTotals.records.toString(),
    'total-data-files': liveTotals.files.toString(),
  };
  // Delete files are only ever added (nothing removes them yet), so totals are the parent's plus this commit's.
  const pos = addedDeletes.filter((f) => f.content === 1);
  const eq = addedDeletes.filter((f) => f.content === 2);
  const totals: [string, bigint][] = [
    ['total-delete-files', BigInt(addedDeletes.length)],
    ['total-position-deletes', sum(pos, (f) => f.recordCount)],
    ['total-equality-deletes', sum(eq, (f) => f.recordCount)],
  ];
  for (const [key, added] of totals) out[key] = ((total(parent, key) ?? 0n) + added).toString();
  if (addedDeletes.length > 0) {
    out['added-delete-files'] = String(addedDeletes.length);
    if (pos.length > 0) out['added-position-deletes'] = sum(pos, (f) => f.recordCount).toString();
    if (eq.length > 0) out['added-equality-deletes'] = sum(eq, (f) => f.recordCount).toString();
  }
  if (deleted.length > 0) {
    out['deleted-data-files'] = String(deleted.length);
    out['deleted-records'] = sum(deleted, (f) => f.recordCount).toString();
    out['removed-files-size'] = removedSize.toString();
  }
  if (filesSize !== undefined) out['total-files-size'] = filesSize.toString();
  return out as SnapshotSummary;
}
