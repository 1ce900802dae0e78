import { describe, expect, it } from 'vitest';
import type { DataFile } from '../spec/data-file.ts';
import type { PartitionSpec } from '../spec/partition-spec.ts';
import { encodeSingleValue } from '../spec/single-value.ts';
import type { Schema } from '../spec/types.ts';
import { bindExpression } from './bound-expression.ts';
import {
  and,
  eq,
  gt,
  gtEq,
  isIn,
  isNull,
  lt,
  ltEq,
  not,
  notEq,
  notIn,
  notNull,
  or,
  startsWith,
} from './expression.ts';
import { dataFileStats, mightMatch } from './metrics-evaluator.ts';
import { partitionRow, projectInclusive } from './projection.ts';
import { evaluateRow } from './row-evaluator.ts';

const schema: Schema = {
  schemaId: 0,
  fields: [
    { id: 1, name: 'id', required: true, type: { type: 'long' } },
    { id: 2, name: 'ts', required: false, type: { type: 'timestamptz' } },
    { id: 3, name: 'country', required: false, type: { type: 'string' } },
    {
      id: 4,
      name: 'ctx',
      required: false,
      type: { type: 'struct', fields: [{ id: 5, name: 'ip', required: false, type: { type: 'string' } }] },
    },
  ],
};
const HOUR = 3_600_000_000n;
const T0 = 1_704_067_200_000_000n;
const bind = (e: Parameters<typeof bindExpression>[1]) => bindExpression(schema, e);

describe('binding and row evaluation', () => {
  const row = { id: 5n, ts: T0, country: 'DE', ctx: { ip: '10.0.0.1' } };
  it('converts literals to canonical values and evaluates every operator', () => {
    expect(evaluateRow(bind(eq('id', 5)), row)).toBe(true);
    expect(evaluateRow(bind(gtEq('ts', '2024-01-01T00:00:00Z')), row)).toBe(true);
    expect(evaluateRow(bind(lt('ts', '2024-01-01T00:00:00Z')), row)).toBe(false);
    expect(evaluateRow(bind(and(isIn('country', ['DE', 'FR']), notIn('id', [1, 2]))), row)).toBe(true);
    expect(evaluateRow(bind(startsWith('ctx.ip', '10.')), row)).toBe(true);
    expect(evaluateRow(bind(or(isNull('country'), gt('id', 9))), row)).toBe(false);
    expect(evaluateRow(bind(not(and(eq('country', 'DE'), ltEq('id', 5)))), row)).toBe(false);
  });

  it('never matches null in comparisons, negated or not', () => {
    const nullRow = { id: 1n, ts: null, country: null, ctx: null };
    expect(evaluateRow(bind(notEq('country', 'DE')), nullRow)).toBe(false);
    expect(evaluateRow(bind(not(eq('country', 'DE'))), nullRow)).toBe(false);
    expect(evaluateRow(bind(isNull('ctx.ip')), nullRow)).toBe(true);
    expect(evaluateRow(bind(notNull('country')), nullRow)).toBe(false);
  });

  it('rejects unknown columns and bad literals', () => {
    expect(() => bind(eq('nope', 1))).toThrowError(expect.objectContaining({ kind: 'invalid-argument' }));
    expect(() => bind(eq('id', 'x'))).toThrowError(expect.objectContaining({ kind: 'invalid-argument' }));
    expect(() => bind(startsWith('id', '1'))).toThrowError(/starts-with/);
  });
});

describe('metrics pruning', () => {
  const enc = (t: Parameters<typeof encodeSingleValue>[0], v: Parameters<typeof encodeSingleValue>[1]) =>
    encodeSingleValue(t, v);
  const file: DataFile = {
    content: 0,
    filePath: 'f',
    fileFormat: 'parquet',
    specId: 0,
    partition: [],
    recordCount: 10n,
    fileSizeInBytes: 1n,
    valueCounts: new Map([
      [1, 10n],
      [3, 10n],
    ]),
    nullValueCounts: new Map([
      [1, 0n],
      [3, 10n],
    ]),
    lowerBounds: new Map([
      [1, enc({ type: 'long' }, 100n)],
      [5, enc({ type: 'string' }, 'abc')],
    ]),
    upperBounds: new Map([
      [1, enc({ type: 'long' }, 200n)],
      [5, enc({ type: 'string' }, 'abd')],
    ]),
  };
  const might = (e: Parameters<typeof bindExpression>[1]) =>
    mightMatch(bind(e), (id, type) => dataFileStats(file, id, type));
  it('uses bounds, null counts and all-null columns', () => {
    expect(might(eq('id', 150))).toBe(true);
    expect(might(eq('id', 99))).toBe(false);
    expect(might(lt('id', 100))).toBe(false);
    expect(might(ltEq('id', 100))).toBe(true);
    expect(might(gt('id', 200))).toBe(false);
    expect(might(isIn('id', [1, 300]))).toBe(false);
    expect(might(isNull('id'))).toBe(false);
    expect(might(notNull('country'))).toBe(false);
    expect(might(eq('country', 'DE'))).toBe(false);
    expect(might(isNull('country'))).toBe(true);
    expect(might(startsWith('ctx.ip', 'abc'))).toBe(true);
    expect(might(startsWith('ctx.ip', 'b'))).toBe(false);
    expect(might(notEq('id', 150))).toBe(true);
    expect(might(eq('ts', '2024-01-01T00:00:00Z'))).toBe(true); // no stats: keep
  });
});

describe('inclusive partition projection', () => {
  const spec: PartitionSpec = {
    specId: 0,
    fields: [
      { sourceId: 2, fieldId: 1000, name: 'ts_hour', transform: 'hour' },
      { sourceId: 1, fieldId: 1001, name: 'id_bucket', transform: 'bucket[4]' },
      { sourceId: 3, fieldId: 1002, name: 'country', transform: 'identity' },
    ],
  };
  const hour0 = Number(T0 / HOUR);
  const part = (h: number, b: number, c: string | null) => partitionRow(spec, [h, b, c]);
  const keeps = (e: Parameters<typeof bindExpression>[1], p: Record<string, unknown>) =>
    evaluateRow(projectInclusive(bind(e), spec), p);

  it('keeps every partition that can hold a match and drops the others', () => {
    const filter = gtEq('ts', T0 + 2n * HOUR + 5n);
    expect(keeps(filter, part(hour0 + 2, 0, 'DE'))).toBe(true);
    expect(keeps(filter, part(hour0 + 1, 0, 'DE'))).toBe(false);
    expect(keeps(lt('ts', T0 + HOUR), part(hour0 + 1, 0, 'DE'))).toBe(true);
    expect(keeps(lt('ts', T0 + HOUR), part(hour0 + 2, 0, 'DE'))).toBe(false);
    expect(keeps(notEq('country', 'DE'), part(hour0, 0, 'DE'))).toBe(false);
    expect(keeps(notEq('id', 3), part(hour0, 0, 'DE'))).toBe(true);
    expect(keeps(isNull('country'), part(hour0, 0, null))).toBe(true);
  });

  it('projects equality through bucket and nothing else', () => {
    const b = evaluateRow(
      projectInclusive(bind(eq('id', 34)), spec),
      part(hour0, (2017239379 & 0x7fffffff) % 4, 'DE'),
    );
    expect(b).toBe(true);
    expect(keeps(eq('id', 34), part(hour0, (((2017239379 & 0x7fffffff) % 4) + 1) % 4, 'DE'))).toBe(false);
    expect(projectInclusive(bind(gt('id', 34)), spec)).toEqual({ type: 'true' });
  });
});
