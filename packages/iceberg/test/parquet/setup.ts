/** Loads parquet-wasm once for the Node test files of the Parquet layer. */
import { loadParquetWasmNode } from '../../src/parquet/parquet-wasm-node.ts';

await loadParquetWasmNode();
