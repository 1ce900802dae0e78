import { describe, expect, it } from 'vitest';
import { bodyOf, LIMITS, type QueuedEvent, splitIntoBatches, utf8Bytes } from '../src/batches.ts';
import { backoffMs, isRetryable, MAX_ATTEMPTS, PENDING_KEY } from '../src/delivery.ts';
import { createTracker, type Tracker } from '../src/tracker.ts';
import { FakeHost, type FakeHostOptions, FakeStorage } from './fake-host.ts';

const ENDPOINT = 'https://collect.example/events';

function start(
  options: FakeHostOptions = {},
  extra: Record<string, unknown> = {},
): { host: FakeHost; tracker: Tracker; warnings: string[] } {
  const host = new FakeHost(options);
  const warnings: string[] = [];
  const tracker = createTracker(
    { project: 'web', endpoint: ENDPOINT, autoPageviews: false, ...extra },
    host,
    { now: () => host.nowMs, warn: (m) => warnings.push(m) },
  );
  return { host, tracker, warnings };
}

const ids = (events: Record<string, unknown>[]) => events.map((e) => e.event_id);

describe('batching', () => {
  it('sends the events of a burst together, one second after the first, as text/plain without credentials', async () => {
    const { host, tracker } = start();
    for (let i = 0; i < 5; i++) tracker.track('click', { n: i });
    await host.advance(999);
    expect(host.requests).toHaveLength(0);
    await host.advance(1);
    expect(host.requests).toHaveLength(1);
    const [request] = host.requests;
    expect(request?.url).toBe(ENDPOINT);
    expect(request?.init).toMatchObject({
      method: 'POST',
      keepalive: true,
      credentials: 'omit',
      mode: 'cors',
      headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
    });
    expect(request?.events.map((e) => e.n)).toEqual([0, 1, 2, 3, 4]);
  });

  it('sends the key in X-API-Key when the site configured one', async () => {
    const { host, tracker } = start({}, { apiKey: 'site-key' });
    tracker.track('click');
    await host.advance(1_000);
    expect(host.requests[0]?.init.headers).toEqual({
      'Content-Type': 'text/plain;charset=UTF-8',
      'X-API-Key': 'site-key',
    });
  });

  it('sends at once, without waiting, when the page is hidden', async () => {
    const { host, tracker } = start();
    tracker.track('click');
    host.setVisible(false);
    await host.settle();
    expect(host.requests).toHaveLength(1);
  });

  it('splits bodies at 500 events and at 64 KiB (the keepalive budget), keeping order', () => {
    const event = (i: number, size: number): QueuedEvent => {
      const json = JSON.stringify({ event_id: `e${i}`, pad: 'x'.repeat(size) });
      return { id: `e${i}`, json, bytes: utf8Bytes(json), attempts: 0 };
    };
    const small = Array.from({ length: 1_234 }, (_, i) => event(i, 1));
    const byCount = splitIntoBatches(small);
    expect(byCount.map((b) => b.length)).toEqual([500, 500, 234]);
    const large = Array.from({ length: 10 }, (_, i) => event(i, 20_000));
    const bySize = splitIntoBatches(large);
    expect(bySize.map((b) => b.length)).toEqual([3, 3, 3, 1]);
    for (const batch of [...byCount, ...bySize])
      expect(utf8Bytes(bodyOf(batch))).toBeLessThanOrEqual(LIMITS.maxBodyBytes);
    expect(bySize.flat().map((e) => e.id)).toEqual(large.map((e) => e.id));
    // An event as large as the collector allows travels alone.
    const huge = event(99, 65_490);
    expect(huge.bytes).toBeLessThanOrEqual(LIMITS.maxEventBytes);
    expect(splitIntoBatches([event(1, 1), huge, event(2, 1)]).map((b) => b.length)).toEqual([1, 1, 1]);
  });

  it('measures UTF-8 bytes as the collector does', () => {
    expect(utf8Bytes('aé€😀')).toBe(1 + 2 + 3 + 4);
  });

  it('drops an event larger than the collector’s 64 KiB limit, with a warning, and sends the rest', async () => {
    const { host, tracker, warnings } = start();
    tracker.track('big', { blob: 'x'.repeat(70_000) });
    tracker.track('small');
    await host.advance(1_000);
    expect(host.sent.map((e) => e.event_type)).toEqual(['small']);
    expect(warnings[0]).toMatch(/dropped a big event of \d+ bytes; the collector takes at most 65536/);
  });
});

describe('retries', () => {
  it('resends the same events, same ids, after a network failure and a 503, with growing backoff', async () => {
    const { host, tracker } = start();
    host.answers.push('network', 503);
    tracker.track('signup', { plan: 'pro' });
    tracker.track('click');
    await host.advance(1_000);
    expect(host.requests).toHaveLength(1);
    await host.advance(999);
    expect(host.requests).toHaveLength(1); // backoff 1 s
    await host.advance(1);
    expect(host.requests).toHaveLength(2);
    await host.advance(1_999);
    expect(host.requests).toHaveLength(2); // backoff 2 s
    await host.advance(1);
    expect(host.requests).toHaveLength(3);
    const [first, second, third] = host.requests.map((r) => r.init.body);
    expect(second).toBe(first);
    expect(third).toBe(first);
    await host.advance(120_000);
    expect(host.requests).toHaveLength(3); // accepted: nothing more to send
  });

  it('does not resend what the collector refused (4xx), and says so', async () => {
    const { host, tracker, warnings } = start();
    host.answers.push(422);
    tracker.track('bad');
    await host.advance(60_000);
    expect(host.requests).toHaveLength(1);
    expect(warnings).toEqual(['analytics tracker: the collector refused 1 events (HTTP 422)']);
  });

  it('retries 408, 429, 5xx and no answer; nothing else', () => {
    expect([0, 408, 429, 500, 503].every(isRetryable)).toBe(true);
    expect([200, 202, 400, 401, 403, 413, 415, 422].some(isRetryable)).toBe(false);
    expect([1, 2, 3, 7, 8, 20].map(backoffMs)).toEqual([1_000, 2_000, 4_000, 60_000, 60_000, 60_000]);
  });

  it(`gives up after ${MAX_ATTEMPTS} attempts`, async () => {
    const { host, tracker, warnings } = start();
    host.answers.push(...Array.from({ length: 20 }, () => 503));
    tracker.track('click');
    await host.advance(3_600_000);
    expect(host.requests).toHaveLength(MAX_ATTEMPTS);
    expect(warnings).toEqual([`analytics tracker: gave up on 1 events after ${MAX_ATTEMPTS} attempts`]);
    expect(host.timerCount).toBe(0);
  });

  it('sends at once when the browser comes back online', async () => {
    const { host, tracker } = start();
    host.answers.push('network');
    tracker.track('click');
    await host.advance(1_000);
    host.dispatch('online');
    await host.settle();
    expect(host.requests).toHaveLength(2);
    expect(host.requests[1]?.init.body).toBe(host.requests[0]?.init.body);
  });

  it('keeps failed events in sessionStorage so the next page of the session resends them, ids unchanged', async () => {
    const storage = new FakeStorage();
    const first = start({ storage });
    first.host.answers.push('network', 'gone');
    first.tracker.track('signup', { plan: 'pro' });
    await first.host.advance(1_000);
    expect(storage.getItem(PENDING_KEY)).not.toBeNull();
    const failedId = first.host.sent[0]?.event_id;
    // The visitor goes to the next page before the retry: the page sends it as it leaves,
    // but is gone before the answer comes.
    first.host.dispatch('pagehide');
    expect(first.host.requests).toHaveLength(2);

    const next = start({ storage, url: 'https://site.example/next' });
    await next.host.advance(1_000);
    expect(ids(next.host.sent)).toContain(failedId);
    expect(next.host.sent.filter((e) => e.event_id === failedId)).toHaveLength(1);
    expect(storage.getItem(PENDING_KEY)).toBeNull(); // acknowledged
  });

  it('keeps what a page sends while offline as it leaves', async () => {
    const storage = new FakeStorage();
    const { host, tracker } = start({ storage });
    host.navigator.onLine = false;
    host.answers.push('gone');
    tracker.track('click');
    host.dispatch('pagehide'); // the keepalive send goes out, but nobody will see its answer
    const saved = JSON.parse(storage.getItem(PENDING_KEY) ?? '[]') as { json: string }[];
    expect(saved.map((s) => JSON.parse(s.json).event_type)).toEqual(['click']);
  });

  it('leaves nothing in storage after a send that went through', async () => {
    const storage = new FakeStorage();
    const { host, tracker } = start({ storage });
    tracker.track('click');
    host.dispatch('pagehide');
    await host.settle();
    expect(storage.getItem(PENDING_KEY)).toBeNull();
  });

  it('falls back to sendBeacon when fetch refuses outright', async () => {
    const { host, tracker } = start();
    host.fetch = () => {
      throw new TypeError('keepalive not supported');
    };
    tracker.track('click');
    host.dispatch('pagehide');
    await host.settle();
    expect(host.beacons).toHaveLength(1);
    expect(host.beacons[0]?.url).toBe(ENDPOINT);
    expect(JSON.parse(host.beacons[0]?.data ?? '{}').events[0].event_type).toBe('click');
  });
});
