import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readMetadataFile } from '../../src/catalog/metadata-file.ts';
import { eq, gtEq } from '../../src/expr/expression.ts';
import { evaluateRow } from '../../src/expr/row-evaluator.ts';
import { fileIO, readFile } from '../../src/io/locations.ts';
import { FsStore } from '../../src/node.ts';
import { readParquetRows } from '../../src/parquet/read-parquet.ts';
import { planFiles } from '../../src/scan/plan-files.ts';
import '../helpers/table-env.ts';

const PYTHON = new URL('../../../../.venv/bin/python', import.meta.url).pathname;
const WRITER = new URL('./python/write_reference_table.py', import.meta.url).pathname;

describe('a table written by PyIceberg (the reference writer)', () => {
  it('is planned and read by the engine with the rows PyIceberg sees', async () => {
    const warehouse = await mkdtemp(join(tmpdir(), 'iceberg-reference-'));
    const { stdout } = await promisify(execFile)(PYTHON, [WRITER, warehouse]);
    const ref = JSON.parse(stdout) as { metadata: string; ids: number[]; snapshots: number };
    const io = fileIO(new FsStore('/'), 'file:///');
    const metadata = await readMetadataFile(io, ref.metadata);
    expect(metadata.snapshots).toHaveLength(ref.snapshots);

    const read = async (filter = eq('name', 'n15')) => {
      const plan = await planFiles(io, metadata, { filter });
      const rows = [];
      for (const t of plan.tasks) {
        for (const r of readParquetRows(await readFile(io, t.file.filePath), plan.schema))
          if (evaluateRow(plan.filter, r)) rows.push(r);
      }
      return { plan, rows };
    };
    const all = await read(gtEq('id', 0));
    expect(all.rows.map((r) => Number(r.id)).sort((a, b) => a - b)).toEqual(ref.ids);
    expect(
      all.plan.tasks.every((t) => t.dataSequenceNumber !== undefined && t.file.partition.length === 1),
    ).toBe(true);
    const one = await read();
    expect(one.rows.map((r) => r.id)).toEqual([15n]);
    expect(one.plan.tasks.length).toBeLessThan(all.plan.tasks.length);
  });
});
