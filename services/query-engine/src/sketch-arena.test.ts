import { describe, expect, it } from 'vitest';
import { HyperLogLog } from './hyperloglog.ts';
import { packEntries, SketchArena } from './sketch-arena.ts';

/** mulberry32: deterministic register/rank pairs. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function batch(next: () => number, precision: number, n: number): { regs: number[]; ranks: number[] } {
  const regs: number[] = [];
  const ranks: number[] = [];
  for (let i = 0; i < n; i++) {
    regs.push(Math.floor(next() * (1 << precision)));
    ranks.push(1 + Math.floor(next() * 20));
  }
  return { regs, ranks };
}

describe('SketchArena', () => {
  it('keeps each sketch equal to a HyperLogLog fed the same registers, sparse and dense', () => {
    const p = 12;
    const arena = new SketchArena(p);
    const next = random(7);
    const ids = [arena.create(), arena.create(), arena.create()];
    const refs = ids.map(() => new HyperLogLog(p));
    // Batches grow past registerCount / 4 entries, so every sketch turns dense on the way.
    for (let round = 0; round < 12; round++) {
      ids.forEach((id, k) => {
        const { regs, ranks } = batch(next, p, 30 * (round + 1) * (k + 1));
        arena.add(id, packEntries(regs, ranks));
        regs.forEach((r, i) => {
          refs[k]?.setRegister(r, ranks[i] as number);
        });
        expect(arena.estimate(id)).toBeCloseTo(refs[k]?.estimate() ?? 0, 9);
      });
    }
    ids.forEach((id, k) => {
      const merged = new HyperLogLog(p);
      arena.mergeInto(id, merged);
      expect(merged.estimate()).toBeCloseTo(refs[k]?.estimate() ?? 0, 9);
    });
  });

  it('packs registers sorted with one entry per register at its highest rank', () => {
    expect([...packEntries([5, 1, 5, 3], [2, 9, 7, 1])]).toEqual([(1 << 6) | 9, (3 << 6) | 1, (5 << 6) | 7]);
  });

  it('compacts moved slots and round-trips through its sections without changing a sketch', () => {
    const p = 14;
    const arena = new SketchArena(p);
    const next = random(11);
    const ids = Array.from({ length: 200 }, () => arena.create());
    // Many small additions make slots move (and leave garbage) again and again.
    for (let round = 0; round < 8; round++) {
      for (const id of ids) {
        const { regs, ranks } = batch(next, p, 1 + (id % 40) * round);
        arena.add(id, packEntries(regs, ranks));
      }
    }
    const before = ids.map((id) => arena.estimate(id));
    arena.compact(true);
    expect(ids.map((id) => arena.estimate(id))).toEqual(before);
    const back = SketchArena.fromSections(p, 'x', arena.toSections('x'));
    expect(back.size).toBe(ids.length);
    expect(ids.map((id) => back.estimate(id))).toEqual(before);
    // The copy keeps working: more registers raise the same sketch.
    const merged = new HyperLogLog(p);
    back.mergeInto(3, merged);
    back.add(3, packEntries([0], [40]));
    merged.setRegister(0, 40);
    expect(back.estimate(3)).toBeCloseTo(merged.estimate(), 9);
  });
});
