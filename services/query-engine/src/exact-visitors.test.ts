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
  v.clear();
  expect(v.count('page_view', 10, 12)).toBe(0);
});
