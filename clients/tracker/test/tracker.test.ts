import { describe, expect, it } from 'vitest';
import { newEventId } from '../src/event-id.ts';
import { optionsFromScript, resolveOptions } from '../src/options.ts';
import { startFromScriptTag } from '../src/script-tag.ts';
import { SESSION_IDLE_MS, SESSION_KEY } from '../src/session.ts';
import { createTracker, type Tracker } from '../src/tracker.ts';
import { FakeHost, type FakeHostOptions, FakeStorage } from './fake-host.ts';

const ENDPOINT = 'https://collect.example/events';
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function start(
  options: FakeHostOptions = {},
  extra: Record<string, unknown> = {},
): { host: FakeHost; tracker: Tracker; warnings: string[] } {
  const host = new FakeHost(options);
  const warnings: string[] = [];
  const tracker = createTracker({ project: 'web', endpoint: ENDPOINT, ...extra }, host, {
    now: () => host.nowMs,
    warn: (m) => warnings.push(m),
  });
  return { host, tracker, warnings };
}

function script(attributes: Record<string, string>, src = 'https://cdn.example/tracker.js') {
  return { src, getAttribute: (name: string) => attributes[name] ?? null };
}

describe('custom events', () => {
  it('track(type, props) sends a plain event of that type with the props, the page and the base fields', async () => {
    const { host, tracker } = start({ url: 'https://site.example/pricing#faq' }, { autoPageviews: false });
    tracker.setUser('u-42');
    tracker.track('signup', {
      plan: 'pro',
      seats: 3,
      annual: true,
      extra: { coupon: 'X' },
      skipped: undefined,
    });
    await host.advance(1_000);
    expect(host.sent).toEqual([
      {
        event_type: 'signup',
        page_url: 'https://site.example/pricing',
        plan: 'pro',
        seats: 3,
        annual: true,
        extra: { coupon: 'X' },
        event_id: expect.stringMatching(UUID_V4),
        timestamp: '2026-01-15T12:00:00.000Z',
        session_id: expect.any(String),
        user_id: 'u-42',
        project_id: 'web',
        environment: 'production',
        version: '1',
      },
    ]);
  });

  it('props cannot overwrite the event’s identity, but may name their own page_url', async () => {
    const { host, tracker } = start({}, { autoPageviews: false, environment: 'staging' });
    tracker.track('click', {
      event_id: 'mine',
      event_type: 'other',
      session_id: 'x',
      project_id: 'p',
      environment: 'e',
      page_url: 'https://site.example/elsewhere',
    });
    await host.advance(1_000);
    expect(host.sent[0]).toMatchObject({
      event_type: 'click',
      project_id: 'web',
      environment: 'staging',
      page_url: 'https://site.example/elsewhere',
    });
    expect(host.sent[0]?.event_id).toMatch(UUID_V4);
    expect(host.sent[0]?.session_id).not.toBe('x');
  });

  it('refuses the typed event types and empty ones with a warning, never an exception', async () => {
    const { host, tracker, warnings } = start({}, { autoPageviews: false });
    tracker.track('page_view');
    tracker.track('video_event');
    tracker.track('');
    await host.advance(5_000);
    expect(host.requests).toHaveLength(0);
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toContain('other than page_view and video_event');
  });

  it('setUser(null) drops user_id from later events', async () => {
    const { host, tracker } = start({}, { autoPageviews: false, userId: 'u-1' });
    tracker.track('a');
    tracker.setUser(null);
    tracker.track('b');
    await host.advance(1_000);
    expect(host.sent.map((e) => e.user_id)).toEqual(['u-1', undefined]);
  });
});

describe('sessions', () => {
  it('keeps one session id across the pages of a tab (sessionStorage, no cookies)', async () => {
    const storage = new FakeStorage();
    const a = start({ storage }, { autoPageviews: false });
    a.tracker.track('x');
    await a.host.advance(1_000);
    const b = start({ storage, now: a.host.nowMs + 60_000 }, { autoPageviews: false });
    b.tracker.track('y');
    await b.host.advance(1_000);
    expect(b.host.sent[0]?.session_id).toBe(a.host.sent[0]?.session_id);
    expect(JSON.parse(storage.getItem(SESSION_KEY) ?? '{}').id).toBe(a.host.sent[0]?.session_id);
    expect(a.host.requests[0]?.init.credentials).toBe('omit');
  });

  it('starts a new session after 30 minutes without events', async () => {
    const { host, tracker } = start({}, { autoPageviews: false });
    tracker.track('x');
    await host.advance(SESSION_IDLE_MS - 1);
    tracker.track('y');
    await host.advance(SESSION_IDLE_MS);
    tracker.track('z');
    await host.advance(1_000);
    const [x, y, z] = host.sent.map((e) => e.session_id);
    expect(y).toBe(x);
    expect(z).not.toBe(y);
  });

  it('works where storage is blocked: the session lasts as long as the page', async () => {
    const { host, tracker } = start({ storage: 'blocked' }, { autoPageviews: false });
    tracker.track('x');
    tracker.track('y');
    await host.advance(1_000);
    const [x, y] = host.sent.map((e) => e.session_id);
    expect(x).toMatch(UUID_V4);
    expect(y).toBe(x);
  });
});

describe('privacy', () => {
  for (const [what, options] of [
    ['Do Not Track', { doNotTrack: '1' }],
    ['Global Privacy Control', { globalPrivacyControl: true }],
  ] as const) {
    it(`sends nothing and stores nothing when the site respects ${what} and the visitor sends it`, async () => {
      const storage = new FakeStorage();
      const { host, tracker } = start({ ...options, storage }, { respectDoNotTrack: true });
      expect(tracker.enabled).toBe(false);
      tracker.track('x');
      tracker.pageview();
      host.setVisible(false);
      host.dispatch('pagehide');
      await host.advance(60_000);
      expect(host.requests).toHaveLength(0);
      expect(storage.data.size).toBe(0);
      expect(host.listenerCount('pagehide')).toBe(0);
    });

    it(`still tracks with ${what} when the site did not opt in to respecting it`, async () => {
      const { host, tracker } = start(options);
      expect(tracker.enabled).toBe(true);
      host.setVisible(false);
      await host.settle();
      expect(host.sent).toHaveLength(1);
    });
  }
});

describe('event ids', () => {
  it('are UUID v4 also where crypto.randomUUID is missing (pages over plain http)', () => {
    const host = new FakeHost({ noRandomUUID: true });
    const made = new Set(Array.from({ length: 1_000 }, () => newEventId(host.crypto)));
    expect(made.size).toBe(1_000);
    for (const id of made) expect(id).toMatch(UUID_V4);
  });
});

describe('options', () => {
  it('need a project and an endpoint, and say which is missing', () => {
    expect(() => resolveOptions({ project: '', endpoint: ENDPOINT })).toThrow(/`project` is required/);
    expect(() => resolveOptions({ project: 'web', endpoint: '' })).toThrow(/`endpoint` is required/);
  });

  it('come from the script tag’s data attributes, the endpoint defaulting to /events of the script’s origin', () => {
    expect(resolveOptions(optionsFromScript(script({ 'data-project': 'web' })))).toEqual({
      project: 'web',
      endpoint: 'https://cdn.example/events',
      apiKey: undefined,
      environment: 'production',
      version: '1',
      respectDoNotTrack: false,
      autoPageviews: true,
      hashRouting: false,
      flushDelayMs: 1000,
      userId: undefined,
    });
    expect(
      resolveOptions(
        optionsFromScript(
          script({
            'data-project': 'web',
            'data-endpoint': 'https://a.example/events',
            'data-key': 'k',
            'data-environment': 'staging',
            'data-version': '2',
            'data-respect-dnt': '',
            'data-auto': 'false',
            'data-hash': 'true',
            'data-user-id': 'u',
            'data-flush-delay-ms': '250',
          }),
        ),
      ),
    ).toMatchObject({
      flushDelayMs: 250,
      endpoint: 'https://a.example/events',
      apiKey: 'k',
      environment: 'staging',
      version: '2',
      respectDoNotTrack: true,
      autoPageviews: false,
      hashRouting: true,
      userId: 'u',
    });
  });
});

describe('flushDelayMs', () => {
  it('is refused, naming the attribute, when it is not a number of milliseconds', () => {
    for (const bad of ['soon', '-5', ''])
      expect(() =>
        resolveOptions(optionsFromScript(script({ 'data-project': 'web', 'data-flush-delay-ms': bad }))),
      ).toThrow(/`flushDelayMs` must be a number of milliseconds.*data-flush-delay-ms/);
    expect(resolveOptions({ project: 'web', endpoint: ENDPOINT, flushDelayMs: 0 }).flushDelayMs).toBe(0);
  });
});

describe('the script tag', () => {
  it('installs window.tracker and replays the calls the page queued before the script arrived', async () => {
    const host = new FakeHost();
    const queued = [['setUser', 'u-7'], ['track', 'signup', { plan: 'pro' }], ['nope']];
    Object.assign(host, { tracker: { q: queued.map((call) => ({ ...call, length: call.length })) } });
    const warnings: string[] = [];
    const api = startFromScriptTag(host, script({ 'data-project': 'web', 'data-endpoint': ENDPOINT }), {
      now: () => host.nowMs,
      warn: (m) => warnings.push(m),
    });
    expect((host as unknown as { tracker: unknown }).tracker).toBe(api);
    api?.('track', 'later', { n: 1 });
    api?.track('direct');
    await host.advance(1_000);
    expect(host.sent.map((e) => [e.event_type, e.user_id])).toEqual([
      ['signup', 'u-7'],
      ['later', 'u-7'],
      ['direct', 'u-7'],
    ]);
    expect(warnings).toEqual([
      'analytics tracker: no method "nope"; use one of track, pageview, setUser, trackVideo, flush',
    ]);
  });

  it('gives the first page view the user a queued setUser names', async () => {
    const host = new FakeHost();
    Object.assign(host, { tracker: { q: [{ 0: 'setUser', 1: 'u-9', length: 2 }] } });
    const api = startFromScriptTag(host, script({ 'data-project': 'web', 'data-endpoint': ENDPOINT }), {
      now: () => host.nowMs,
    });
    expect(api).toBeDefined();
    await host.advance(1_000);
    host.setVisible(false);
    await host.settle();
    const views = host.sent.filter((e) => e.event_type === 'page_view');
    expect(views).toHaveLength(1);
    expect(views[0]?.user_id).toBe('u-9');
  });

  it('warns instead of throwing when the tag lacks data-project', () => {
    const warnings: string[] = [];
    const api = startFromScriptTag(new FakeHost(), script({}), { warn: (m) => warnings.push(m) });
    expect(api).toBeUndefined();
    expect(warnings[0]).toContain('`project` is required');
  });
});
