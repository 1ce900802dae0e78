import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeParquetFile } from '../../src/parquet/encode-parquet-file.ts';
import { canonicalStruct } from '../../src/parquet/row-values.ts';
import { parquetWriteProperties } from '../../src/parquet/write-properties.ts';
import { allTypesRows, allTypesSchema } from './fixtures.ts';
import './setup.ts';

const python = join(import.meta.dirname, '../../../../.venv/bin/python');
const script = join(import.meta.dirname, 'python/file_schema.py');

describe('PyIceberg reads our Parquet schema', () => {
  it('derives the table schema from the file: ids, types and required flags, uuid via fixed[16]', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pyiceberg-parquet-'));
    try {
      const path = join(dir, 'all.parquet');
      const rows = allTypesRows.map((r) => canonicalStruct(allTypesSchema.fields, r));
      await writeFile(path, encodeParquetFile(allTypesSchema, rows, parquetWriteProperties({})).bytes);
      const run = spawnSync(python, [script, path], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      const out = JSON.parse(run.stdout) as {
        fields: unknown[];
        nested_ids: unknown;
        fixed16_as_uuid: string[];
      };
      expect(out.fields).toEqual([
        { id: 1, name: 'id', type: 'long', required: true },
        { id: 2, name: 'flag', type: 'boolean', required: false },
        { id: 3, name: 'small', type: 'int', required: false },
        { id: 4, name: 'ratio', type: 'float', required: false },
        { id: 5, name: 'score', type: 'double', required: false },
        { id: 6, name: 'day', type: 'date', required: false },
        { id: 7, name: 'clock', type: 'time', required: false },
        { id: 8, name: 'local_ts', type: 'timestamp', required: false },
        { id: 9, name: 'ts', type: 'timestamptz', required: true },
        { id: 10, name: 'name', type: 'string', required: false },
        { id: 11, name: 'event_id', type: 'fixed[16]', required: false },
        { id: 12, name: 'hash', type: 'fixed[4]', required: false },
        { id: 13, name: 'blob', type: 'binary', required: false },
        { id: 14, name: 'price', type: 'decimal(9, 2)', required: false },
        { id: 15, name: 'big_price', type: 'decimal(38, 4)', required: false },
        {
          id: 16,
          name: 'geo',
          type: 'struct<17: country: optional string, 18: lat: optional double>',
          required: false,
        },
        { id: 19, name: 'tags', type: 'list<string>', required: false },
        { id: 21, name: 'props', type: 'map<string, string>', required: false },
      ]);
      expect(out.nested_ids).toEqual({ tags: [20], props: [22, 23] });
      expect(out.fixed16_as_uuid).toEqual(['uuid']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
