import { describe, expect, it } from 'vitest';
import { ingest, parseUserAgent } from '../src/index.ts';
import { CHROME_UA, harness, pageView, post, videoEvent } from './fixtures.ts';

describe('enrichment', () => {
  it('fills country from CF-IPCountry and browser, os, device_type from User-Agent', async () => {
    const { sink, deps } = await harness();
    await ingest(
      post({ events: [pageView(), videoEvent()] }, { 'cf-ipcountry': 'gb', 'user-agent': CHROME_UA }),
      deps,
    );
    const expected = {
      country: 'GB',
      browser: 'Chrome',
      os: 'Windows',
      device_type: 'desktop',
      is_bot: false,
    };
    expect(sink.rows('page_views')[0]).toMatchObject(expected);
    expect(sink.rows('video_events')[0]).toMatchObject(expected);
  });

  it("keeps the sender's own values (over a binding the headers are the caller's)", async () => {
    const { sink, deps } = await harness();
    await ingest(
      post(pageView({ country: 'DE', browser: 'Firefox' }), {
        'cf-ipcountry': 'GB',
        'user-agent': CHROME_UA,
      }),
      deps,
    );
    expect(sink.rows('page_views')[0]).toMatchObject({ country: 'DE', browser: 'Firefox', os: 'Windows' });
  });

  it('ignores the XX and T1 pseudo-countries', async () => {
    const { sink, deps } = await harness();
    await ingest(post({ events: [pageView()] }, { 'cf-ipcountry': 'XX' }), deps);
    await ingest(post({ events: [pageView({ session_id: 'b' })] }, { 'cf-ipcountry': 'T1' }), deps);
    expect(sink.rows('page_views').map((r) => r.country)).toEqual([null, null]);
  });

  it('recognises phones, tablets and bots', () => {
    expect(
      parseUserAgent(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1',
      ),
    ).toEqual({ isBot: false, browser: 'Safari', os: 'iOS', deviceType: 'mobile' });
    expect(
      parseUserAgent(
        'Mozilla/5.0 (iPad; CPU OS 16_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.0 Mobile/15E148 Safari/604.1',
      ).deviceType,
    ).toBe('tablet');
    expect(
      parseUserAgent('Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'),
    ).toMatchObject({
      isBot: true,
      deviceType: 'bot',
    });
    expect(parseUserAgent(undefined)).toEqual({});
  });

  it('flags bot traffic by default and drops it when the policy says so', async () => {
    const bot = { 'user-agent': 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)' };
    const flagged = await harness();
    await ingest(post(pageView(), bot), flagged.deps);
    expect(flagged.sink.rows('page_views')[0]).toMatchObject({ is_bot: true, device_type: 'bot' });

    const dropping = await harness({ botPolicy: 'drop' });
    const { answer } = await ingest(post(pageView(), bot), dropping.deps);
    expect(answer.status).toBe(202);
    expect(dropping.sink.size).toBe(0);
  });

  it('never stores the client IP address', async () => {
    const { sink, deps } = await harness();
    const ip = '203.0.113.77';
    await ingest(
      post(
        { events: [pageView(), { specversion: '1.0', type: 'a.b', source: 's' }] },
        { 'cf-connecting-ip': ip, 'x-forwarded-for': ip, 'x-real-ip': ip, 'user-agent': CHROME_UA },
      ),
      deps,
    );
    const stored = JSON.stringify([...sink.rows('page_views'), ...sink.rows('custom_events')]);
    expect(stored).not.toContain(ip);
    expect(sink.size).toBe(2);
  });
});
