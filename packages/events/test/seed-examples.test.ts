import { describe, expect, it } from 'vitest';
import { ingest } from '../src/index.ts';
import { harness, KEY, pageView, post } from './fixtures.ts';

describe("SEED.md's three examples", () => {
  it('stores the curl CloudEvent without an id in custom_events and says which id it got', async () => {
    const { sink, deps } = await harness();
    const { answer } = await ingest(post({ specversion: '1.0', type: 'test.event', source: 'test' }), deps);
    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({
      accepted: 1,
      duplicates: 0,
      rejected: 0,
      events: [{ index: 0, event_id: '00000000-0000-4000-8000-000000000001', status: 'accepted' }],
      errors: [],
    });
    const [row] = sink.rows('custom_events');
    expect(row).toMatchObject({
      event_id: '00000000-0000-4000-8000-000000000001',
      event_type: 'test.event',
      source: 'test',
      timestamp: Date.UTC(2024, 0, 15, 12, 30) * 1000,
    });
  });

  it('accepts the service-binding plain event without a key', async () => {
    const { sink, deps } = await harness({ http: false });
    const request = new Request('https://internal/events', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(pageView({ timestamp: new Date().toISOString() })),
    });
    const { answer } = await ingest(request, deps);
    expect(answer.status).toBe(202);
    expect(sink.rows('page_views')).toHaveLength(1);
    expect(sink.rows('page_views')[0]).toMatchObject({ page_url: 'https://rawkode.academy/', is_bot: null });
  });

  it('accepts the HTTP { events: [...] } batch with X-API-Key', async () => {
    const { sink, deps } = await harness();
    const request = new Request('https://analytics.rawkode.tools/events', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-API-Key': KEY },
      body: JSON.stringify({ events: [pageView({ timestamp: new Date().toISOString() })] }),
    });
    const { answer } = await ingest(request, deps);
    expect(answer.status).toBe(202);
    expect(answer.body).toMatchObject({ accepted: 1, rejected: 0 });
    expect(sink.rows('page_views')).toHaveLength(1);
  });
});
