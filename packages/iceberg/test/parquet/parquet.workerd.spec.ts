import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { type R2BucketLike, R2Store } from '../../src/io/r2-store.ts';
import { loadParquetWasmWorkerd } from '../../src/parquet/parquet-wasm-workerd.ts';
import { readParquetRows } from '../../src/parquet/read-parquet.ts';
import { canonicalStruct } from '../../src/parquet/row-values.ts';
import { writeDataFiles } from '../../src/parquet/write-data-files.ts';
import { allTypesRows, allTypesSchema } from './fixtures.ts';

const r2Store = new R2Store(env.BUCKET as R2BucketLike);

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
