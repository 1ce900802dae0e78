import { expect, it } from 'vitest';
import { RECENT_KEEP_MS, type RecentBatch, RecentEvents, type RecentRow } from './recent-events.ts';

const MINUTE = 60_000;
const t0 = Date.UTC(2024, 0, 1);

/** A batch of page views at the given times (ids `e<ms>`), newest as given or the latest row. */
function batch(times: number[], newestMs = Math.max(...times)): RecentBatch {
  return {
    newestMs,
    ms: times,
    eventId: times.map((ms) => `e${ms}`),
    pageView: times.map(() => true),
    visitor: times.map((ms) => `v${ms % 7}`),
    session: times.map((ms) => `s${ms % 5}`),
    pageUrl: times.map((ms) => `/p/${ms % 3}`),
    pageTitle: times.map(() => null),
    timeOnPage: times.map((ms) => (ms % 2 === 0 ? 10 : null)),
    projectId: times.map(() => 'academy'),
    environment: times.map(() => 'production'),
  };
}

function rows(r: RecentEvents, from = Number.NEGATIVE_INFINITY, to = Number.POSITIVE_INFINITY) {
  const out: RecentRow[] = [];
  r.scan(from, to, (row) => out.push({ ...row }));
  return out;
}

it('keeps the hour before the newest event, and promises nothing earlier', () => {
  const r = new RecentEvents();
  expect(r.coveredFromMs).toBe(Number.NEGATIVE_INFINITY);
  const times = Array.from({ length: 180 }, (_, i) => t0 + i * MINUTE); // three hours
  r.add(batch(times), Number.POSITIVE_INFINITY);
  const newest = t0 + 179 * MINUTE;
  expect(r.coveredFromMs).toBe(newest - RECENT_KEEP_MS);
  expect(r.size).toBe(62);
  expect(r.has(`e${newest}`)).toBe(true);
  expect(r.has(`e${t0}`)).toBe(false);
  expect(rows(r, newest - 10 * MINUTE, newest).map((x) => x.ms)).toEqual(
    Array.from({ length: 10 }, (_, i) => newest - (10 - i) * MINUTE),
  );
});

it('moves forward with later batches, keeps late events still in the hour, drops older ones', () => {
  const r = new RecentEvents();
  r.add(batch([t0, t0 + 30 * MINUTE, t0 + 60 * MINUTE]), Number.POSITIVE_INFINITY);
  expect(r.size).toBe(3);
  const late = t0 + 50 * MINUTE;
  const tooLate = t0 + 5 * MINUTE;
  r.add(batch([t0 + 90 * MINUTE, late, tooLate]), Number.POSITIVE_INFINITY);
  expect(r.coveredFromMs).toBe(t0 + 90 * MINUTE - RECENT_KEEP_MS);
  expect(
    rows(r)
      .map((x) => x.ms)
      .sort(),
  ).toEqual([t0 + 30 * MINUTE, late, t0 + 60 * MINUTE, t0 + 90 * MINUTE]);
  // Strings survive the rebuild of the dictionary.
  expect(rows(r, late, late + 1)[0]).toMatchObject({
    eventId: `e${late}`,
    visitor: `v${late % 7}`,
    pageUrl: `/p/${late % 3}`,
    timeOnPage: 10,
    projectId: 'academy',
  });
  // An older batch never moves the promise back.
  r.add(batch([t0]), Number.POSITIVE_INFINITY);
  expect(r.coveredFromMs).toBe(t0 + 90 * MINUTE - RECENT_KEEP_MS);
  expect(r.has(`e${t0}`)).toBe(false);
});

it('counts back from now when the newest event claims a later time (a skewed clock)', () => {
  const r = new RecentEvents();
  const now = t0 + 10 * 60 * MINUTE;
  r.add(batch([now - 30 * MINUTE, now + 365 * 24 * 60 * MINUTE]), now);
  expect(r.coveredFromMs).toBe(now - RECENT_KEEP_MS);
  expect(r.size).toBe(2);
});

it('survives a round trip through its sections', () => {
  const r = new RecentEvents();
  r.add(batch(Array.from({ length: 100 }, (_, i) => t0 + i * 30_000)), Number.POSITIVE_INFINITY);
  const { strings, arrays } = r.toSections();
  const back = RecentEvents.fromSections(strings, arrays);
  expect(back.coveredFromMs).toBe(r.coveredFromMs);
  expect(rows(back)).toEqual(rows(r));
  expect(back.has(`e${t0}`)).toBe(true);
  // Newest at 100 min: rows from 39 min on are kept (i = 78..99), plus the new one.
  back.add(batch([t0 + 200 * 30_000]), Number.POSITIVE_INFINITY);
  expect(back.size).toBe(23);
});
