import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/catalog/catalog.ts';
import { eq } from '../../src/expr/expression.ts';
import { keyOf, readFile } from '../../src/io/locations.ts';
import { readParquetRows } from '../../src/parquet/index.ts';
import type { Schema } from '../../src/spec/types.ts';
import { appendRows } from '../../src/table/append.ts';
import { type CompactionProgress, compactTable } from '../../src/table/compact-table.ts';
import { planCompactionGroups } from '../../src/table/compaction-groups.ts';
import { createTable } from '../../src/table/create-table.ts';
import { overwrite } from '../../src/table/overwrite.ts';
import { readRows, scanTable } from '../../src/table/read-table.ts';
import type { TableEnv } from '../../src/table/table-env.ts';
import { testEnv } from '../helpers/table-env.ts';

const schema: Schema = {
  schemaId: 0,
  fields: [
    { id: 1, name: 'event_id', required: true, type: { type: 'string' } },
    { id: 2, name: 'ts', required: true, type: { type: 'timestamptz' } },
    { id: 3, name: 'country', required: false, type: { type: 'string' } },
  ],
};
const id = { namespace: ['events'], name: 'page_views' };
const HOUR = 3_600_000_000n;
const T0 = 1_704_067_200_000_000n; // 2024-01-01T00:00:00Z in µs

function rows(from: number, n: number, hour: number) {
  return Array.from({ length: n }, (_, k) => ({
    event_id: `e${String(from + k).padStart(5, '0')}`,
    ts: T0 + BigInt(hour) * HOUR + BigInt(n - k), // written out of order: the output is sorted
    country: ['DE', 'US', null][(from + k) % 3],
  }));
}

/** `files` appends of 20 rows into each of `hours` hourly partitions; returns every row written. */
async function tableOfSmallFiles(env: TableEnv, hours: number, files: number) {
  await createTable(env, id, {
    location: 's3://warehouse/events/page_views',
    schema,
    partitionBy: [{ column: 'ts', transform: 'hour' }],
    sortBy: [{ column: 'ts' }],
    properties: { 'commit.retry.num-retries': '4', 'commit.retry.min-wait-ms': '1' },
  });
  const written = [];
  for (let f = 0; f < files; f++) {
    for (let h = 0; h < hours; h++) {
      const batch = rows((f * hours + h) * 20, 20, h);
      written.push(...batch);
      await appendRows(env, id, batch);
    }
  }
  return written;
}

const ids = (rs: readonly Record<string, unknown>[]) => rs.map((r) => r.event_id as string).sort();

/** A catalog that runs `before` once, just before its `nth` commit goes through. */
function interleaved(inner: Catalog, nth: number, before: () => Promise<unknown>): Catalog {
  let calls = 0;
  return {
    loadTable: (t) => inner.loadTable(t),
    commitTable: async (t, r, u) => {
      if (++calls === nth) await before();
      return inner.commitTable(t, r, u);
    },
    createTable: (t, u) => inner.createTable(t, u),
  };
}

describe('planCompactionGroups', () => {
  const file = (path: string, size: number, hour: number) => ({
    content: 0 as const,
    filePath: path,
    fileFormat: 'parquet' as const,
    specId: 0,
    partition: [hour],
    recordCount: 1n,
    fileSizeInBytes: BigInt(size),
  });

  it('bin-packs each partition under the cap and leaves big, lone and oversized files alone', () => {
    const groups = planCompactionGroups(
      [
        file('a', 60, 0),
        file('b', 50, 0),
        file('c', 40, 0),
        file('d', 30, 0),
        file('e', 20, 0),
        file('big', 500, 0),
        file('lone', 10, 1),
        file('f', 90, 2),
        file('g', 15, 2),
        file('h', 120, 2),
      ],
      { minFileSizeBytes: 200, maxGroupBytes: 100 },
    );
    expect(groups.map((g) => [g.partition[0], g.files.map((f) => f.filePath), g.inputBytes])).toEqual([
      [0, ['a', 'c'], 100],
      [0, ['b', 'd', 'e'], 100],
    ]);
  });
});

describe('compactTable', () => {
  it('rewrites small files partition by partition in groups under the cap, keeping every row', async () => {
    const env = testEnv();
    const written = await tableOfSmallFiles(env, 3, 6);
    const before = await scanTable(env, id);
    expect(before.tasks).toHaveLength(18);
    const sizes = before.tasks.map((t) => Number(t.file.fileSizeInBytes));
    const cap = Math.max(...sizes) * 3;
    const progress: CompactionProgress[] = [];
    const r = await compactTable(env, id, { maxGroupBytes: cap, onProgress: (p) => progress.push(p) });
    expect(r?.failures).toEqual([]);
    // Six files of similar size per partition, three per group: two groups per partition.
    expect(r?.groups).toBe(6);
    expect(r?.commits).toHaveLength(6);
    expect(r?.filesRewritten).toBe(18);
    expect(r?.filesAdded).toBe(6);
    expect(r?.bytesRewritten).toBe(sizes.reduce((a, b) => a + b, 0));
    expect(progress.map((p) => `${p.group}/${p.groups}`)).toEqual(['1/6', '2/6', '3/6', '4/6', '5/6', '6/6']);
    const perGroup = progress.map((p, i) => p.bytesRewritten - (progress[i - 1]?.bytesRewritten ?? 0));
    expect(perGroup.every((b) => b > 0 && b <= cap)).toBe(true);
    for (const c of r!.commits) expect(c.snapshot.summary.operation).toBe('replace');
    const after = await scanTable(env, id);
    expect(after.tasks).toHaveLength(6);
    expect(new Set(after.tasks.map((t) => t.file.sortOrderId))).toEqual(new Set([1]));
    expect(new Set(after.tasks.map((t) => t.file.specId))).toEqual(new Set([0]));
    const all = await readRows(env, id);
    expect(ids(all)).toEqual(ids(written));
    // Each new file is sorted by the sort order (ts), though the inputs were written in reverse.
    for (const t of after.tasks) {
      const ts = readParquetRows(await readFile(env.io, t.file.filePath), schema).map((x) => x.ts as bigint);
      expect(ts).toEqual([...ts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    // Compacted output is smaller than its input, so a second run merges the pairs; then nothing is left.
    expect((await compactTable(env, id, { maxGroupBytes: cap }))?.filesAdded).toBe(3);
    expect(await compactTable(env, id, { maxGroupBytes: cap })).toBeUndefined();
    expect(ids(await readRows(env, id))).toEqual(ids(written));
  });

  it('keeps an append that lands while a group commits, retrying as commit.retry says', async () => {
    const env = testEnv();
    const written = await tableOfSmallFiles(env, 2, 3);
    const late = rows(9000, 5, 0);
    const catalog = interleaved(env.catalog, 1, () => appendRows(env, id, late));
    const r = await compactTable({ ...env, catalog }, id);
    expect(r?.failures).toEqual([]);
    expect(r?.commits).toHaveLength(2);
    expect(r?.commits[0]?.attempts).toBe(2);
    expect(env.waits).toHaveLength(1);
    expect(ids(await readRows(env, id))).toEqual(ids([...written, ...late]));
    expect((await scanTable(env, id)).tasks).toHaveLength(3); // two compacted + the late append
  });

  it('fails only the group whose file a concurrent commit removed, and deletes its new files', async () => {
    const env = testEnv();
    const written = await tableOfSmallFiles(env, 3, 2);
    // Groups commit in partition order; just before the second (hour 1) commits, an overwrite
    // removes one row of hour 1, so one of that group's files is replaced.
    const catalog = interleaved(env.catalog, 2, () => overwrite(env, id, eq('event_id', 'e00025')));
    const dataKeys = async () => {
      const keys: string[] = [];
      for await (const o of env.io.store.list('events/page_views/data/')) keys.push(o.key);
      return keys;
    };
    const before = new Set(await dataKeys());
    const r = await compactTable({ ...env, catalog }, id);
    expect(r?.commits).toHaveLength(2);
    expect(r?.failures).toHaveLength(1);
    expect(r?.failures[0]).toMatchObject({
      partition: [Number((T0 + HOUR) / HOUR)],
      error: expect.objectContaining({
        kind: 'commit-failed',
        message: expect.stringContaining('no longer in the table'),
      }),
    });
    expect(r?.filesRewritten).toBe(4);
    expect(ids(await readRows(env, id))).toEqual(ids(written.filter((w) => w.event_id !== 'e00025')));
    const plan = await scanTable(env, id);
    expect(plan.tasks).toHaveLength(4); // hours 0 and 2 compacted; hour 1 kept its two files (one rewritten)
    // Nothing written for the failed group is left behind: every new data object is live.
    const live = new Set(plan.tasks.map((t) => keyOf(env.io, t.file.filePath)));
    const added = (await dataKeys()).filter((k) => !before.has(k));
    expect(added.filter((k) => !live.has(k))).toEqual([]);
  });
});
