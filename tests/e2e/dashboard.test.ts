/**
 * The dashboard at `/` in a real browser (headless Chromium through
 * playwright-core) against the whole local stack: events sent through
 * `/events` and flushed into Iceberg, then the page must show the totals, the
 * top page, the breakdowns, video engagement, event counts and the realtime
 * window those events make; the exact-counts switch, filters, empty states and
 * a GraphQL error as the user sees them. Screenshots of the page and of the
 * sign-in form are saved in a temporary folder (their paths are printed).
 *
 * The stack's API wants a read key here, as on Cloudflare (QUERY_PUBLIC=false,
 * ANALYTICS_QUERY_KEY set): most cases open the page with the key already
 * saved in the browser; the sign-in case starts without it.
 *
 * Chromium comes from the system (`apt-get install chromium`; `.ci/run`
 * installs it). Without it this file fails, naming what to install.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StackHandle, startTestStack } from '../helpers/stack.ts';
import { INGEST_KEY, pageView, postEvents } from './collector-helpers.ts';
import { type DashboardTraffic, dashboardTraffic, ORIGIN, PROJECT } from './dashboard-data.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];
/** A browser's User-Agent: the collector flags Node's own as a bot, and bots are not counted. */
const BROWSER_UA = {
  'user-agent':
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
};

/** The API's read key in this file's stack. */
const QUERY_KEY = 'e2e-query-key';
/** Where the dashboard keeps the key (clients/dashboard/src/read-key.ts). */
const READ_KEY_ITEM = 'analytics.readKey';

let stack: StackHandle;
let browser: Browser;
let traffic: DashboardTraffic;
const screenshots = mkdtempSync(join(tmpdir(), 'dashboard-e2e-'));

async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(`${stack.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${QUERY_KEY}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown };
  if (!body.data) throw new Error(`GraphQL answered ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** The last 7 UTC days including today: the dashboard's default range. */
function lastSevenDays(): { start: string; end: string } {
  const midnight = Math.floor(Date.now() / 86_400_000) * 86_400_000;
  return {
    start: new Date(midnight - 6 * 86_400_000).toISOString(),
    end: new Date(midnight + 86_400_000).toISOString(),
  };
}

interface Totals {
  totalPageviews: number;
  totalVisitors: number;
  totalSessions: number;
  estimated: boolean;
}

function apiTotals(uniques: 'EXACT' | 'ESTIMATED'): Promise<Totals> {
  return gql<{ analytics: { traffic: Totals } }>(
    `query($r: TimeRange!, $u: UniqueCountMode) { analytics { traffic(timeRange: $r, uniques: $u) {
       totalPageviews totalVisitors totalSessions estimated } } }`,
    { r: lastSevenDays(), u: uniques },
  ).then((d) => d.analytics.traffic);
}

/**
 * A page in a fresh browser context (its own localStorage), closed with the
 * page; with `key`, the read key is saved before the dashboard's script runs,
 * as if the user had signed in on an earlier visit.
 */
async function newPage(key?: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  if (key !== undefined)
    await context.addInitScript(({ item, value }) => localStorage.setItem(item, value), {
      item: READ_KEY_ITEM,
      value: key,
    });
  const page = await context.newPage();
  // The context goes with its page. Closing it may still be under way when afterAll closes the
  // browser, which closes every context: that refusal is no failure (it was an unhandled one).
  page.on('close', () => {
    context.close().catch(() => {});
  });
  return page;
}

/** Opens a dashboard URL with the read key saved and waits until no panel is loading any more. */
async function open(path: string): Promise<Page> {
  const page = await newPage(QUERY_KEY);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${stack.url}${path}`);
  await settled(page);
  expect(errors).toEqual([]);
  return page;
}

async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const panels = [...document.querySelectorAll<HTMLElement>('[data-panel]')];
      return panels.length > 0 && panels.every((p) => p.dataset.state !== 'loading');
    },
    undefined,
    { timeout: 60_000 },
  );
}

/** The shown number of a metric in a panel (text, and the exact value it carries). */
async function metric(page: Page, panel: string, name: string) {
  const el = page.locator(`[data-panel="${panel}"] [data-metric="${name}"]`);
  return {
    text: ((await el.locator('dd').textContent()) ?? '').trim(),
    value: Number(await el.getAttribute('data-value')),
    estimated: await el.getAttribute('data-estimated'),
  };
}

/** Rows of a panel's list as [label, ...cells] texts. */
async function rows(page: Page, panel: string): Promise<string[][]> {
  return page
    .locator(`[data-panel="${panel}"] tbody tr`)
    .evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())),
    );
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}. The dashboard's browser test needs it: ` +
        'apt-get install -y chromium (.ci/run does this), or set CHROMIUM_PATH.',
    );
  }
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  // Flushes happen when the test asks, so the realtime check below sees an event still buffered.
  // The API is not public and takes one read key (the local default is public: services/api/dev.vars.json).
  stack = await startTestStack({
    vars: {
      ANALYTICS_API_KEY: INGEST_KEY,
      FLUSH_INTERVAL_MS: '600000',
      QUERY_PUBLIC: 'false',
      ANALYTICS_QUERY_KEY: QUERY_KEY,
      QUERY_API_KEYS: '',
    },
  });
  traffic = dashboardTraffic(Date.now());
  const views = await postEvents(
    stack.url,
    { events: [...traffic.pageViews, ...traffic.videoEvents] },
    BROWSER_UA,
  );
  expect(views.status).toBe(202);
  const custom = await postEvents(stack.url, traffic.customEvents, {
    ...BROWSER_UA,
    'content-type': 'application/cloudevents-batch+json',
  });
  expect(custom.status).toBe(202);
  const flush = await fetch(`${stack.url}/ops/flush`, {
    method: 'POST',
    headers: { authorization: 'Bearer dev-operator-token' },
  });
  expect(flush.status).toBe(200);
  // The query engine picks up new snapshots (and folds them into its rollups) in the background.
  const deadline = Date.now() + 90_000;
  for (;;) {
    const [totals, video] = await Promise.all([
      apiTotals('ESTIMATED'),
      gql<{ analytics: { videoEngagement: { totals: { plays: number } } } }>(
        'query($r: TimeRange!) { analytics { videoEngagement(timeRange: $r) { totals { plays } } } }',
        { r: lastSevenDays() },
      ),
    ]);
    if (
      totals.totalPageviews === traffic.expected.pageviews &&
      video.analytics.videoEngagement.totals.plays === traffic.expected.videoPlays
    )
      break;
    if (Date.now() > deadline) {
      throw new Error(
        `the flushed events never reached the query engine: ${JSON.stringify({ totals, video: video.analytics })}`,
      );
    }
    await new Promise((r) => setTimeout(r, 500));
  }
});

afterAll(async () => {
  await browser?.close();
  await stack?.dispose();
});

describe('the dashboard at /', () => {
  it('shows the totals, top pages, breakdowns, video engagement and event counts of the last 7 days', async () => {
    const page = await open('/');
    const e = traffic.expected;
    const api = await apiTotals('ESTIMATED');

    const pageviews = await metric(page, 'traffic', 'pageviews');
    expect(pageviews).toEqual({ text: String(e.pageviews), value: e.pageviews, estimated: 'false' });
    // Visitors and sessions are what the API estimated, and marked as estimates.
    expect(api.estimated).toBe(true);
    const visitors = await metric(page, 'traffic', 'visitors');
    expect(visitors).toEqual({ text: `≈${api.totalVisitors}`, value: api.totalVisitors, estimated: 'true' });
    expect(await metric(page, 'traffic', 'sessions')).toMatchObject({
      value: api.totalSessions,
      estimated: 'true',
    });
    // One chart point per day of the range.
    expect(await page.locator('[data-panel="traffic"] svg .x-label').count()).toBe(7);
    expect(await page.locator('[data-panel="traffic"] path.line.pageviews').getAttribute('d')).toMatch(/^M/);

    const pages = await rows(page, 'top-pages');
    expect(pages[0]?.slice(0, 1)).toEqual([e.topPage]);
    expect(pages[0]?.[2]).toBe(String(e.topPageViews));
    expect(pages.map((r) => r[0])).toEqual(
      Object.entries(e.viewsByPath)
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([path]) => path),
    );

    const sources = await rows(page, 'sources');
    expect(sources.map((r) => r[0])).toEqual(
      expect.arrayContaining(['news.ycombinator.com', 'www.google.com', 'github.com']),
    );
    await page.locator('[data-panel="sources"] [data-tab="UTM_CAMPAIGN"]').click();
    await settled(page);
    expect((await rows(page, 'sources'))[0]?.[0]).toBe('december-launch');

    expect((await rows(page, 'locations'))[0]?.[0]).toContain('United States');
    expect((await rows(page, 'devices')).map((r) => r[0])).toEqual(
      expect.arrayContaining(['Chrome', 'Safari', 'Firefox', 'Edge']),
    );

    expect(await metric(page, 'video', 'plays')).toMatchObject({ text: String(e.videoPlays) });
    expect((await metric(page, 'video', 'completion')).text).toBe('75%');
    expect((await rows(page, 'video')).map((r) => r[0])).toEqual(['intro-to-iceberg', 'workers-deep-dive']);

    const events = Object.fromEntries((await rows(page, 'events')).map((r) => [r[0], Number(r[2])]));
    expect(events).toEqual(e.eventsByType);

    expect(await metric(page, 'realtime', 'pageviews')).toMatchObject({ value: e.recentPageviews });
    expect(await page.locator('.live').textContent()).toMatch(/visitors? in the last 30 min/);

    const shot = join(screenshots, 'dashboard.png');
    await page.screenshot({ path: shot, fullPage: true });
    console.log(`dashboard screenshot: ${shot}`);
    await page.close();
  });

  it('counts visitors exactly when asked, and says so in the URL', async () => {
    const page = await open('/');
    await page.getByRole('button', { name: 'Count them exactly' }).click();
    await settled(page);
    expect(new URL(page.url()).searchParams.get('uniques')).toBe('exact');
    expect(await metric(page, 'traffic', 'visitors')).toEqual({
      text: String(traffic.expected.visitors),
      value: traffic.expected.visitors,
      estimated: 'false',
    });
    expect(await metric(page, 'traffic', 'sessions')).toMatchObject({ value: traffic.expected.sessions });
    await page.close();
  });

  it('filters to one page when its row is clicked, and to a project from the toolbar', async () => {
    const page = await open('/');
    await page
      .locator('[data-panel="top-pages"] tbody tr', { hasText: '/pricing' })
      .getByRole('button')
      .click();
    await settled(page);
    expect(new URL(page.url()).searchParams.get('page')).toBe(`${ORIGIN}/pricing`);
    expect((await metric(page, 'traffic', 'pageviews')).value).toBe(traffic.expected.viewsByPath['/pricing']);
    expect((await rows(page, 'top-pages')).map((r) => r[0])).toEqual(['/pricing']);

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await settled(page);
    await page.locator('input[name="project"]').fill(PROJECT);
    await page.locator('input[name="env"]').fill('production');
    await page.getByRole('button', { name: 'Apply' }).click();
    await settled(page);
    expect(new URL(page.url()).search).toBe(`?project=${PROJECT}&env=production`);
    expect((await metric(page, 'traffic', 'pageviews')).value).toBe(traffic.expected.pageviews);
    await page.close();
  });

  it('shows empty states for a project without events', async () => {
    const page = await open('/?project=nobody&period=30d');
    expect((await metric(page, 'traffic', 'pageviews')).value).toBe(0);
    for (const [panel, text] of [
      ['traffic', 'No page views in this range.'],
      ['top-pages', 'No page views in this range.'],
      ['sources', 'No page views in this range.'],
      ['video', 'No video events in this range.'],
      ['events', 'No events in this range.'],
      ['realtime', 'No events in the last 30 minutes.'],
    ]) {
      await expect(page.locator(`[data-panel="${panel}"] .empty`).first().textContent()).resolves.toContain(
        text,
      );
    }
    await page.close();
  });

  it('shows the API’s error in the panel whose query failed, and the others still load', async () => {
    // 13,000 days by day is more buckets than the API draws (at most 5000): traffic fails, lists do not.
    const page = await open('/?period=custom&from=1991-01-01&to=2026-01-01');
    const traffic = page.locator('[data-panel="traffic"]');
    expect(await traffic.getAttribute('data-state')).toBe('error');
    const alert = traffic.getByRole('alert');
    expect(await alert.textContent()).toContain('Could not load traffic');
    expect(await alert.locator('.code').textContent()).toBe('BAD_USER_INPUT');
    expect(await alert.textContent()).toMatch(/at most 5000/);
    expect(await page.locator('[data-panel="top-pages"]').getAttribute('data-state')).toBe('ready');
    await page.close();
  });

  it('asks for the read key, says when it is wrong, shows the numbers with the right one, and forgets it', async () => {
    // The API behind the router: no key 401, a wrong one 403, and browsers elsewhere may send one.
    const noKey = await fetch(`${stack.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(noKey.status).toBe(401);
    expect(noKey.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(
      ((await noKey.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code,
    ).toBe('UNAUTHENTICATED');
    const preflight = await fetch(`${stack.url}/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/);

    const page = await newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${stack.url}/`);
    const form = page.locator('[data-sign-in]');
    await form.waitFor({ timeout: 30_000 });
    expect(await form.getAttribute('data-reason')).toBe('key-required');
    expect(await form.getByRole('alert').textContent()).toMatch(/needs a read key.*UNAUTHENTICATED/);
    expect(await page.locator('main.grid').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Forget key' }).isVisible()).toBe(false);

    await page.getByLabel('Read key').fill('not-the-key');
    await page.getByRole('button', { name: 'Show analytics' }).click();
    await page.locator('[data-sign-in][data-reason="key-refused"]').waitFor({ timeout: 30_000 });
    const refused = await page.locator('[data-sign-in]').getByRole('alert').textContent();
    expect(refused).toMatch(/That read key was not accepted.*FORBIDDEN/);
    const shot = join(screenshots, 'sign-in.png');
    await page.screenshot({ path: shot });
    console.log(`sign-in screenshot: ${shot}`);
    expect(await page.evaluate((item) => localStorage.getItem(item), READ_KEY_ITEM)).toBeNull();

    await page.getByLabel('Read key').fill(QUERY_KEY);
    await page.getByRole('button', { name: 'Show analytics' }).click();
    await page.locator('[data-sign-in]').waitFor({ state: 'detached', timeout: 30_000 });
    await settled(page);
    expect((await metric(page, 'traffic', 'pageviews')).value).toBe(traffic.expected.pageviews);
    expect((await rows(page, 'top-pages'))[0]?.[0]).toBe(traffic.expected.topPage);
    expect(await page.evaluate((item) => localStorage.getItem(item), READ_KEY_ITEM)).toBe(QUERY_KEY);

    // Kept across reloads, until forgotten.
    await page.reload();
    await settled(page);
    expect(await page.locator('[data-sign-in]').count()).toBe(0);
    expect((await metric(page, 'traffic', 'pageviews')).value).toBe(traffic.expected.pageviews);
    await page.getByRole('button', { name: 'Forget key' }).click();
    await page.locator('[data-sign-in][data-reason="key-required"]').waitFor({ timeout: 30_000 });
    expect(await page.evaluate((item) => localStorage.getItem(item), READ_KEY_ITEM)).toBeNull();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('refreshes the realtime panel by itself, counting events not yet in Iceberg', async () => {
    const page = await open('/');
    const before = await metric(page, 'realtime', 'pageviews');
    const res = await postEvents(
      stack.url,
      { events: [pageView({ project_id: PROJECT, page_url: `${ORIGIN}/live`, page_title: 'Live' })] },
      BROWSER_UA,
    );
    expect(res.status).toBe(202);
    // No reload and no flush: the panel asks again every 10 s and reads the buffers too.
    await page.waitForFunction(
      (n) =>
        Number(
          document
            .querySelector('[data-panel="realtime"] [data-metric="pageviews"]')
            ?.getAttribute('data-value'),
        ) === n,
      before.value + 1,
      { timeout: 30_000 },
    );
    expect((await metric(page, 'realtime', 'buffered')).value).toBe(1);
    expect((await metric(page, 'realtime', 'events')).value).toBe(
      (await metric(page, 'realtime', 'pageviews')).value,
    );
    await page.close();
  });
});
