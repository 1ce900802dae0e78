import { expect, it } from 'vitest';
import { WatchPairs } from './watch-pairs.ts';

/** The hour cells' watch sums as `WatchPairs` reports them, by "video:hour". */
function cells() {
  const sums = new Map<string, number>();
  const delta = (video: number, hour: number, d: number) => {
    sums.set(`${video}:${hour}`, (sums.get(`${video}:${hour}`) ?? 0) + d);
  };
  const over = (video: number, from: number, to: number) => {
    let s = 0;
    for (const [k, v] of sums) {
      const [vid, h] = k.split(':').map(Number) as [number, number];
      if (vid === video && h >= from && h < to) s += v;
    }
    return s;
  };
  return { delta, over };
}

it('a pair seen in one hour adds its furthest position to that hour only', () => {
  const w = new WatchPairs();
  const c = cells();
  w.add(101, 1, 10, 30, c.delta);
  w.add(101, 1, 10, 20, c.delta); // not further: no change
  w.add(101, 1, 10, 45, c.delta);
  w.add(202, 1, 11, 60, c.delta);
  expect(c.over(1, 10, 11)).toBe(45);
  expect(c.over(1, 10, 12)).toBe(105);
  expect(w.spanningPairs).toBe(0);
  expect(w.spanningWatch(1, 0, 100)).toBe(0);
});

it('a pair seen in a second hour leaves the cells and counts its furthest position over the range asked', () => {
  const w = new WatchPairs();
  const c = cells();
  w.add(7, 2, 10, 100, c.delta);
  w.add(7, 2, 12, 300, c.delta); // hours later (a rewatch, or another commit)
  w.add(7, 2, 11, 200, c.delta);
  w.add(7, 2, 11, 250, c.delta);
  w.add(8, 2, 11, 40, c.delta); // single-hour pair of the same video
  const total = (from: number, to: number) => c.over(2, from, to) + w.spanningWatch(2, from, to);
  expect(w.spanningPairs).toBe(1);
  expect(total(10, 11)).toBe(100);
  expect(total(10, 12)).toBe(250 + 40);
  expect(total(11, 13)).toBe(300 + 40);
  expect(total(0, 100)).toBe(300 + 40);
  expect(total(13, 20)).toBe(0);
  expect(w.spanningWatch(3, 0, 100)).toBe(0); // another video
});

it('survives a round trip through its sections', () => {
  const w = new WatchPairs();
  const c = cells();
  // Keys up to 2^53; enough pairs to grow every array, a third of them spanning.
  const key = (k: number) => k * 2_654_435_761 * 128 + (k % 7);
  for (let k = 0; k < 5_000; k++) w.add(key(k), k % 40, 1_000 + (k % 24), k % 500, c.delta);
  for (let k = 0; k < 5_000; k += 3) w.add(key(k), k % 40, 1_030, 600 + (k % 11), c.delta);
  const back = WatchPairs.fromSections('w', w.toSections('w'));
  expect(back.size).toBe(5_000);
  expect(back.spanningPairs).toBe(w.spanningPairs);
  for (let v = 0; v < 40; v++) {
    expect(back.spanningWatch(v, 1_000, 1_031)).toBe(w.spanningWatch(v, 1_000, 1_031));
    expect(back.spanningWatch(v, 1_005, 1_012)).toBe(w.spanningWatch(v, 1_005, 1_012));
  }
  // A known pair keeps its state: a further position in its hour adds only the difference.
  const seen: number[] = [];
  back.add(key(1), 1, 1_001, 499, (_v, _h, d) => seen.push(d));
  expect(seen).toEqual([499 - 1]);
});
