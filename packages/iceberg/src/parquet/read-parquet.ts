/**
 * Reads a Parquet data file back into canonical rows of a table schema, for
 * the engine's own needs (copy-on-write overwrites, tests). parquet-wasm does
 * the decoding (every codec, nested types, exact INT64 values); columns are
 * bound by field id, so files written before a rename still read correctly.
 */
import { type Table, tableFromIPC } from 'apache-arrow';
import type { Schema } from '../spec/types.ts';
import { arrowToRows } from './arrow-to-rows.ts';
import { parquetWasm } from './parquet-wasm.ts';

/** Decodes a whole Parquet file into an Arrow table (field ids kept in field metadata). */
export function readParquetArrow(file: Uint8Array): Table {
  const wasm = parquetWasm();
  const table = wasm.readParquet(file);
  return tableFromIPC(table.intoIPCStream());
}

/** Decodes a whole Parquet file into canonical rows of `schema` (see `row-values.ts`). */
export function readParquetRows(file: Uint8Array, schema: Schema): Record<string, unknown>[] {
  return arrowToRows(schema, readParquetArrow(file));
}
