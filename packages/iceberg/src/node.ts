/** Node-only adapters of `@analytics/iceberg` (kept out of the web-standard main entry). */
export { FsStore } from './io/fs-store.ts';
export { loadParquetWasmNode } from './parquet/parquet-wasm-node.ts';
