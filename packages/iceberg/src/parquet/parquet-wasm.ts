/**
 * One way to get an initialised parquet-wasm in every runtime. We always use
 * the `esm` build, which exports `initSync`: workerd imports the `.wasm` file
 * as a compiled `WebAssembly.Module` (see `parquet-wasm-workerd.ts`), Node
 * reads the bytes from disk (see `parquet-wasm-node.ts`), and both hand the
 * result to `loadParquetWasm`. The `node` build is avoided on purpose: it
 * initialises itself from `fs`, which workerd does not have, and mixing the
 * two builds would load two wasm instances.
 */
import * as wasm from 'parquet-wasm/esm';

/** The initialised parquet-wasm module (its Arrow `Table`, `writeParquet`, `readParquet`…). */
export type ParquetWasm = typeof wasm;

/** A compiled module (workerd, bundlers) or the raw `.wasm` bytes (Node, browsers). */
export type ParquetWasmSource = WebAssembly.Module | BufferSource;

let ready = false;

/**
 * Initialises parquet-wasm from a compiled module or its bytes; later calls
 * return the same instance and ignore `source`. Synchronous, so it can run
 * at module scope in a Worker.
 */
export function loadParquetWasm(source: ParquetWasmSource): ParquetWasm {
  if (!ready) {
    wasm.initSync({ module: source });
    ready = true;
  }
  return wasm;
}

/** The instance set up by `loadParquetWasm`; throws when nothing loaded it yet. */
export function parquetWasm(): ParquetWasm {
  if (!ready) {
    throw new Error(
      'parquet-wasm is not initialised: call loadParquetWasm() (or loadParquetWasmNode() in Node) before writing or reading Parquet',
    );
  }
  return wasm;
}
