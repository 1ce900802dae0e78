/**
 * The `data_file` struct of a manifest entry (spec: "Manifests", "Data File
 * Fields"), as the domain model carries it. Bounds are already in the spec's
 * single-value binary encoding (Appendix D), keyed by field id.
 */
export interface DataFile {
  /** 0 = data, 1 = position deletes, 2 = equality deletes. */
  readonly content: 0 | 1 | 2;
  /** Full URI with scheme, e.g. `s3://analytics-source/events/page_views/data/…parquet`. */
  readonly filePath: string;
  readonly fileFormat: 'parquet';
  /** Id of the partition spec the `partition` tuple belongs to. */
  readonly specId: number;
  /** Partition values in spec field order, already transformed (e.g. hours since epoch). */
  readonly partition: readonly PartitionValue[];
  readonly recordCount: bigint;
  /** Exact object size; readers use it for footer reads. */
  readonly fileSizeInBytes: bigint;
  readonly columnSizes?: ReadonlyMap<number, bigint>;
  readonly valueCounts?: ReadonlyMap<number, bigint>;
  readonly nullValueCounts?: ReadonlyMap<number, bigint>;
  readonly nanValueCounts?: ReadonlyMap<number, bigint>;
  readonly lowerBounds?: ReadonlyMap<number, Uint8Array>;
  readonly upperBounds?: ReadonlyMap<number, Uint8Array>;
  readonly splitOffsets?: readonly bigint[];
  readonly equalityIds?: readonly number[];
  readonly sortOrderId?: number;
}

/** A transformed partition value: int/long/date/hour results are numbers, strings stay strings. */
export type PartitionValue = number | bigint | string | boolean | Uint8Array | null;
