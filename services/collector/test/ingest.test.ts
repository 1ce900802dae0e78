import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { shardOf } from '../src/shard.ts';
import { eventsRequest, KEY, pageView, storedCount, totalStored, uuid } from './fixtures.ts';

describe('POST /events in workerd', () => {
  it('answers 202 only once the events are in the buffer storage', async () => {
    const before = [await storedCount('page_views', 0), await storedCount('page_views', 1)];
    const events = Array.from({ length: 20 }, (_, i) => pageView({ event_id: uuid(i + 1) }));
    const res = await SELF.fetch(eventsRequest({ events }));
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ accepted: 20, duplicates: 0, rejected: 0 });
    const perShard = [0, 0];
    for (const e of events) perShard[shardOf(String(e.event_id), 2)]! += 1;
    expect(perShard[0]! > 0 && perShard[1]! > 0).toBe(true);
    expect(await storedCount('page_views', 0)).toBe(before[0]! + perShard[0]!);
    expect(await storedCount('page_views', 1)).toBe(before[1]! + perShard[1]!);
  });

  it('stores the good events of a mixed batch and names the field of each bad one', async () => {
    const before = await totalStored('page_views');
    const res = await SELF.fetch(
      eventsRequest({ events: [pageView({ event_id: uuid(100) }), pageView({ timestamp: 'soon' })] }),
    );
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({
      accepted: 1,
      rejected: 1,
      events: [{ index: 0, event_id: uuid(100), status: 'accepted' }],
      errors: [{ index: 1, field: 'timestamp' }],
    });
    expect(await totalStored('page_views')).toBe(before + 1);
  });

  it('reports an event id seen before as a duplicate and stores it once', async () => {
    const before = await totalStored('page_views');
    const event = pageView({ event_id: uuid(200) });
    await SELF.fetch(eventsRequest({ events: [event] }));
    const res = await SELF.fetch(eventsRequest({ events: [event, event] }));
    expect(await res.json()).toMatchObject({ accepted: 0, duplicates: 2 });
    expect(await totalStored('page_views')).toBe(before + 1);
  });

  it('requires X-API-Key on the public entrypoint', async () => {
    const missing = await SELF.fetch(eventsRequest(pageView(), { 'x-api-key': '' }));
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ error: { kind: 'missing_api_key' } });
    const wrong = await SELF.fetch(eventsRequest(pageView(), { 'x-api-key': `${KEY}-not` }));
    expect(wrong.status).toBe(403);
  });

  it('answers the SEED curl CloudEvent with its assigned id', async () => {
    const res = await SELF.fetch(eventsRequest({ specversion: '1.0', type: 'test.event', source: 'test' }));
    expect(res.status).toBe(202);
    const body = (await res.json()) as { events: { event_id: string }[] };
    expect(body.events[0]?.event_id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('answers a CORS preflight from any origin for POST with Content-Type and X-API-Key', async () => {
    const res = await SELF.fetch('https://collector.test/events', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://shop.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-api-key',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toBe('POST');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toBe('content-type,x-api-key');
    expect(res.headers.get('access-control-max-age')).toBe('86400');
  });

  it('lets a page read every answer to a cross-origin POST, rejections included', async () => {
    const origin = { origin: 'https://shop.example' };
    const ok = await SELF.fetch(
      eventsRequest(
        { events: [pageView({ event_id: uuid(300) })] },
        { ...origin, 'content-type': 'text/plain' },
      ),
    );
    expect(ok.status).toBe(202);
    expect(ok.headers.get('access-control-allow-origin')).toBe('*');
    expect(await ok.json()).toMatchObject({ accepted: 1 });
    const denied = await SELF.fetch(eventsRequest(pageView(), { ...origin, 'x-api-key': `${KEY}-not` }));
    expect(denied.status).toBe(403);
    expect(denied.headers.get('access-control-allow-origin')).toBe('*');
    const unsupported = await SELF.fetch(
      eventsRequest(pageView(), { ...origin, 'content-type': 'text/html' }),
    );
    expect(unsupported.status).toBe(415);
    expect(unsupported.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('POST /events when a buffer cannot be reached', () => {
  it('answers 503 unavailable, with the CORS header, and nothing is acknowledged', async () => {
    const { createExecutionContext, env } = await import('cloudflare:test');
    const { default: worker } = await import('../src/index.ts');
    const unreachable = {
      idFromName: (name: string) => env.BUFFER.idFromName(name),
      get: () => ({
        append: () => Promise.reject(new Error('buffer is being reset')),
      }),
    } as unknown as typeof env.BUFFER;
    const res = await worker.fetch(
      eventsRequest({ events: [pageView({ event_id: uuid(900) })] }),
      { ...env, BUFFER: unreachable },
      createExecutionContext(),
    );
    expect(res.status).toBe(503);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(await res.json()).toEqual({
      error: { kind: 'unavailable', message: 'events not stored, retry: buffer is being reset' },
    });
  });
});
