/**
 * workerd adapter for `loadParquetWasm`: Workers (and the Workers Vitest
 * pool) import a `.wasm` file as a compiled `WebAssembly.Module`, which is
 * all `initSync` needs — no fetch, no file system, no top-level await.
 */
import parquetWasmModule from 'parquet-wasm/esm/parquet_wasm_bg.wasm?module';
import { loadParquetWasm, type ParquetWasm } from './parquet-wasm.ts';

/** Loads parquet-wasm inside workerd from the bundled module. */
export function loadParquetWasmWorkerd(): ParquetWasm {
  return loadParquetWasm(parquetWasmModule);
}
