/**
 * The table engine's Parquet writer and its workerd loader. `@analytics/iceberg`
 * does not export its `parquet/` folder from the package root yet, so this one
 * file reaches into it by path; switch to the package export when it exists.
 */
export { loadParquetWasmWorkerd } from '../../../../packages/iceberg/src/parquet/parquet-wasm-workerd.ts';
export { readParquetRows } from '../../../../packages/iceberg/src/parquet/read-parquet.ts';
export { writeDataFiles } from '../../../../packages/iceberg/src/parquet/write-data-files.ts';
