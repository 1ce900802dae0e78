import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { ObjectInfo, ObjectStore } from '../../src/io/storage.ts';
import { loadParquetWasmWorkerd } from '../../src/parquet/parquet-wasm-workerd.ts';
import { readParquetRows } from '../../src/parquet/read-parquet.ts';
import { canonicalStruct } from '../../src/parquet/row-values.ts';
import { writeDataFiles } from '../../src/parquet/write-data-files.ts';
import { allTypesRows, allTypesSchema } from './fixtures.ts';

/** Just enough of an R2-backed store for writeDataFiles (the engine's R2 adapter lives in src/io). */
const r2Store: ObjectStore = {
  async get(key) {
    const o = await env.BUCKET.get(key);
    return o ? new Uint8Array(await o.arrayBuffer()) : undefined;
  },
  async head() {
    return undefined;
  },
  async put(key, body): Promise<ObjectInfo> {
    await env.BUCKET.put(key, body);
    return { key, size: body.length };
  },
  async delete() {},
  async *list() {},
};

describe('Parquet in workerd', () => {
  it('loads parquet-wasm from a compiled module, writes to R2 and reads the rows back', async () => {
    loadParquetWasmWorkerd();
    const files = await writeDataFiles({
      store: r2Store,
      schema: allTypesSchema,
      properties: { 'write.parquet.compression-codec': 'zstd' },
      rows: allTypesRows,
      locate: () => ({ key: 'data/00000.parquet', path: 's3://bucket/data/00000.parquet' }),
    });
    expect(files).toHaveLength(1);
    const bytes = await r2Store.get('data/00000.parquet');
    expect(BigInt(bytes!.length)).toBe(files[0]!.fileSizeInBytes);
    expect(readParquetRows(bytes!, allTypesSchema)).toEqual(
      allTypesRows.map((r) => canonicalStruct(allTypesSchema.fields, r)),
    );
    expect(files[0]!.nullValueCounts!.get(2)).toBe(1n);
  });
});
