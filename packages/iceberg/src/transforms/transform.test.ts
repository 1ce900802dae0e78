import { describe, expect, it } from 'vitest';
import type { PartitionSpec } from '../spec/partition-spec.ts';
import type { Schema } from '../spec/types.ts';
import { murmur3x86_32 } from './murmur3.ts';
import { partitionPath } from './partition-path.ts';
import { applyTransform, bucketHash, parseTransform, transformResultType } from './transform.ts';

const us = (iso: string) => BigInt(Date.parse(iso)) * 1000n;
const days = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

describe('bucket hash: spec Appendix B test vectors', () => {
  it.each([
    ['int 34', { type: 'int' } as const, 34, 2017239379],
    ['long 34', { type: 'long' } as const, 34n, 2017239379],
    ['decimal 14.20', { type: 'decimal', precision: 4, scale: 2 } as const, 1420n, -500754589],
    ['date 2017-11-16', { type: 'date' } as const, days('2017-11-16'), -653330422],
    ['time 22:31:08', { type: 'time' } as const, 81068000000n, -662762989],
    [
      'timestamp 2017-11-16T22:31:08',
      { type: 'timestamp' } as const,
      us('2017-11-16T22:31:08Z'),
      -2047944441,
    ],
    [
      'timestamptz 2017-11-16T14:31:08-08:00',
      { type: 'timestamptz' } as const,
      us('2017-11-16T14:31:08-08:00'),
      -2047944441,
    ],
    ['string iceberg', { type: 'string' } as const, 'iceberg', 1210000089],
    ['uuid', { type: 'uuid' } as const, 'f79c3e09-677c-4bbd-a479-3f349cb785e7', 1488055340],
    ['fixed 00 01 02 03', { type: 'fixed', length: 4 } as const, Uint8Array.of(0, 1, 2, 3), -188683207],
    ['binary 00 01 02 03', { type: 'binary' } as const, Uint8Array.of(0, 1, 2, 3), -188683207],
  ])('%s', (_name, type, value, hash) => {
    expect(bucketHash(type, value)).toBe(hash);
  });

  it('hashes the empty input and a one-byte tail like the reference', () => {
    expect(murmur3x86_32(new Uint8Array())).toBe(0);
    expect(murmur3x86_32(new TextEncoder().encode('a'))).toBe(1009084850);
  });
});

describe('transforms', () => {
  it('buckets non-negatively modulo N', () => {
    expect(applyTransform('bucket[16]', { type: 'int' }, 34)).toBe(2017239379 % 16);
    expect(applyTransform('bucket[100]', { type: 'decimal', precision: 4, scale: 2 }, 1420n)).toBe(
      (-500754589 & 0x7fffffff) % 100,
    );
  });

  it('truncates numbers toward minus infinity, strings by code point, binary by byte', () => {
    expect(applyTransform('truncate[10]', { type: 'int' }, 1)).toBe(0);
    expect(applyTransform('truncate[10]', { type: 'int' }, -1)).toBe(-10);
    expect(applyTransform('truncate[10]', { type: 'long' }, -1n)).toBe(-10n);
    expect(applyTransform('truncate[50]', { type: 'decimal', precision: 5, scale: 2 }, 1065n)).toBe(1050n);
    expect(applyTransform('truncate[3]', { type: 'string' }, 'iceberg')).toBe('ice');
    expect(applyTransform('truncate[2]', { type: 'string' }, '😀a😀')).toBe('😀a');
    expect(applyTransform('truncate[2]', { type: 'binary' }, Uint8Array.of(1, 2, 3))).toEqual(
      Uint8Array.of(1, 2),
    );
  });

  it('computes year, month, day and hour with floor semantics before 1970', () => {
    const ts = { type: 'timestamptz' } as const;
    const t = us('2017-11-16T22:31:08Z');
    expect(applyTransform('year', ts, t)).toBe(47);
    expect(applyTransform('month', ts, t)).toBe(47 * 12 + 10);
    expect(applyTransform('day', ts, t)).toBe(days('2017-11-16'));
    expect(applyTransform('hour', ts, t)).toBe(Math.floor(Date.parse('2017-11-16T22:31:08Z') / 3_600_000));
    const before = us('1969-12-31T23:59:59Z');
    expect(applyTransform('hour', ts, before)).toBe(-1);
    expect(applyTransform('day', ts, before)).toBe(-1);
    expect(applyTransform('month', ts, before)).toBe(-1);
    expect(applyTransform('year', ts, before)).toBe(-1);
    expect(applyTransform('month', { type: 'date' }, days('1969-01-01'))).toBe(-12);
  });

  it('maps null to null, void to null, and keeps identity values', () => {
    expect(applyTransform('day', { type: 'date' }, null)).toBeNull();
    expect(applyTransform('void', { type: 'string' }, 'x')).toBeNull();
    expect(applyTransform('identity', { type: 'string' }, 'x')).toBe('x');
  });

  it('refuses transforms that do not apply and unknown ones', () => {
    expect(() => applyTransform('hour', { type: 'date' }, 1)).toThrowError(/does not apply/);
    expect(() => applyTransform('zorder', { type: 'int' }, 1)).toThrowError(
      expect.objectContaining({ kind: 'unsupported' }),
    );
    expect(parseTransform('bucket[8]')).toEqual({ kind: 'bucket', numBuckets: 8 });
    expect(transformResultType(parseTransform('day'), { type: 'timestamptz' })).toEqual({ type: 'date' });
  });
});

describe('partition paths', () => {
  it('formats human values per transform', () => {
    const schema: Schema = {
      schemaId: 0,
      fields: [
        { id: 1, name: 'ts', required: false, type: { type: 'timestamptz' } },
        { id: 2, name: 'country', required: false, type: { type: 'string' } },
      ],
    };
    const spec: PartitionSpec = {
      specId: 0,
      fields: [
        { sourceId: 1, fieldId: 1000, name: 'ts_day', transform: 'day' },
        { sourceId: 1, fieldId: 1001, name: 'ts_hour', transform: 'hour' },
        { sourceId: 1, fieldId: 1002, name: 'ts_month', transform: 'month' },
        { sourceId: 1, fieldId: 1003, name: 'ts_year', transform: 'year' },
        { sourceId: 2, fieldId: 1004, name: 'country', transform: 'identity' },
      ],
    };
    const t = us('2024-01-02T13:00:00Z');
    const values = spec.fields.map((f) =>
      applyTransform(
        f.transform,
        f.sourceId === 1 ? { type: 'timestamptz' } : { type: 'string' },
        f.sourceId === 1 ? t : 'a b/c',
      ),
    );
    expect(partitionPath(spec, schema, values)).toBe(
      'ts_day=2024-01-02/ts_hour=2024-01-02-13/ts_month=2024-01/ts_year=2024/country=a%20b%2Fc',
    );
    expect(partitionPath(spec, schema, [null, null, null, null, null])).toBe(
      'ts_day=null/ts_hour=null/ts_month=null/ts_year=null/country=null',
    );
  });
});
