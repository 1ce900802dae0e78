import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeParquetFile } from '../../src/parquet/encode-parquet-file.ts';
import { readParquetRows } from '../../src/parquet/read-parquet.ts';
import { canonicalStruct } from '../../src/parquet/row-values.ts';
import { type ParquetCodec, parquetWriteProperties } from '../../src/parquet/write-properties.ts';
import { decodeSingleValue } from '../../src/spec/single-value.ts';
import type { AnyPrimitiveType } from '../../src/spec/types.ts';
import { type DuckDb, openDuckDb } from './duckdb.ts';
import { allTypesRows, allTypesSchema } from './fixtures.ts';
import './setup.ts';

const canonical = allTypesRows.map((r) => canonicalStruct(allTypesSchema.fields, r));
const settings = parquetWriteProperties({});
let db: DuckDb;
let path: string;
let encoded: ReturnType<typeof encodeParquetFile>;

beforeAll(async () => {
  db = await openDuckDb();
  encoded = encodeParquetFile(allTypesSchema, canonical, settings);
  path = await db.file('all-types.parquet', encoded.bytes);
});
afterAll(() => db.close());

describe('encodeParquetFile, read back by DuckDB', () => {
  it('returns every value as written, microseconds included', async () => {
    const rows = await db.query(`
      SELECT id, flag, small, ratio, score::VARCHAR AS score, day::VARCHAR AS day, clock::VARCHAR AS clock,
             epoch_us(local_ts) AS local_us, epoch_us(ts) AS ts_us, name, lower(hex(event_id)) AS event_id,
             hex(hash) AS hash, hex(blob) AS blob, price::VARCHAR AS price, big_price::VARCHAR AS big_price,
             geo.country AS country, geo.lat AS lat, tags, props::VARCHAR AS props
      FROM '${path}' ORDER BY id`);
    expect(rows).toEqual([
      {
        id: 1n,
        flag: true,
        small: -5,
        ratio: 1.5,
        score: 'nan',
        day: '2024-02-29',
        clock: '13:45:01.000123',
        local_us: 1709214301000123n,
        ts_us: 1709214301123456n,
        name: 'zürich',
        event_id: 'f79c3e09677c4bbda4793f349cb785e7',
        hash: '01020304',
        blob: '00FF',
        price: '12.34',
        big_price: '1' + '0'.repeat(26) + '.0001',
        country: 'CH',
        lat: 47.37,
        tags: ['a', null, 'b'],
        props: '{plan=pro, beta=NULL}',
      },
      {
        id: 2n,
        flag: false,
        small: 7,
        ratio: -0,
        score: '-2.25',
        day: '1970-01-01',
        clock: '00:00:00.000001',
        local_us: 1n,
        ts_us: 1700000000000001n,
        name: 'a'.repeat(40),
        event_id: '00000000000040008000000000000000',
        hash: 'FFFFFFFF',
        blob: '07'.repeat(30),
        price: '-0.99',
        big_price: '-1.5000',
        country: null,
        lat: -33.9,
        tags: [],
        props: '{k=v}',
      },
      {
        id: 3n,
        flag: null,
        small: null,
        ratio: null,
        score: '1e+300',
        day: null,
        clock: null,
        local_us: null,
        ts_us: -1000n,
        name: '😀 emoji',
        event_id: null,
        hash: null,
        blob: null,
        price: null,
        big_price: null,
        country: null,
        lat: null,
        tags: null,
        props: null,
      },
    ]);
  });

  it('gives every column, nested ones included, its field id, logical type and repetition', async () => {
    const schema = await db.query(
      `SELECT name, type, repetition_type AS rep, logical_type AS logical, field_id FROM parquet_schema('${path}')`,
    );
    const byName = new Map(schema.map((r) => [r.name, r]));
    const expectField = (
      name: string,
      id: number | null,
      rep: string,
      type: string | null,
      logical?: RegExp,
    ) => {
      const row = byName.get(name);
      expect(row, name).toBeDefined();
      expect(row!.field_id === null ? null : Number(row!.field_id), name).toBe(id);
      expect(row!.rep, name).toBe(rep);
      expect(row!.type, name).toBe(type);
      if (logical) expect(String(row!.logical), name).toMatch(logical);
    };
    expectField('id', 1, 'REQUIRED', 'INT64');
    expectField(
      'ts',
      9,
      'REQUIRED',
      'INT64',
      /TimestampType\(isAdjustedToUTC=1, unit=TimeUnit\(.*MICROS=MicroSeconds/,
    );
    expectField(
      'local_ts',
      8,
      'OPTIONAL',
      'INT64',
      /TimestampType\(isAdjustedToUTC=0, .*MICROS=MicroSeconds/,
    );
    expectField('clock', 7, 'OPTIONAL', 'INT64', /TimeType\(.*MICROS=MicroSeconds/);
    expectField('day', 6, 'OPTIONAL', 'INT32', /DateType/);
    expectField('event_id', 11, 'OPTIONAL', 'FIXED_LEN_BYTE_ARRAY');
    expectField('price', 14, 'OPTIONAL', 'INT32', /DecimalType\(scale=2, precision=9\)/);
    expectField('big_price', 15, 'OPTIONAL', 'FIXED_LEN_BYTE_ARRAY', /DecimalType\(scale=4, precision=38\)/);
    expectField('geo', 16, 'OPTIONAL', null);
    expectField('country', 17, 'OPTIONAL', 'BYTE_ARRAY', /StringType/);
    expectField('tags', 19, 'OPTIONAL', null, /ListType/);
    expectField('list', null, 'REPEATED', null);
    expectField('element', 20, 'OPTIONAL', 'BYTE_ARRAY');
    expectField('props', 21, 'OPTIONAL', null, /MapType/);
    expectField('key', 22, 'REQUIRED', 'BYTE_ARRAY');
    expectField('value', 23, 'OPTIONAL', 'BYTE_ARRAY');
  });

  it('writes bounds and null counts equal to what DuckDB computes from the data', async () => {
    const { lowerBounds, upperBounds, nullValueCounts, valueCounts, nanValueCounts } = encoded.metrics;
    const leaf = (id: number): AnyPrimitiveType => {
      const stack = [...allTypesSchema.fields];
      while (stack.length) {
        const f = stack.pop()!;
        if (f.id === id) return f.type as AnyPrimitiveType;
        if (f.type.type === 'struct') stack.push(...f.type.fields);
      }
      throw new Error(`no field ${id}`);
    };
    const columns: [number, string][] = [
      [1, 'id'],
      [2, 'flag::INT'],
      [3, 'small'],
      [4, 'ratio'],
      [6, "day - DATE '1970-01-01'"],
      [7, "epoch_us(DATE '1970-01-01' + clock)"],
      [8, 'epoch_us(local_ts)'],
      [9, 'epoch_us(ts)'],
      [14, '(price * 100)::BIGINT'],
      [17, 'geo.country'],
      [18, 'geo.lat'],
    ];
    for (const [id, expr] of columns) {
      const [truth] = await db.query(
        `SELECT min(${expr}) AS lo, max(${expr}) AS hi, count(*) - count(${expr}) AS nulls, count(*) AS n FROM '${path}'`,
      );
      const type = leaf(id);
      const norm = (v: unknown) =>
        typeof v === 'boolean' ? Number(v) : type.type === 'decimal' ? BigInt(v as number) : v;
      const lo = lowerBounds!.get(id) && norm(decodeSingleValue(type, lowerBounds!.get(id)!));
      const hi = upperBounds!.get(id) && norm(decodeSingleValue(type, upperBounds!.get(id)!));
      expect([lo, hi].map(String), `bounds of ${expr}`).toEqual([truth!.lo, truth!.hi].map(String));
      expect(nullValueCounts!.get(id), `nulls of ${expr}`).toBe(BigInt(truth!.nulls as bigint));
      expect(valueCounts!.get(id), `values of ${expr}`).toBe(BigInt(truth!.n as bigint));
    }
    // NaN is counted, never a bound; -0 sorts before +0 and 1e300 is the max.
    expect(nanValueCounts!.get(5)).toBe(1n);
    expect(decodeSingleValue({ type: 'double' }, lowerBounds!.get(5)!)).toBe(-2.25);
    expect(decodeSingleValue({ type: 'double' }, upperBounds!.get(5)!)).toBe(1e300);
    expect(Object.is(decodeSingleValue({ type: 'float' }, lowerBounds!.get(4)!), -0)).toBe(true);
  });

  it('truncates string and binary bounds to 16, rounding the upper bound up', () => {
    const { lowerBounds, upperBounds } = encoded.metrics;
    const text = (id: number, m: ReadonlyMap<number, Uint8Array>) =>
      decodeSingleValue({ type: 'string' }, m.get(id)!);
    expect(text(10, lowerBounds!)).toBe('a'.repeat(16));
    // max is '😀 emoji' (U+1F600 sorts after 'z' in code point order), short enough to keep whole.
    expect(text(10, upperBounds!)).toBe('😀 emoji');
    expect(lowerBounds!.get(13)).toEqual(Uint8Array.of(0, 255));
    expect(upperBounds!.get(13)).toEqual(new Uint8Array(16).fill(7).fill(8, 15));
  });

  it('records counts but no bounds for list and map elements', () => {
    const { lowerBounds, valueCounts, nullValueCounts } = encoded.metrics;
    expect(valueCounts!.get(20)).toBe(3n);
    expect(nullValueCounts!.get(20)).toBe(1n);
    expect(valueCounts!.get(22)).toBe(3n);
    expect(nullValueCounts!.get(23)).toBe(1n);
    expect(lowerBounds!.has(20)).toBe(false);
    expect(lowerBounds!.has(22)).toBe(false);
  });

  it('reports column sizes and split offsets that match the footer DuckDB reads', async () => {
    const meta = await db.query(
      `SELECT row_group_id, path_in_schema, total_compressed_size, data_page_offset, dictionary_page_offset
       FROM parquet_metadata('${path}')`,
    );
    const nameToId: Record<string, number> = {
      id: 1,
      name: 10,
      'geo, country': 17,
      'tags, list, element': 20,
    };
    for (const [name, id] of Object.entries(nameToId)) {
      const total = meta
        .filter((m) => m.path_in_schema === name)
        .reduce((s, m) => s + BigInt(m.total_compressed_size as bigint), 0n);
      expect(encoded.metrics.columnSizes!.get(id), name).toBe(total);
    }
    const first = meta.find((m) => m.row_group_id === 0n && m.path_in_schema === 'id')!;
    expect(encoded.metrics.splitOffsets).toEqual([
      BigInt((first.dictionary_page_offset ?? first.data_page_offset) as bigint),
    ]);
  });
});

describe('codecs', () => {
  const codecs: ParquetCodec[] = ['snappy', 'zstd', 'gzip', 'uncompressed'];
  it.each(codecs)(
    '%s: the file says so, and DuckDB and our reader read back the same rows',
    async (codec) => {
      const file = encodeParquetFile(
        allTypesSchema,
        canonical,
        parquetWriteProperties({ 'write.parquet.compression-codec': codec }),
      );
      const p = await db.file(`codec-${codec}.parquet`, file.bytes);
      const used = await db.query(`SELECT DISTINCT compression FROM parquet_metadata('${p}')`);
      expect(used.map((u) => String(u.compression).toLowerCase())).toEqual([codec]);
      const counted = await db.query(
        `SELECT count(*) AS n, sum(id) AS s, max(epoch_us(ts)) AS t FROM '${p}'`,
      );
      expect(counted).toEqual([{ n: 3n, s: 6n, t: 1709214301123456n }]);
      expect(readParquetRows(file.bytes, allTypesSchema)).toEqual(canonical);
    },
  );
});
