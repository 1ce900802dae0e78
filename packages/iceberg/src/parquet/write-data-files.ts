/**
 * Rows → Parquet data files in object storage → `DataFile`s: the write path
 * of appends, overwrites and compaction. Rows are canonicalised, split by
 * partition, sorted by the table's sort order, and written into files that
 * roll over near `write.target-file-size-bytes`.
 */
import type { Table } from 'apache-arrow';
import type { ObjectStore } from '../io/storage.ts';
import type { DataFile, PartitionValue } from '../spec/data-file.ts';
import type { SortOrder } from '../spec/sort-order.ts';
import type { Schema } from '../spec/types.ts';
import { arrowToRows } from './arrow-to-rows.ts';
import { encodeParquetFile } from './encode-parquet-file.ts';
import { canonicalStruct, type Row } from './row-values.ts';
import { sortRows, type TransformValue } from './sort-rows.ts';
import { parquetWriteProperties } from './write-properties.ts';

/** Where one new data file goes: the store key and the full URI recorded in the manifest. */
export interface DataFileLocation {
  readonly key: string;
  readonly path: string;
}

/** Everything `writeDataFiles` needs; dependencies are passed in. */
export interface WriteDataFilesOptions {
  readonly store: ObjectStore;
  readonly schema: Schema;
  /** Table properties (codec, target file size, metrics modes). */
  readonly properties: Readonly<Record<string, string>>;
  /** Rows as described in `row-values.ts`, or an Arrow table with the schema's column names or field ids. */
  readonly rows: readonly Row[] | Table;
  /** Partition spec id and the partition tuple of a canonical row; unpartitioned when absent. */
  readonly partition?: {
    readonly specId: number;
    readonly partitionOf: (row: Readonly<Record<string, unknown>>) => readonly PartitionValue[];
  };
  /** The table's sort order; rows are written in this order and `sortOrderId` is set. */
  readonly sortOrder?: SortOrder;
  /** Computes non-monotonic sort transforms such as `bucket[N]`. */
  readonly transformValue?: TransformValue;
  /** Names a new file of a partition (standard naming is the caller's). */
  readonly locate: (partition: readonly PartitionValue[]) => DataFileLocation;
}

/**
 * Rows encoded first to learn the bytes per row. A group no larger than this
 * is encoded once and kept as its file when it fits the target (the usual
 * case: a flush, or one hour partition of a batch); only a larger group pays
 * for a probe it throws away.
 */
const PROBE_ROWS = 50_000;

/** Size model of the files written so far: a fixed part (footer, magic) plus bytes per row. */
interface SizeModel {
  readonly fixed: number;
  readonly perRow: number;
}

/** Learns the size model from one written file: its footer length is read from the last 8 bytes. */
function sizeModel(bytes: Uint8Array, rows: number): SizeModel {
  const footer = new DataView(bytes.buffer, bytes.byteOffset + bytes.length - 8, 4).getUint32(0, true);
  const fixed = footer + 12; // leading magic, footer length field, trailing magic
  return { fixed, perRow: Math.max(1, bytes.length - fixed) / rows };
}

/** Rows that should fill a file of `target` bytes. */
function rowsFor(model: SizeModel, target: number): number {
  return Math.max(1, Math.floor((target - model.fixed) / model.perRow));
}

function partitionKey(values: readonly PartitionValue[]): string {
  return values
    .map((v) =>
      v === null ? 'n' : v instanceof Uint8Array ? `b${Array.from(v).join(',')}` : `${typeof v}:${String(v)}`,
    )
    .join('\u0000');
}

/**
 * Writes rows as Parquet data files and returns their `DataFile` entries, in
 * partition order of first appearance. Files are written with `put`; nothing
 * is committed here.
 */
export async function writeDataFiles(options: WriteDataFilesOptions): Promise<DataFile[]> {
  const { schema, properties } = options;
  const settings = parquetWriteProperties(properties);
  const input = Array.isArray(options.rows) ? (options.rows as readonly Row[]) : undefined;
  const canonical = input
    ? input.map((r) => canonicalStruct(schema.fields, r))
    : arrowToRows(schema, options.rows as Table).map((r) => canonicalStruct(schema.fields, r));

  const groups = new Map<string, { values: readonly PartitionValue[]; rows: Record<string, unknown>[] }>();
  for (const row of canonical) {
    const values = options.partition ? options.partition.partitionOf(row) : [];
    const key = partitionKey(values);
    let group = groups.get(key);
    if (!group) {
      group = { values, rows: [] };
      groups.set(key, group);
    }
    group.rows.push(row);
  }

  const out: DataFile[] = [];
  let model: SizeModel | undefined;
  for (const group of groups.values()) {
    const rows = options.sortOrder
      ? sortRows(schema, options.sortOrder, group.rows, options.transformValue)
      : group.rows;
    let start = 0;
    while (start < rows.length) {
      let take: number;
      let encoded: ReturnType<typeof encodeParquetFile> | undefined;
      if (model === undefined) {
        take = Math.min(rows.length - start, PROBE_ROWS);
        encoded = encodeParquetFile(schema, rows.slice(start, start + take), settings, properties);
        model = sizeModel(encoded.bytes, take);
        // Keep the probe only if it is the whole remainder and fits the target.
        if (start + take < rows.length || encoded.bytes.length > settings.targetFileSizeBytes)
          encoded = undefined;
      }
      if (!encoded) {
        take = Math.min(rows.length - start, rowsFor(model, settings.targetFileSizeBytes));
        encoded = encodeParquetFile(schema, rows.slice(start, start + take), settings, properties);
      }
      take = encoded.recordCount;
      model = sizeModel(encoded.bytes, take);
      const location = options.locate(group.values);
      await options.store.put(location.key, encoded.bytes, { contentType: 'application/vnd.apache.parquet' });
      out.push({
        content: 0,
        filePath: location.path,
        fileFormat: 'parquet',
        specId: options.partition?.specId ?? 0,
        partition: group.values,
        recordCount: BigInt(take),
        fileSizeInBytes: BigInt(encoded.bytes.length),
        ...encoded.metrics,
        ...(options.sortOrder ? { sortOrderId: options.sortOrder.orderId } : {}),
      });
      start += take;
    }
  }
  return out;
}
