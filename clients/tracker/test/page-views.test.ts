import { describe, expect, it } from 'vitest';
import { externalReferrer, pageKey, pageUrl } from '../src/page.ts';
import { createTracker, type Tracker } from '../src/tracker.ts';
import { FakeHost, type FakeHostOptions } from './fake-host.ts';

const ENDPOINT = 'https://collect.example/events';

function start(
  options: FakeHostOptions = {},
  extra: Record<string, unknown> = {},
): { host: FakeHost; tracker: Tracker } {
  const host = new FakeHost(options);
  const tracker = createTracker({ project: 'web', endpoint: ENDPOINT, ...extra }, host, {
    now: () => host.nowMs,
  });
  return { host, tracker };
}

const pageViews = (host: FakeHost) => host.sent.filter((e) => e.event_type === 'page_view');

describe('page views', () => {
  it('sends one page view when the page is hidden, with SEED’s fields and the seconds it was visible', async () => {
    const { host } = start({
      url: 'https://site.example/pricing?utm_source=newsletter&utm_medium=email&utm_campaign=launch#plans',
      referrer: 'https://news.example/story',
      title: 'Pricing',
    });
    await host.advance(12_340);
    expect(host.requests).toHaveLength(0); // the view is still going on
    host.setVisible(false);
    await host.settle();
    expect(host.requests).toHaveLength(1);
    const [view] = host.sent;
    expect(view).toEqual({
      event_type: 'page_view',
      event_id: expect.stringMatching(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      ),
      timestamp: '2026-01-15T12:00:00.000Z', // when the view started
      session_id: expect.any(String),
      project_id: 'web',
      environment: 'production',
      version: '1',
      page_url: 'https://site.example/pricing?utm_source=newsletter&utm_medium=email&utm_campaign=launch',
      page_title: 'Pricing',
      referrer: 'https://news.example/story',
      utm_source: 'newsletter',
      utm_medium: 'email',
      utm_campaign: 'launch',
      time_on_page: 12.3,
    });
    expect(host.requests[0]?.init.keepalive).toBe(true);
  });

  it('ends a view and starts the next on SPA navigation (pushState, replaceState, back), each with its own time and title', async () => {
    const { host } = start({
      url: 'https://site.example/',
      referrer: 'https://search.example/',
      title: 'Home',
    });
    await host.advance(5_000);
    host.history.pushState({}, '', '/docs?utm_source=ignored-later');
    host.document.title = 'Docs'; // routers set the title after the URL
    await host.advance(7_000);
    host.history.replaceState({}, '', '/docs/install');
    host.document.title = 'Install';
    await host.advance(3_000);
    host.back('/docs');
    host.document.title = 'Docs';
    await host.advance(1_000);
    host.setVisible(false);
    await host.settle();
    expect(pageViews(host).map((v) => [v.page_url, v.page_title, v.time_on_page, v.referrer])).toEqual([
      ['https://site.example/', 'Home', 5, 'https://search.example/'],
      ['https://site.example/docs?utm_source=ignored-later', 'Docs', 7, undefined],
      ['https://site.example/docs/install', 'Install', 3, undefined],
      ['https://site.example/docs', 'Docs', 1, undefined],
    ]);
    const views = pageViews(host);
    expect(views[1]?.utm_source).toBe('ignored-later');
    expect(new Set(views.map((v) => v.event_id)).size).toBe(4);
    expect(new Set(views.map((v) => v.session_id)).size).toBe(1);
    expect(views.map((v) => v.timestamp)).toEqual([
      '2026-01-15T12:00:00.000Z',
      '2026-01-15T12:00:05.000Z',
      '2026-01-15T12:00:12.000Z',
      '2026-01-15T12:00:15.000Z',
    ]);
  });

  it('does not count a query change or a same-page replaceState as a page view', async () => {
    const { host } = start({ url: 'https://site.example/shop?utm_source=ad' });
    host.history.replaceState({}, '', '/shop'); // an app dropping its UTM parameters
    host.history.pushState({}, '', '/shop?sort=price');
    await host.advance(2_000);
    host.setVisible(false);
    await host.settle();
    expect(pageViews(host)).toHaveLength(1);
    expect(pageViews(host)[0]).toMatchObject({
      page_url: 'https://site.example/shop?utm_source=ad',
      utm_source: 'ad',
    });
  });

  it('counts only visible time, and a tab switch back is not a new page view', async () => {
    const { host } = start({ visibility: 'hidden' }); // opened in a background tab
    await host.advance(60_000);
    host.setVisible(true);
    await host.advance(4_000);
    host.setVisible(false);
    await host.advance(30_000);
    host.setVisible(true);
    await host.advance(30_000);
    host.dispatch('pagehide');
    await host.settle();
    expect(pageViews(host)).toHaveLength(1);
    expect(pageViews(host)[0]?.time_on_page).toBe(4);
  });

  it('sends the view once when hidden and then unloaded (visibilitychange, then pagehide)', async () => {
    const { host } = start();
    await host.advance(1_000);
    host.setVisible(false);
    host.dispatch('pagehide');
    await host.settle();
    expect(pageViews(host)).toHaveLength(1);
  });

  it('starts a view again when the page comes back from the back/forward cache', async () => {
    const { host } = start();
    host.dispatch('pagehide');
    host.dispatch('pageshow', { persisted: false });
    host.dispatch('pageshow', { persisted: true });
    await host.advance(2_000);
    host.dispatch('pagehide');
    await host.settle();
    expect(pageViews(host).map((v) => v.time_on_page)).toEqual([0, 2]);
  });

  it('with hash routing, the hash is part of the page and a hash change is a navigation', async () => {
    const { host } = start({ url: 'https://app.example/#/inbox' }, { hashRouting: true });
    await host.advance(1_000);
    host.back('#/settings');
    host.dispatch('hashchange');
    await host.advance(1_000);
    host.setVisible(false);
    await host.settle();
    expect(pageViews(host).map((v) => v.page_url)).toEqual([
      'https://app.example/#/inbox',
      'https://app.example/#/settings',
    ]);
  });

  it('with autoPageviews off, records only the views the app starts, with its overrides', async () => {
    const { host, tracker } = start({ url: 'https://site.example/a' }, { autoPageviews: false });
    host.history.pushState({}, '', '/b');
    await host.advance(1_000);
    expect(host.requests).toHaveLength(0);
    tracker.pageview({ url: '/virtual/step-2?utm_campaign=spring', title: 'Step 2' });
    await host.advance(3_000);
    tracker.pageview();
    host.setVisible(false);
    await host.settle();
    expect(pageViews(host).map((v) => [v.page_url, v.page_title, v.utm_campaign, v.time_on_page])).toEqual([
      ['https://site.example/virtual/step-2?utm_campaign=spring', 'Step 2', 'spring', 3],
      ['https://site.example/b', 'Home', undefined, 0],
    ]);
  });
});

describe('page fields', () => {
  it('keep a referrer only when it is another site', () => {
    expect(externalReferrer('https://other.example/x', 'https://site.example')).toBe(
      'https://other.example/x',
    );
    expect(externalReferrer('https://site.example/prev', 'https://site.example')).toBeUndefined();
    expect(externalReferrer('', 'https://site.example')).toBeUndefined();
    expect(externalReferrer('not a url', 'https://site.example')).toBeUndefined();
  });

  it('leave the fragment out unless the site routes by hash', () => {
    const location = new URL('https://site.example/p?q=1#top');
    expect(pageUrl(location, false)).toBe('https://site.example/p?q=1');
    expect(pageUrl(location, true)).toBe('https://site.example/p?q=1#top');
    expect(pageKey(location, false)).toBe('/p');
    expect(pageKey(location, true)).toBe('/p#top');
  });
});
