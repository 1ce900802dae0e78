import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { totalStored } from './fixtures.ts';

describe("SEED.md's service-binding example", () => {
  it('is accepted without an API key over a binding to the TrustedIngest entrypoint', async () => {
    const before = await totalStored('page_views');
    // As in SEED.md, with the "... other fields" filled in.
    const res = await env.ANALYTICS.fetch('https://internal/events', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({
        event_type: 'page_view',
        timestamp: new Date().toISOString(),
        page_url: 'https://rawkode.academy/',
        page_title: 'Rawkode Academy',
        session_id: 's-binding',
        project_id: 'rawkode-academy',
        environment: 'production',
        version: '1',
      }),
    });
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ accepted: 1 });
    expect(await totalStored('page_views')).toBe(before + 1);
  });
});
