import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/io/memory-store.ts';
import { readParquetRows } from '../../src/parquet/read-parquet.ts';
import { parseTimestampMicros } from '../../src/parquet/row-values.ts';
import { writeDataFiles } from '../../src/parquet/write-data-files.ts';
import { decodeSingleValue } from '../../src/spec/single-value.ts';
import type { Schema } from '../../src/spec/types.ts';
import { type DuckDb, openDuckDb } from './duckdb.ts';
import './setup.ts';

const schema: Schema = {
  schemaId: 0,
  fields: [
    { id: 1, name: 'event_id', required: true, type: { type: 'string' } },
    { id: 2, name: 'ts', required: true, type: { type: 'timestamptz' } },
    { id: 3, name: 'country', required: false, type: { type: 'string' } },
    { id: 4, name: 'time_on_page', required: false, type: { type: 'int' } },
  ],
};

const countries = ['DE', 'US', null, 'FR'];
const rows = Array.from({ length: 2000 }, (_, i) => ({
  event_id: `e-${String(i).padStart(5, '0')}`,
  ts: 1_700_000_000_000_000n + BigInt(((i * 7919) % 2000) * 1_000_003),
  country: countries[i % 4],
  time_on_page: i % 13 === 0 ? null : (i * 31) % 600,
}));

let db: DuckDb;
beforeAll(async () => {
  db = await openDuckDb();
});
afterAll(() => db.close());

function locator() {
  let n = 0;
  return (partition: readonly unknown[]) => {
    const key = `data/${partition.map((p) => `country=${p ?? 'null'}`).join('/')}/${String(n++).padStart(5, '0')}.parquet`;
    return { key, path: `s3://bucket/${key}` };
  };
}

describe('writeDataFiles', () => {
  it('splits rows by partition, sorts each file by the sort order and reports exact sizes', async () => {
    const store = new MemoryStore();
    const files = await writeDataFiles({
      store,
      schema,
      properties: {},
      rows,
      partition: { specId: 3, partitionOf: (r) => [r.country as string | null] },
      sortOrder: {
        orderId: 1,
        fields: [{ sourceId: 2, transform: 'identity', direction: 'desc', nullOrder: 'nulls-last' }],
      },
      locate: locator(),
    });
    expect(files.map((f) => f.partition)).toEqual([['DE'], ['US'], [null], ['FR']]);
    let total = 0n;
    for (const f of files) {
      const bytes = (await store.get(f.filePath.replace('s3://bucket/', '')))!;
      expect(f.fileSizeInBytes).toBe(BigInt(bytes.length));
      expect(f.specId).toBe(3);
      expect(f.sortOrderId).toBe(1);
      const back = readParquetRows(bytes, schema);
      expect(back.every((r) => r.country === f.partition[0])).toBe(true);
      const ts = back.map((r) => r.ts as bigint);
      expect(ts).toEqual([...ts].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)));
      expect(decodeSingleValue({ type: 'timestamptz' }, f.lowerBounds!.get(2)!)).toBe(ts.at(-1));
      expect(decodeSingleValue({ type: 'timestamptz' }, f.upperBounds!.get(2)!)).toBe(ts[0]);
      expect(f.recordCount).toBe(BigInt(back.length));
      total += f.recordCount;
    }
    expect(total).toBe(2000n);
  });

  it('rolls to a new file near write.target-file-size-bytes, and DuckDB reads every row back', async () => {
    const store = new MemoryStore();
    const target = 8 * 1024;
    const files = await writeDataFiles({
      store,
      schema,
      properties: { 'write.target-file-size-bytes': String(target) },
      rows,
      locate: locator(),
    });
    expect(files.length).toBeGreaterThan(2);
    for (const f of files) expect(Number(f.fileSizeInBytes)).toBeLessThan(target * 1.25);
    const paths: string[] = [];
    for (const [i, f] of files.entries()) {
      paths.push(
        await db.file(`roll-${i}.parquet`, (await store.get(f.filePath.replace('s3://bucket/', '')))!),
      );
    }
    const [r] = await db.query(
      `SELECT count(*) AS n, count(DISTINCT event_id) AS ids, sum(epoch_us(ts)) AS ts_sum FROM read_parquet([${paths.map((p) => `'${p}'`).join(',')}])`,
    );
    expect(r).toEqual({ n: 2000n, ids: 2000n, ts_sum: rows.reduce((s, x) => s + x.ts, 0n) });
  });

  it('reads columns by field id, so a renamed column still finds its data', async () => {
    const store = new MemoryStore();
    const [file] = await writeDataFiles({
      store,
      schema,
      properties: {},
      rows: rows.slice(0, 3),
      locate: locator(),
    });
    const bytes = (await store.get(file!.filePath.replace('s3://bucket/', '')))!;
    const evolved: Schema = {
      schemaId: 1,
      fields: [
        { id: 3, name: 'geo_country', required: false, type: { type: 'string' } },
        { id: 4, name: 'time_on_page', required: false, type: { type: 'long' } },
        { id: 5, name: 'added_later', required: false, type: { type: 'string' } },
      ],
    };
    expect(readParquetRows(bytes, evolved)).toEqual([
      { geo_country: 'DE', time_on_page: null, added_later: null },
      { geo_country: 'US', time_on_page: 31n, added_later: null },
      { geo_country: null, time_on_page: 62n, added_later: null },
    ]);
  });

  it('rejects rows that break the schema, naming the column', async () => {
    const attempt = (row: Record<string, unknown>) =>
      writeDataFiles({ store: new MemoryStore(), schema, properties: {}, rows: [row], locate: locator() });
    await expect(attempt({ event_id: 'x', ts: 1700000000000 })).rejects.toMatchObject({
      kind: 'invalid-argument',
      context: { column: 'ts' },
    });
    await expect(attempt({ ts: 1n })).rejects.toMatchObject({
      kind: 'invalid-argument',
      context: { column: 'event_id' },
    });
  });
});

describe('timestamp input', () => {
  it('parses ISO strings to exact microseconds, with offsets and before 1970', () => {
    expect(parseTimestampMicros('2024-02-29T13:45:01.123456Z')).toBe(1709214301123456n);
    expect(parseTimestampMicros('2024-02-29T15:45:01.123456+02:00')).toBe(1709214301123456n);
    expect(parseTimestampMicros('2024-02-29 13:45:01.1')).toBe(1709214301100000n);
    expect(parseTimestampMicros('1969-12-31T23:59:59.999999Z')).toBe(-1n);
    expect(parseTimestampMicros('2024-02-29T13:45:01.1234567Z')).toBeUndefined();
  });
});
