/** The Parquet layer of the table engine: writing data files with Iceberg metrics, and reading them back. */
export { arrowSchema, arrowType, FIELD_ID_KEY } from './arrow-schema.ts';
export { arrowToRows } from './arrow-to-rows.ts';
export { type EncodedParquetFile, encodeParquetFile, rowsToArrow } from './encode-parquet-file.ts';
export { loadParquetWasm, type ParquetWasm, type ParquetWasmSource, parquetWasm } from './parquet-wasm.ts';
export { readParquetArrow, readParquetRows } from './read-parquet.ts';
export {
  canonicalStruct,
  canonicalValue,
  formatTimestampMicros,
  parseTimestampMicros,
  type Row,
} from './row-values.ts';
export { sortRows, type TransformValue } from './sort-rows.ts';
export { type DataFileLocation, type WriteDataFilesOptions, writeDataFiles } from './write-data-files.ts';
export {
  type ParquetCodec,
  type ParquetWriteProperties,
  parquetWriteProperties,
} from './write-properties.ts';
