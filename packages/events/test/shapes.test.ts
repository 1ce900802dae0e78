import { describe, expect, it } from 'vitest';
import { type IngestResult, ingest } from '../src/index.ts';
import { harness, KEY, pageView, post, videoEvent } from './fixtures.ts';

describe('every ingest shape', () => {
  it('CloudEvents structured mode maps attributes and merges object data', async () => {
    const { sink, deps } = await harness();
    const ce = {
      specversion: '1.0',
      id: '3f1d6a52-6f8e-4c53-9a55-0d9f1f3c2b10',
      type: 'page_view',
      source: 'https://rawkode.academy',
      time: '2024-01-15T13:00:00+01:00',
      data: (({ timestamp: _t, event_type: _e, ...rest }) => rest)(pageView()),
    };
    const { answer } = await ingest(post(ce, { 'content-type': 'application/cloudevents+json' }), deps);
    expect(answer.status).toBe(202);
    expect(sink.rows('page_views')[0]).toMatchObject({
      event_id: '3f1d6a52-6f8e-4c53-9a55-0d9f1f3c2b10',
      event_type: 'page_view',
      timestamp: Date.UTC(2024, 0, 15, 12) * 1000,
      page_title: 'Rawkode Academy',
    });
  });

  it('CloudEvents batch mode stores each event in its table', async () => {
    const { sink, deps } = await harness();
    const batch = [
      { specversion: '1.0', type: 'video_event', source: 'player', data: videoEvent() },
      {
        specversion: '1.0',
        type: 'com.example.order.created',
        source: '/shop',
        subject: 'order-7',
        data: { total: 12.5, items: [1, 2] },
      },
      { specversion: '1.0', type: 'com.example.note', source: '/notes', data: 'hello', ext1: 'x' },
    ];
    const { answer } = await ingest(
      post(batch, { 'content-type': 'application/cloudevents-batch+json' }),
      deps,
    );
    expect((answer.body as IngestResult).accepted).toBe(3);
    expect(sink.rows('video_events')).toHaveLength(1);
    const custom = sink.rows('custom_events');
    expect(custom.map((r) => [r.event_type, r.source, r.subject])).toEqual([
      ['com.example.order.created', '/shop', 'order-7'],
      ['com.example.note', '/notes', null],
    ]);
    expect(JSON.parse(String(custom[0]?.properties))).toEqual({ total: 12.5, items: [1, 2] });
    expect(JSON.parse(String(custom[1]?.properties))).toEqual({ data: 'hello', extensions: { ext1: 'x' } });
  });

  it('CloudEvents binary mode reads ce-* headers and the body as data', async () => {
    const { sink, deps } = await harness();
    const request = new Request('https://c/events', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': KEY,
        'ce-specversion': '1.0',
        'ce-type': 'com.example.signup',
        'ce-source': '/app',
        'ce-id': '0e3c2ab4-8d6c-4f36-8f2c-6f1f3f2b2a11',
        'ce-time': '2024-01-15T12:00:00Z',
        'ce-tenant': 'acme%20corp',
      },
      body: JSON.stringify({ plan: 'pro', project_id: 'rawkode-academy' }),
    });
    const { answer } = await ingest(request, deps);
    expect(answer.body).toMatchObject({
      events: [{ event_id: '0e3c2ab4-8d6c-4f36-8f2c-6f1f3f2b2a11', status: 'accepted' }],
    });
    expect(sink.rows('custom_events')[0]).toMatchObject({
      event_type: 'com.example.signup',
      source: '/app',
      project_id: 'rawkode-academy',
      timestamp: Date.UTC(2024, 0, 15, 12) * 1000,
    });
    expect(JSON.parse(String(sink.rows('custom_events')[0]?.properties))).toEqual({
      plan: 'pro',
      extensions: { tenant: 'acme corp' },
    });
  });

  it('a bare JSON array is a batch; plain events of other types go to user_actions', async () => {
    const { sink, deps } = await harness();
    const { answer } = await ingest(
      post([pageView(), { event_type: 'button_click', button: 'signup', session_id: 's' }]),
      deps,
    );
    expect((answer.body as IngestResult).accepted).toBe(2);
    expect(sink.rows('user_actions')[0]).toMatchObject({ event_type: 'button_click', session_id: 's' });
    expect(JSON.parse(String(sink.rows('user_actions')[0]?.properties))).toEqual({ button: 'signup' });
  });

  it('an { events } batch may hold CloudEvents beside plain events', async () => {
    const { sink, deps } = await harness();
    const { answer } = await ingest(
      post({ events: [pageView(), { specversion: '1.0', type: 'x.y', source: 's' }] }),
      deps,
    );
    expect((answer.body as IngestResult).accepted).toBe(2);
    expect(sink.rows('custom_events')).toHaveLength(1);
  });

  it('a text/plain body (what browser trackers send without a CORS preflight) is read as JSON', async () => {
    const { sink, deps } = await harness();
    const { answer } = await ingest(
      post(
        { events: [pageView(), { event_type: 'signup', plan: 'pro', session_id: 's' }] },
        { 'content-type': 'text/plain;charset=UTF-8' },
      ),
      deps,
    );
    expect(answer.status).toBe(202);
    expect((answer.body as IngestResult).accepted).toBe(2);
    expect(sink.rows('page_views')).toHaveLength(1);
    expect(sink.rows('user_actions')[0]).toMatchObject({ event_type: 'signup', session_id: 's' });
  });

  it('an empty batch is accepted with nothing stored', async () => {
    const { sink, deps } = await harness();
    const { answer } = await ingest(post({ events: [] }), deps);
    expect(answer).toEqual({
      status: 202,
      body: { accepted: 0, duplicates: 0, rejected: 0, events: [], errors: [] },
    });
    expect(sink.size).toBe(0);
  });
});

describe('timestamps', () => {
  it('are stored as UTC microseconds whatever the offset, with sub-millisecond digits kept', async () => {
    const { sink, deps } = await harness();
    await ingest(post({ events: [pageView({ timestamp: '2024-01-15T14:00:00.123456+02:00' })] }), deps);
    expect(sink.rows('page_views')[0]?.timestamp).toBe(Date.UTC(2024, 0, 15, 12) * 1000 + 123_456);
  });

  it('default to the time of receipt when missing', async () => {
    const { sink, deps } = await harness();
    await ingest(post((({ timestamp: _t, ...rest }) => rest)(pageView())), deps);
    expect(sink.rows('page_views')[0]?.timestamp).toBe(deps.now() * 1000);
    expect(sink.rows('page_views')[0]?.received_at).toBe(deps.now() * 1000);
  });
});

describe('duplicates', () => {
  it('an event id already stored is reported as a duplicate and not stored again', async () => {
    const { sink, deps } = await harness();
    const event = pageView({ event_id: '5b7e3a0e-2f54-4b8e-9d38-3c1a3d0e9f21' });
    await ingest(post(event), deps);
    const { answer } = await ingest(post({ events: [event, event] }), deps);
    expect(answer.body).toMatchObject({ accepted: 0, duplicates: 2 });
    expect(sink.rows('page_views')).toHaveLength(1);
  });

  it('the same id twice in one request stores one event', async () => {
    const { sink, deps } = await harness();
    const event = pageView({ event_id: '5b7e3a0e-2f54-4b8e-9d38-3c1a3d0e9f22' });
    const { answer } = await ingest(post({ events: [event, event] }), deps);
    expect(answer.body).toMatchObject({
      accepted: 1,
      duplicates: 1,
      events: [
        { index: 0, status: 'accepted' },
        { index: 1, status: 'duplicate' },
      ],
    });
    expect(sink.rows('page_views')).toHaveLength(1);
  });
});

describe('timestamps', () => {
  it('reads UTC and offset forms alike, to the microsecond, and refuses impossible dates', async () => {
    const { timestampMicros } = await import('../src/index.ts');
    const base = Date.UTC(2024, 0, 15, 12) * 1000;
    expect(timestampMicros('2024-01-15T12:00:00Z')).toBe(base);
    expect(timestampMicros('2024-01-15T12:00:00.123456789Z')).toBe(base + 123_456);
    expect(timestampMicros('2024-01-15T13:00:00.5+01:00')).toBe(base + 500_000);
    expect(timestampMicros('2024-02-29T00:00:00Z')).toBe(Date.UTC(2024, 1, 29) * 1000);
    expect(timestampMicros('2024-01-15T12:00:00.1Z')).toBe(base + 100_000);
    expect(timestampMicros('0099-01-01T00:00:00Z')).toBe(Date.parse('0099-01-01T00:00:00Z') * 1000);
    // Every form the fast path refuses still reads through the general one.
    expect(timestampMicros('2024-01-15 12:00:00Z')).toBe(base);
    expect(timestampMicros('2024-01-15T12:00:00z')).toBe(base);
    expect(timestampMicros('2024-01-15T12:00Z')).toBe(base);
    for (const bad of [
      '2026-02-29T00:00:00Z',
      '2026-02-30T00:00:00Z',
      '2016-12-31T23:59:60Z',
      '2024-13-01T00:00:00Z',
    ])
      expect(() => timestampMicros(bad)).toThrow(/ISO 8601/);
  });
});

describe('canonical timestamps', () => {
  it('keeps what toISOString writes as sent and rewrites every other accepted form to it', async () => {
    const { isCanonicalIso, isoFromMicros, timestampMicros } = await import('../src/index.ts');
    for (const iso of ['2024-01-15T12:00:00.123Z', '1970-01-01T00:00:00.000Z', '2024-02-29T23:59:59.999Z']) {
      expect(isCanonicalIso(iso)).toBe(true);
      expect(isoFromMicros(timestampMicros(iso))).toBe(iso);
    }
    for (const other of [
      '2024-01-15T12:00:00Z',
      '2024-01-15T12:00:00.1Z',
      '2024-01-15T12:00:00.123456Z',
      '2024-01-15T13:00:00.123+01:00',
      '2024-01-15 12:00:00.123Z',
      '0999-01-15T12:00:00.123Z',
    ])
      expect(isCanonicalIso(other)).toBe(false);
    const { deps, sink } = await harness();
    await ingest(post({ events: [pageView({ timestamp: '2024-01-15T13:00:00.5+01:00' })] }), deps);
    await ingest(post({ events: [pageView({ timestamp: '2024-01-15T12:00:00.250Z' })] }), deps);
    expect(sink.rows('page_views').map((r) => r.timestamp)).toEqual([
      Date.UTC(2024, 0, 15, 12, 0, 0, 500) * 1000,
      Date.UTC(2024, 0, 15, 12, 0, 0, 250) * 1000,
    ]);
  });
});

describe('UTF-8 lengths and key hashes', () => {
  it('counts UTF-8 bytes of every kind of character', async () => {
    const { utf8Length } = await import('../src/index.ts');
    expect(utf8Length('')).toBe(0);
    expect(utf8Length('abc')).toBe(3);
    expect(utf8Length('é')).toBe(2);
    expect(utf8Length('€')).toBe(3);
    expect(utf8Length('😀')).toBe(4);
    expect(utf8Length('x'.repeat(200_000) + '😀')).toBe(200_004);
    expect(utf8Length('abc')).toBe(3);
  });

  it('hashes keys exactly as Web Crypto does', async () => {
    const { sha256Hex } = await import('../src/index.ts');
    for (const text of ['', 'dev-api-key', 'ключ-🔑', 'x'.repeat(1000)]) {
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
      const expected = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
      expect(await sha256Hex(text)).toBe(expected);
    }
  });
});
