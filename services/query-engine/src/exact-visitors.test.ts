import { expect, it } from 'vitest';
import { ExactVisitors } from './exact-visitors.ts';

it('counts distinct keys over a range of days as the union of each day', () => {
  const v = new ExactVisitors();
  for (let k = 0; k < 5_000; k++) v.add('page_view', 10, k); // day 10: 0..4999
  for (let k = 4_000; k < 9_000; k++) v.add('page_view', 11, k); // day 11: 4000..8999
  v.add('page_view', 11, 4_000); // duplicates do not count
  v.add('video_event', 11, 1);
  expect(v.count('page_view', 10, 11)).toBe(5_000);
  expect(v.count('page_view', 10, 12)).toBe(9_000);
  expect(v.count('page_view', 12, 20)).toBe(0);
  expect(v.count('video_event', 0, 100)).toBe(1);
  expect(v.count('purchase', 0, 100)).toBe(0);
});

it('survives a round trip through its sections, keys and all', () => {
  const v = new ExactVisitors();
  // Keys up to 2^53, as the 53-bit visitor hashes are; enough to rehash the table several times.
  const key = (k: number) => k * 2_654_435_761 * 128 + (k % 7);
  for (let k = 0; k < 20_000; k++) v.add('page_view', 100 + (k % 3), key(k));
  for (let k = 0; k < 50; k++) v.add('click', 101, key(k));
  const { strings, arrays } = v.toSections();
  const back = ExactVisitors.fromSections(strings, arrays);
  expect(back.size).toBe(20_000);
  expect(back.count('page_view', 100, 103)).toBe(20_000);
  expect(back.count('page_view', 101, 102)).toBe(v.count('page_view', 101, 102));
  expect(back.keys('click', 0, 200).sort((a, b) => a - b)).toEqual(
    Array.from({ length: 50 }, (_, k) => key(k)).sort((a, b) => a - b),
  );
  back.add('click', 101, key(0)); // an old key keeps its id
  expect(back.size).toBe(20_000);
});
