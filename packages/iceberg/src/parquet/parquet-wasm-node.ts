/**
 * Node adapter for `loadParquetWasm`: reads the wasm bytes that ship with the
 * `parquet-wasm` package. Only Node code (tests, benchmarks, the query
 * engine) imports this file; the runtime-agnostic core never does.
 */
import { readFile } from 'node:fs/promises';
import { loadParquetWasm, type ParquetWasm } from './parquet-wasm.ts';

/** Loads parquet-wasm in Node from the package's own `.wasm` file. */
export async function loadParquetWasmNode(): Promise<ParquetWasm> {
  const url = import.meta.resolve('parquet-wasm/esm/parquet_wasm_bg.wasm');
  return loadParquetWasm(await readFile(new URL(url)));
}
