/// <reference path="./parquet/wasm-module.d.ts" />
/** workerd-only adapters of `@analytics/iceberg` (Workers import .wasm as compiled modules). */
export { loadParquetWasmWorkerd } from './parquet/parquet-wasm-workerd.ts';
