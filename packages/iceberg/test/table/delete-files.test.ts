import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { eq } from '../../src/expr/expression.ts';
import { keyOf } from '../../src/io/locations.ts';
import { FsStore } from '../../src/node.ts';
import { writeDataFiles } from '../../src/parquet/index.ts';
import type { DataFile } from '../../src/spec/data-file.ts';
import type { Schema } from '../../src/spec/types.ts';
import { appendRows } from '../../src/table/append.ts';
import { compactTable } from '../../src/table/compact-table.ts';
import { createTable } from '../../src/table/create-table.ts';
import { commitDeleteFiles, writePositionDeletes } from '../../src/table/delete-files.ts';
import { overwrite } from '../../src/table/overwrite.ts';
import { readRows, scanTable } from '../../src/table/read-table.ts';
import type { TableEnv } from '../../src/table/table-env.ts';
import { testEnv } from '../helpers/table-env.ts';

const PYTHON = new URL('../../../../.venv/bin/python', import.meta.url).pathname;
const READER = new URL('./python/read_with_deletes.py', import.meta.url).pathname;

const schema: Schema = {
  schemaId: 0,
  fields: [
    { id: 1, name: 'event_id', required: true, type: { type: 'string' } },
    { id: 2, name: 'ts', required: true, type: { type: 'timestamptz' } },
    { id: 3, name: 'country', required: false, type: { type: 'string' } },
  ],
};
const defaultId = { namespace: ['events'], name: 'page_views' };
const id = defaultId;
const HOUR = 3_600_000_000n;
const T0 = 1_704_067_200_000_000n; // 2024-01-01T00:00:00Z in µs

function rows(from: number, n: number, hour: number) {
  return Array.from({ length: n }, (_, k) => ({
    event_id: `e${String(from + k).padStart(5, '0')}`,
    ts: T0 + BigInt(hour) * HOUR + BigInt(k),
    country: ['DE', 'US', null][(from + k) % 3],
  }));
}

const ids = (rs: readonly Record<string, unknown>[]) => rs.map((r) => r.event_id as string).sort();

/** An equality delete file on `event_id` in the partition of `like`, as other engines write them. */
async function writeEqualityDeletes(env: TableEnv, like: DataFile, eventIds: readonly string[]) {
  const path = `${like.filePath.slice(0, like.filePath.lastIndexOf('/'))}/eq-delete-${env.newUuid()}.parquet`;
  const [f] = await writeDataFiles({
    store: env.io.store,
    schema: { schemaId: 0, fields: [schema.fields[0]!] },
    properties: {},
    rows: eventIds.map((event_id) => ({ event_id })),
    partition: { specId: like.specId, partitionOf: () => like.partition },
    locate: () => ({ key: keyOf(env.io, path), path }),
  });
  return { ...f!, content: 2 as const, equalityIds: [1] };
}

/**
 * Hour 0: file A (e0–e9, seq 1) and, after the deletes, file D (e100–e104, seq 4).
 * Hour 1: file B (e10–e19, seq 2). Seq 3 deletes positions 0 and 5 of A (e0, e5)
 * and, by equality, e12 in hour 1 and e100 in hour 0 — which D re-adds later and keeps.
 */
async function tableWithDeletes(
  env: TableEnv,
  location: string,
  options: { equality?: boolean; id?: typeof id } = {},
) {
  const id = options.id ?? defaultId;
  const withEquality = options.equality ?? true;
  await createTable(env, id, {
    location,
    schema,
    partitionBy: [{ column: 'ts', transform: 'hour' }],
  });
  const a = await appendRows(env, id, rows(0, 10, 0));
  await appendRows(env, id, rows(10, 10, 1));
  const { metadata } = await env.catalog.loadTable(id);
  const tasks = (await scanTable(env, id)).tasks;
  const fileA = tasks.find((t) => t.snapshotId === a.snapshot.snapshotId)!.file;
  const fileB = tasks.find((t) => t.snapshotId !== a.snapshot.snapshotId)!.file;
  const positions = await writePositionDeletes(env, metadata, fileA, [5, 0]);
  const eqB = await writeEqualityDeletes(env, fileB, ['e00012']);
  const eqA = await writeEqualityDeletes(env, fileA, ['e00100']);
  const committed = await commitDeleteFiles(env, id, withEquality ? [positions, eqB, eqA] : [positions]);
  await appendRows(env, id, rows(100, 5, 0));
  const expected = ids([...rows(0, 20, 0), ...rows(100, 5, 0)]).filter(
    (x) => !['e00000', 'e00005', ...(withEquality ? ['e00012'] : [])].includes(x),
  );
  return { committed, expected, fileA, fileB };
}

describe('delete files', () => {
  it('plans the deletes that apply to each data file by partition and sequence number', async () => {
    const env = testEnv();
    const { committed, fileA, fileB } = await tableWithDeletes(env, 's3://warehouse/events/page_views');
    expect(committed.snapshot.summary).toMatchObject({
      operation: 'delete',
      'added-delete-files': '3',
      'added-position-deletes': '2',
      'added-equality-deletes': '2',
      'total-delete-files': '3',
    });
    const plan = await scanTable(env, id);
    const deletesOf = (path: string) =>
      plan.tasks
        .find((t) => t.file.filePath === path)!
        .deletes.map((d) => d.file.content)
        .sort();
    expect(deletesOf(fileA.filePath)).toEqual([1, 2]); // its position deletes + hour 0's equality delete
    expect(deletesOf(fileB.filePath)).toEqual([2]);
    const later = plan.tasks.find((t) => t.dataSequenceNumber === 4n)!;
    expect(later.deletes).toEqual([]); // equality deletes apply only to strictly older data
  });

  it('reads rows with position and equality deletes applied, and keeps them deleted through compaction and overwrite', async () => {
    const env = testEnv();
    const { expected } = await tableWithDeletes(env, 's3://warehouse/events/page_views');
    expect(ids(await readRows(env, id))).toEqual(expected);
    const compacted = await compactTable(env, id);
    expect(compacted?.filesRewritten).toBe(2); // hour 0: A and D
    expect(ids(await readRows(env, id))).toEqual(expected);
    await overwrite(env, id, eq('event_id', 'e00011'));
    expect(ids(await readRows(env, id))).toEqual(expected.filter((x) => x !== 'e00011'));
  });

  it('reads the same rows as PyIceberg and DuckDB', async () => {
    const root = await mkdtemp(join(tmpdir(), 'iceberg-deletes-'));
    try {
      const built = [];
      for (const equality of [false, true]) {
        const env = testEnv({ store: new FsStore(root), root: `${root}/` });
        const t = { namespace: ['events'], name: equality ? 'with_equality' : 'positional' };
        const table = await tableWithDeletes(env, `${root}/wh/events/${t.name}`, { equality, id: t });
        const { metadataLocation } = await env.catalog.loadTable(t);
        built.push({ ...table, metadataLocation, ours: ids(await readRows(env, t)) });
      }
      const [positional, equality] = built as [(typeof built)[0], (typeof built)[0]];
      const { stdout } = await promisify(execFile)(
        PYTHON,
        [READER, positional.metadataLocation, equality.metadataLocation],
        { timeout: 120_000 },
      );
      const seen = JSON.parse(stdout) as {
        positional: { pyiceberg: string[]; duckdb: string[] };
        equality: { duckdb: string[] };
      };
      expect(positional.ours).toEqual(positional.expected);
      expect(seen.positional.pyiceberg).toEqual(positional.expected);
      expect(seen.positional.duckdb).toEqual(positional.expected);
      expect(equality.ours).toEqual(equality.expected);
      expect(seen.equality.duckdb).toEqual(equality.expected);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
