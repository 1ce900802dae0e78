import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readParquetRows } from '../../src/parquet/read-parquet.ts';
import type { Schema } from '../../src/spec/types.ts';
import { type DuckDb, openDuckDb } from './duckdb.ts';
import './setup.ts';

let db: DuckDb;
beforeAll(async () => {
  db = await openDuckDb();
});
afterAll(() => db.close());

// A file another engine wrote (DuckDB, with Iceberg field ids): our reader must bind by id, not by name.
describe('readParquetRows on a file DuckDB wrote', () => {
  it('binds renamed columns by field id and decodes every type exactly', async () => {
    const path = await db.file('duck.parquet', new Uint8Array());
    await db.query(`
      COPY (
        SELECT * FROM (VALUES
          (1::BIGINT, 'a', TIMESTAMPTZ '2024-02-29 13:45:01.123456+00', DATE '2024-02-29', 12.34::DECIMAL(9,2),
           [1, NULL, 3]::INTEGER[], {'x': 1.5::DOUBLE}, 'f79c3e09-677c-4bbd-a479-3f349cb785e7'::UUID, 7::INTEGER,
           TIMESTAMP_MS '2024-02-29 13:45:01.123', TIMESTAMP_NS '2024-02-29 13:45:01.123456789', {'x': 1.5}),
          (2, NULL, TIMESTAMPTZ '1969-12-31 23:59:59.999999+00', NULL, -0.01, [], NULL, NULL, NULL, NULL, NULL, NULL)
        ) t(id, label, ts, day, price, nums, point, uid, small, ts_ms, ts_ns, dec_point)
      ) TO '${path}' (FORMAT parquet, COMPRESSION zstd, FIELD_IDS {
        id: 1, label: 2, ts: 3, day: 4, price: 5, nums: {__duckdb_field_id: 6, element: 7},
        point: {__duckdb_field_id: 8, x: 9}, uid: 10, small: 11, ts_ms: 12, ts_ns: 13,
        dec_point: {__duckdb_field_id: 14, x: 15}
      })`);
    const schema: Schema = {
      schemaId: 2,
      fields: [
        { id: 1, name: 'id', required: true, type: { type: 'long' } },
        { id: 2, name: 'title', required: false, type: { type: 'string' } },
        { id: 3, name: 'ts', required: true, type: { type: 'timestamptz' } },
        { id: 4, name: 'day', required: false, type: { type: 'date' } },
        { id: 5, name: 'price', required: false, type: { type: 'decimal', precision: 9, scale: 2 } },
        {
          id: 6,
          name: 'nums',
          required: false,
          type: { type: 'list', elementId: 7, elementRequired: false, element: { type: 'int' } },
        },
        {
          id: 8,
          name: 'point',
          required: false,
          type: { type: 'struct', fields: [{ id: 9, name: 'x', required: false, type: { type: 'double' } }] },
        },
        { id: 10, name: 'uid', required: false, type: { type: 'uuid' } },
        { id: 11, name: 'small', required: false, type: { type: 'long' } },
        { id: 12, name: 'ts_ms', required: false, type: { type: 'timestamp' } },
        { id: 13, name: 'ts_ns', required: false, type: { type: 'timestamp' } },
      ],
    };
    expect(readParquetRows(new Uint8Array(await readFile(path)), schema)).toEqual([
      {
        id: 1n,
        title: 'a',
        ts: 1709214301123456n,
        day: 19782,
        price: 1234n,
        nums: [1, null, 3],
        point: { x: 1.5 },
        uid: 'f79c3e09-677c-4bbd-a479-3f349cb785e7',
        small: 7n,
        ts_ms: 1709214301123000n,
        ts_ns: 1709214301123456n,
      },
      {
        id: 2n,
        title: null,
        ts: -1n,
        day: null,
        price: -1n,
        nums: [],
        point: null,
        uid: null,
        small: null,
        ts_ms: null,
        ts_ns: null,
      },
    ]);
    // A DECIMAL(2,1) column is not a double: refuse it instead of returning the unscaled 15.
    const wrong: Schema = {
      schemaId: 3,
      fields: [
        {
          id: 14,
          name: 'dec_point',
          required: false,
          type: {
            type: 'struct',
            fields: [{ id: 15, name: 'x', required: false, type: { type: 'double' } }],
          },
        },
      ],
    };
    const bytes = new Uint8Array(await readFile(path));
    expect(() => readParquetRows(bytes, wrong)).toThrow(
      expect.objectContaining({
        kind: 'invalid-argument',
        context: expect.objectContaining({ schemaType: 'double' }),
      }),
    );
  });
});
