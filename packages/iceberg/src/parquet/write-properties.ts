/**
 * The table properties that steer Parquet writing (spec: "Table
 * Properties"; defaults as in Java's `TableProperties`).
 */
import { IcebergError } from '../errors.ts';

/** Codecs of `write.parquet.compression-codec` that parquet-wasm can write. */
export type ParquetCodec = 'snappy' | 'zstd' | 'gzip' | 'uncompressed' | 'lz4' | 'brotli';

/** The Parquet-related write settings of a table. */
export interface ParquetWriteProperties {
  readonly codec: ParquetCodec;
  /** `write.target-file-size-bytes`: files roll over near this size. */
  readonly targetFileSizeBytes: number;
  /** `write.parquet.row-group-size-bytes`. */
  readonly rowGroupSizeBytes: number;
  /** `write.parquet.page-size-bytes`. */
  readonly pageSizeBytes: number;
}

const CODECS: readonly ParquetCodec[] = ['snappy', 'zstd', 'gzip', 'uncompressed', 'lz4', 'brotli'];

function positiveInt(properties: Readonly<Record<string, string>>, key: string, fallback: number): number {
  const text = properties[key];
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n <= 0) {
    throw new IcebergError('invalid-argument', `table property ${key}="${text}" must be a positive integer`, {
      property: key,
      value: text,
    });
  }
  return n;
}

/** Reads the Parquet write settings from table properties, with Iceberg's defaults. */
export function parquetWriteProperties(properties: Readonly<Record<string, string>>): ParquetWriteProperties {
  const codecText = (properties['write.parquet.compression-codec'] ?? 'snappy').toLowerCase();
  const codec = CODECS.find((c) => c === codecText);
  if (!codec) {
    throw new IcebergError(
      'invalid-argument',
      `write.parquet.compression-codec "${codecText}" is not one of ${CODECS.join(', ')}`,
      { property: 'write.parquet.compression-codec', value: codecText },
    );
  }
  return {
    codec,
    targetFileSizeBytes: positiveInt(properties, 'write.target-file-size-bytes', 512 * 1024 * 1024),
    rowGroupSizeBytes: positiveInt(properties, 'write.parquet.row-group-size-bytes', 128 * 1024 * 1024),
    pageSizeBytes: positiveInt(properties, 'write.parquet.page-size-bytes', 1024 * 1024),
  };
}
