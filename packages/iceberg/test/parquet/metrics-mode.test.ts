import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/io/memory-store.ts';
import { encodeParquetFile, rowsToArrow } from '../../src/parquet/encode-parquet-file.ts';
import { readParquetRows } from '../../src/parquet/read-parquet.ts';
import { canonicalStruct } from '../../src/parquet/row-values.ts';
import { writeDataFiles } from '../../src/parquet/write-data-files.ts';
import { parquetWriteProperties } from '../../src/parquet/write-properties.ts';
import { decodeSingleValue } from '../../src/spec/single-value.ts';
import { allTypesRows, allTypesSchema } from './fixtures.ts';
import './setup.ts';

const canonical = allTypesRows.map((r) => canonicalStruct(allTypesSchema.fields, r));

describe('metrics modes from table properties', () => {
  it('honours none, counts, truncate(N) and full per column', () => {
    const properties = {
      'write.metadata.metrics.default': 'counts',
      'write.metadata.metrics.column.name': 'truncate(4)',
      'write.metadata.metrics.column.blob': 'full',
      'write.metadata.metrics.column.geo.country': 'none',
    };
    const { metrics } = encodeParquetFile(
      allTypesSchema,
      canonical,
      parquetWriteProperties(properties),
      properties,
    );
    // counts: counts but no bounds
    expect(metrics.valueCounts!.get(1)).toBe(3n);
    expect(metrics.lowerBounds!.has(1)).toBe(false);
    // truncate(4): 4 code points, upper rounded up
    expect(decodeSingleValue({ type: 'string' }, metrics.lowerBounds!.get(10)!)).toBe('aaaa');
    expect(decodeSingleValue({ type: 'string' }, metrics.upperBounds!.get(10)!)).toBe('😀 en');
    // full: whole 30-byte binary bound
    expect(metrics.upperBounds!.get(13)).toEqual(new Uint8Array(30).fill(7));
    // none: nothing at all
    expect(metrics.valueCounts!.has(17)).toBe(false);
    expect(metrics.nullValueCounts!.has(17)).toBe(false);
  });

  it('rejects a malformed metrics mode', () => {
    const properties = { 'write.metadata.metrics.default': 'truncate(0)' };
    expect(() =>
      encodeParquetFile(allTypesSchema, canonical, parquetWriteProperties({}), properties),
    ).toThrow(expect.objectContaining({ kind: 'invalid-argument' }));
  });
});

describe('Arrow input', () => {
  it('writes an Arrow table bound by field id the same as rows', async () => {
    const { table } = rowsToArrow(allTypesSchema, canonical);
    const store = new MemoryStore();
    const [file] = await writeDataFiles({
      store,
      schema: allTypesSchema,
      properties: {},
      rows: table,
      locate: () => ({ key: 'a.parquet', path: 's3://b/a.parquet' }),
    });
    expect(file!.recordCount).toBe(3n);
    expect(readParquetRows((await store.get('a.parquet'))!, allTypesSchema)).toEqual(canonical);
  });
});
