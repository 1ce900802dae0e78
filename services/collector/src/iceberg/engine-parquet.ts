/**
 * The table engine's Parquet writer and its workerd loader, in one place so
 * the collector's flush path names its engine dependencies once.
 */
export { readParquetRows, writeDataFiles } from '@analytics/iceberg';
export { loadParquetWasmWorkerd } from '@analytics/iceberg/workerd';
