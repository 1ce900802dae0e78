import { describe, expect, it } from 'vitest';
import { isIcebergError } from '../errors.ts';
import { parseJson, stringifyJson } from './lossless-json.ts';

describe('lossless JSON', () => {
  it('keeps integers beyond 2^53 exact as bigint and writes them back as bare numbers', () => {
    const text = '{"snapshot-id":3051729675574597004,"small":42,"neg":-9223372036854775808,"f":1.5}';
    const v = parseJson(text) as Record<string, unknown>;
    expect(v['snapshot-id']).toBe(3051729675574597004n);
    expect(v.small).toBe(42);
    expect(v.neg).toBe(-9223372036854775808n);
    expect(v.f).toBe(1.5);
    expect(stringifyJson(v)).toBe(text);
  });

  it('leaves large floats as numbers', () => {
    expect(parseJson('[1e300]')).toEqual([1e300]);
  });

  it('matches JSON.stringify for plain values and drops undefined members', () => {
    const value = { a: [1, 'x', true, null, { b: 'q"uote' }], c: undefined, d: {} };
    expect(stringifyJson(value)).toBe(JSON.stringify(value));
    expect(stringifyJson(value, 2)).toBe(JSON.stringify(value, null, 2));
  });

  it('reports malformed text as invalid-argument', () => {
    expect(() => parseJson('{"a":')).toThrowError(expect.objectContaining({ kind: 'invalid-argument' }));
    try {
      parseJson('nope');
    } catch (e) {
      expect(isIcebergError(e, 'invalid-argument')).toBe(true);
    }
  });
});
