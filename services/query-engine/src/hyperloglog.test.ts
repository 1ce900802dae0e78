import { describe, expect, it } from 'vitest';
import { HyperLogLog } from './hyperloglog.ts';

/** SplitMix64: a well-mixed deterministic 64-bit hash stream for tests. */
function hashOf(i: number): bigint {
  let z = (BigInt(i) * 0x9e3779b97f4a7c15n) & 0xffff_ffff_ffff_ffffn;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & 0xffff_ffff_ffff_ffffn;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & 0xffff_ffff_ffff_ffffn;
  return z ^ (z >> 31n);
}

describe('HyperLogLog', () => {
  it.each([10, 1_000, 50_000, 200_000])(
    'estimates %i distinct items within 3 standard errors (p=14)',
    (n) => {
      const h = new HyperLogLog(14);
      for (let i = 0; i < n; i++) h.addHash(hashOf(i));
      for (let i = 0; i < n; i += 7) h.addHash(hashOf(i)); // duplicates do not count
      const error = Math.abs(h.estimate() - n) / n;
      expect(error).toBeLessThan(3 * (1.04 / Math.sqrt(1 << 14)));
    },
  );

  it('merging sketches of two overlapping sets estimates their union', () => {
    const a = new HyperLogLog(12);
    const b = new HyperLogLog(12);
    for (let i = 0; i < 30_000; i++) a.addHash(hashOf(i));
    for (let i = 20_000; i < 60_000; i++) b.addHash(hashOf(i));
    const union = a.clone();
    union.merge(b);
    expect(Math.abs(union.estimate() - 60_000) / 60_000).toBeLessThan(3 * (1.04 / 64));
    // Merge does not change its argument, and merging is idempotent.
    expect(Math.abs(a.estimate() - 30_000) / 30_000).toBeLessThan(0.05);
    const again = union.clone();
    again.merge(b);
    expect(again.estimate()).toBe(union.estimate());
  });

  it('refuses to merge sketches of different precision', () => {
    expect(() => new HyperLogLog(12).merge(new HyperLogLog(14))).toThrow(/precision 14 into 12/);
  });

  it('counts small sets nearly exactly (linear counting)', () => {
    const h = new HyperLogLog(14);
    for (let i = 0; i < 100; i++) h.addHash(hashOf(i));
    expect(Math.round(h.estimate())).toBeGreaterThanOrEqual(97);
    expect(Math.round(h.estimate())).toBeLessThanOrEqual(103);
  });
});
