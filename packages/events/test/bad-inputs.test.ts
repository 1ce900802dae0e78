import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, type ErrorBody, type IngestResult, ingest } from '../src/index.ts';
import { harness, KEY, pageView, post, videoEvent } from './fixtures.ts';

interface Case {
  readonly name: string;
  readonly request: () => Request;
  readonly status: number;
  readonly kind: string;
  /** Words the message must contain, so it names the problem. */
  readonly mentions: readonly string[];
  readonly field?: string;
}

const bigTitle = 'x'.repeat(70_000);

// Issue 5, "Done when" 2: each bad input, its status and what the message must name.
const cases: readonly Case[] = [
  {
    name: 'invalid JSON',
    request: () => post('{"event_type": "page_view",'),
    status: 400,
    kind: 'invalid_json',
    mentions: ['not valid JSON'],
  },
  { name: 'empty body', request: () => post(''), status: 400, kind: 'invalid_json', mentions: ['empty'] },
  {
    name: 'wrong content type',
    request: () => post(JSON.stringify(pageView()), { 'content-type': 'text/html' }),
    status: 415,
    kind: 'unsupported_media_type',
    mentions: ['text/html', 'application/json'],
  },
  {
    name: 'missing content type',
    request: () =>
      new Request('https://c/events', {
        method: 'POST',
        headers: { 'x-api-key': KEY },
        body: new Uint8Array([123, 125]),
      }),
    status: 415,
    kind: 'unsupported_media_type',
    mentions: ['missing'],
  },
  {
    name: 'missing required field',
    request: () => post((({ page_url: _u, ...rest }) => rest)(pageView())),
    status: 422,
    kind: 'all_events_invalid',
    mentions: ['page_url', 'missing'],
    field: 'page_url',
  },
  {
    name: 'wrong field type',
    request: () => post(videoEvent({ position: 'ten' })),
    status: 422,
    kind: 'all_events_invalid',
    mentions: ['position', 'number', '"ten"'],
    field: 'position',
  },
  {
    name: 'bad timestamp',
    request: () => post(pageView({ timestamp: 'yesterday' })),
    status: 422,
    kind: 'all_events_invalid',
    mentions: ['timestamp', 'ISO 8601', '"yesterday"'],
    field: 'timestamp',
  },
  {
    name: 'impossible date',
    request: () => post(pageView({ timestamp: '2024-02-30T10:00:00Z' })),
    status: 422,
    kind: 'all_events_invalid',
    mentions: ['timestamp'],
    field: 'timestamp',
  },
  {
    name: 'unknown video action',
    request: () => post(videoEvent({ action: 'rewind' })),
    status: 422,
    kind: 'all_events_invalid',
    mentions: ['action', 'play, pause, seek, complete, error', '"rewind"'],
    field: 'action',
  },
  {
    name: 'oversized body',
    request: () =>
      post({ events: Array.from({ length: 40 }, () => pageView({ page_title: 'y'.repeat(30_000) })) }),
    status: 413,
    kind: 'payload_too_large',
    mentions: ['bytes', String(DEFAULT_LIMITS.maxBodyBytes)],
  },
  {
    name: 'too many events',
    request: () => post({ events: Array.from({ length: DEFAULT_LIMITS.maxEventsPerBatch + 1 }, () => ({})) }),
    status: 413,
    kind: 'payload_too_large',
    mentions: [String(DEFAULT_LIMITS.maxEventsPerBatch + 1), String(DEFAULT_LIMITS.maxEventsPerBatch)],
  },
  {
    name: 'one event over the event size limit',
    request: () => post({ events: [pageView(), pageView({ page_title: bigTitle })] }),
    status: 413,
    kind: 'payload_too_large',
    mentions: ['event 1', String(DEFAULT_LIMITS.maxEventBytes)],
  },
  {
    name: 'missing key',
    request: () => post(pageView(), { 'x-api-key': '' }),
    status: 401,
    kind: 'missing_api_key',
    mentions: ['X-API-Key', 'required'],
  },
  {
    name: 'wrong key',
    request: () => post(pageView(), { 'x-api-key': 'not-the-key' }),
    status: 403,
    kind: 'invalid_api_key',
    mentions: ['X-API-Key', 'not a valid'],
  },
  {
    name: 'events that is not an array',
    request: () => post({ events: 'lots' }),
    status: 400,
    kind: 'invalid_shape',
    mentions: ['events', 'array'],
  },
  {
    name: 'a JSON scalar body',
    request: () => post('42'),
    status: 400,
    kind: 'invalid_shape',
    mentions: ['JSON object'],
  },
  {
    name: 'a CloudEvent without source',
    request: () =>
      post({ specversion: '1.0', type: 'test.event' }, { 'content-type': 'application/cloudevents+json' }),
    status: 422,
    kind: 'all_events_invalid',
    mentions: ['source', 'missing'],
    field: 'source',
  },
  {
    name: 'a CloudEvent of another specversion',
    request: () =>
      post(
        { specversion: '0.3', type: 't', source: 's' },
        { 'content-type': 'application/cloudevents+json' },
      ),
    status: 422,
    kind: 'all_events_invalid',
    mentions: ['specversion', '1.0'],
    field: 'specversion',
  },
];

describe('each bad input is answered with a 4xx naming the problem, and nothing is stored', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const { sink, deps } = await harness();
      const { answer } = await ingest(c.request(), deps);
      expect(answer.status).toBe(c.status);
      const body = answer.body as ErrorBody;
      expect(body.error.kind).toBe(c.kind);
      for (const word of c.mentions) expect(body.error.message).toContain(word);
      if (c.field !== undefined) expect(body.errors?.[0]?.field).toBe(c.field);
      expect(sink.size).toBe(0);
    });
  }
});

describe('a batch with good and bad events', () => {
  it('stores the good ones and reports each bad one by index, field and problem', async () => {
    const { sink, deps } = await harness();
    const events = [
      pageView({ event_id: '11111111-1111-4111-8111-111111111111' }),
      videoEvent({ action: 'rewind' }),
      pageView({ timestamp: 'not a time' }),
      videoEvent({ event_id: '22222222-2222-4222-8222-222222222222' }),
      'not an object',
      (({ session_id: _s, ...rest }) => rest)(pageView()),
    ];
    const { answer } = await ingest(post({ events }), deps);
    expect(answer.status).toBe(202);
    expect(answer.body).toMatchObject({
      accepted: 2,
      duplicates: 0,
      rejected: 4,
      events: [
        { index: 0, event_id: '11111111-1111-4111-8111-111111111111', status: 'accepted' },
        { index: 3, event_id: '22222222-2222-4222-8222-222222222222', status: 'accepted' },
      ],
    });
    const errors = (answer.body as IngestResult).errors;
    expect(errors.map((e) => [e.index, e.field])).toEqual([
      [1, 'action'],
      [2, 'timestamp'],
      [4, ''],
      [5, 'session_id'],
    ]);
    expect(errors[2]?.message).toContain('JSON object');
    expect(sink.rows('page_views').map((r) => r.event_id)).toEqual(['11111111-1111-4111-8111-111111111111']);
    expect(sink.rows('video_events').map((r) => r.event_id)).toEqual([
      '22222222-2222-4222-8222-222222222222',
    ]);
  });

  it('reports every problem of one event, not only the first', async () => {
    const { deps } = await harness();
    const { answer } = await ingest(
      post(videoEvent({ action: 'rewind', position: 'x', duration: undefined })),
      deps,
    );
    const fields = ((answer.body as ErrorBody).errors ?? []).map((e) => e.field).sort();
    expect(fields).toEqual(['action', 'duration', 'position']);
  });

  it('names CloudEvent data members by their path in the CloudEvent', async () => {
    const { deps } = await harness();
    const ce = {
      specversion: '1.0',
      type: 'video_event',
      source: 'player',
      data: videoEvent({ position: 'x' }),
    };
    const { answer } = await ingest(post(ce, { 'content-type': 'application/cloudevents+json' }), deps);
    expect((answer.body as ErrorBody).errors?.[0]).toMatchObject({ field: 'data.position' });
    expect((answer.body as ErrorBody).errors?.[0]?.message).toContain("'data.position'");
  });

  it('rejects a sender event_id that is not a UUID', async () => {
    const { deps } = await harness();
    const { answer } = await ingest(post(pageView({ event_id: 'abc' })), deps);
    expect(answer.status).toBe(422);
    expect((answer.body as ErrorBody).errors?.[0]?.field).toBe('event_id');
  });
});
