/**
 * The browser tracker in a real browser (headless Chromium through
 * playwright-core) against the whole local stack. A small site on its own
 * origin (a Node server on 127.0.0.1, another port than the stack's) loads
 * `/tracker.js` from the stack's router with the snippet the README gives,
 * so every send is cross-origin as on a real site: keyless `text/plain`
 * batches without a preflight, and a keyed page whose `X-API-Key` needs one.
 * The visitor lands from a newsletter link with UTM parameters and another
 * site's referrer, navigates within the SPA, signs up (a custom event),
 * plays, seeks and pauses a video, and leaves; after `POST /ops/flush`
 * PyIceberg reads every field back from the Iceberg tables.
 *
 * Chromium comes from the system (`apt-get install chromium`; `.ci/run`
 * installs it). Without it this file fails, naming what to install.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM build script, no type declarations
import { buildTrackerScript } from '../../clients/tracker/build.mjs';
// @ts-expect-error: plain ESM script shared with `npm start`, no type declarations
import { freePort } from '../../scripts/stack.mjs';
import { type StackHandle, startTestStack } from '../helpers/stack.ts';
import { INGEST_KEY, readColumns } from './collector-helpers.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--autoplay-policy=no-user-gesture-required',
];

let stack: StackHandle;
let browser: Browser;
let site: Server;
let siteUrl: string;
/** Headers a relay does not pass on (it sends and answers whole, decoded bodies). */
const HOP_HEADERS = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive']);
/** The keyed page sends through this pass-through to the stack, which records what the browser sent. */
let relay: Server;
let relayUrl: string;
const relayed: { method: string; requestHeaders: string; status: number; allowHeaders: string }[] = [];

/**
 * The site's one HTML page (an SPA: every path serves it). `keyed` pages send
 * `data-key`; the page makes a two-second silent WAV in memory for its
 * `<video>`, so nothing depends on codecs or media files.
 */
function sitePage(stackUrl: string, keyed: boolean, endpoint = `${stackUrl}/events`): string {
  const key = keyed ? ` data-key="${INGEST_KEY}"` : '';
  const project = keyed ? 'shop' : 'web';
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>Landing</title>
<script>window.tracker=window.tracker||function(){(tracker.q=tracker.q||[]).push(arguments)}</script>
<script src="${stackUrl}/tracker.js" data-project="${project}" data-endpoint="${endpoint}"${key} data-environment="e2e" defer></script>
</head><body><h1>Site</h1><video id="intro" data-video-id="intro-video" muted></video>
<script>
  // Queued before tracker.js runs (it is deferred): replayed by it.
  tracker('setUser', 'visitor-1');
  const rate = 8000, seconds = 2, n = rate * seconds;
  const wav = new DataView(new ArrayBuffer(44 + n));
  const text = (at, s) => [...s].forEach((c, i) => wav.setUint8(at + i, c.charCodeAt(0)));
  text(0, 'RIFF'); wav.setUint32(4, 36 + n, true); text(8, 'WAVEfmt ');
  wav.setUint32(16, 16, true); wav.setUint16(20, 1, true); wav.setUint16(22, 1, true);
  wav.setUint32(24, rate, true); wav.setUint32(28, rate, true); wav.setUint16(32, 1, true);
  wav.setUint16(34, 8, true); text(36, 'data'); wav.setUint32(40, n, true);
  for (let i = 0; i < n; i++) wav.setUint8(44 + i, 128);
  document.getElementById('intro').src = URL.createObjectURL(new Blob([wav.buffer], { type: 'audio/wav' }));
</script></body></html>`;
}

async function flush(): Promise<void> {
  const res = await fetch(`${stack.url}/ops/flush`, {
    method: 'POST',
    headers: { authorization: 'Bearer dev-operator-token', 'content-type': 'application/json' },
    body: '{}',
  });
  expect(res.status).toBe(200);
}

/** Flushes and reads until `done` holds: a page's last sends (keepalive, at unload) may still be on the way. */
async function flushedRows(
  table: string,
  columns: string[],
  done: (rows: Record<string, unknown>[]) => boolean,
): Promise<Record<string, unknown>[]> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    await flush();
    const rows = await readColumns(stack.url, table, columns).then(
      (r) => r.rows,
      () => [],
    );
    if (done(rows) || Date.now() > deadline) return rows;
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}. The tracker's browser test needs it: ` +
        'apt-get install -y chromium (.ci/run does this), or set CHROMIUM_PATH.',
    );
  }
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  stack = await startTestStack({ vars: { ANALYTICS_API_KEY: INGEST_KEY, FLUSH_INTERVAL_MS: '600000' } });
  const port = (await freePort()) as number;
  relay = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(([k, v]) => !HOP_HEADERS.has(k) && typeof v === 'string'),
    ) as Record<string, string>;
    const answer = await fetch(`${stack.url}${req.url}`, {
      method: req.method ?? 'GET',
      headers,
      ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
    });
    relayed.push({
      method: req.method ?? '',
      requestHeaders: req.headers['access-control-request-headers'] ?? '',
      status: answer.status,
      allowHeaders: answer.headers.get('access-control-allow-headers') ?? '',
    });
    res.writeHead(
      answer.status,
      Object.fromEntries(
        [...answer.headers].filter(([k]) => !HOP_HEADERS.has(k) && k !== 'content-encoding'),
      ),
    );
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
  const relayPort = (await freePort()) as number;
  await new Promise<void>((resolve) => relay.listen(relayPort, '127.0.0.1', resolve));
  relayUrl = `http://127.0.0.1:${relayPort}`;
  site = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    const keyed = (req.url ?? '').startsWith('/keyed');
    res.end(keyed ? sitePage(stack.url, true, `${relayUrl}/events`) : sitePage(stack.url, false));
  });
  await new Promise<void>((resolve) => site.listen(port, '127.0.0.1', resolve));
  siteUrl = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (site ? site.close(resolve) : resolve(undefined)));
  await new Promise((resolve) => (relay ? relay.close(resolve) : resolve(undefined)));
  await stack?.dispose();
});

describe('the browser tracker on a site', () => {
  it('is served at /tracker.js by the router, built from the current source', async () => {
    const res = await fetch(`${stack.url}/tracker.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    const dir = mkdtempSync(join(tmpdir(), 'tracker-'));
    try {
      const fresh = (await buildTrackerScript(join(dir, 'tracker.js'))) as { file: string; bytes: number };
      expect(await res.text()).toBe(readFileSync(fresh.file, 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('records page views (UTM landing, SPA navigation, time on page), a custom event and video events, read back from Iceberg', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const sends: { method: string; contentType: string | undefined; status: number }[] = [];
    page.on('response', (res) => {
      if (res.url() === `${stack.url}/events`)
        sends.push({
          method: res.request().method(),
          contentType: res.request().headers()['content-type'],
          status: res.status(),
        });
    });

    await page.goto(`${siteUrl}/landing?utm_source=newsletter&utm_medium=email&utm_campaign=launch`, {
      referer: 'https://news.example/story',
    });
    await page.waitForFunction(
      () => typeof (window as { tracker?: { track?: unknown } }).tracker?.track === 'function',
    );
    const sessionId = await page.evaluate(
      () => JSON.parse(sessionStorage.getItem('analytics:session') ?? '{}').id as string,
    );
    expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await page.evaluate(() => document.cookie)).toBe('');
    await page.waitForTimeout(1_500);

    // SPA navigation: the router pushes the URL, then sets the title.
    await page.evaluate(() => {
      history.pushState({}, '', '/docs/install');
      document.title = 'Install';
    });
    await page.evaluate(() =>
      (window as unknown as { tracker: (...a: unknown[]) => void }).tracker('track', 'signup', {
        plan: 'pro',
        seats: 3,
      }),
    );
    // The video: play, seek to 1 s, pause.
    await page.evaluate(async () => {
      const video = document.getElementById('intro') as HTMLVideoElement;
      (window as unknown as { tracker: { trackVideo(v: HTMLVideoElement): void } }).tracker.trackVideo(video);
      await video.play();
      await new Promise((r) => setTimeout(r, 300));
      const seeked = new Promise((r) => video.addEventListener('seeked', r, { once: true }));
      video.currentTime = 1;
      await seeked;
      video.pause();
    });
    await page.waitForTimeout(1_000);
    // Leaving the site: the last page view goes out as the page unloads.
    await page.goto('about:blank');
    await context.close();

    const views = await flushedRows(
      'page_views',
      [
        'session_id',
        'user_id',
        'project_id',
        'environment',
        'version',
        'page_url',
        'page_title',
        'referrer',
        'utm_source',
        'utm_medium',
        'utm_campaign',
        'time_on_page',
        'browser',
        'os',
      ],
      (rows) => rows.filter((r) => r.session_id === sessionId).length >= 2,
    );
    const mine = views
      .filter((r) => r.session_id === sessionId)
      .sort((a, b) => String(a.page_url).localeCompare(String(b.page_url)));
    expect(mine.map(({ event_id: _id, time_on_page: _t, ...r }) => r)).toEqual([
      {
        session_id: sessionId,
        user_id: 'visitor-1',
        project_id: 'web',
        environment: 'e2e',
        version: '1',
        page_url: `${siteUrl}/docs/install`,
        page_title: 'Install',
        referrer: null,
        utm_source: null,
        utm_medium: null,
        utm_campaign: null,
        browser: 'Chrome',
        os: 'Linux',
      },
      {
        session_id: sessionId,
        user_id: 'visitor-1',
        project_id: 'web',
        environment: 'e2e',
        version: '1',
        page_url: `${siteUrl}/landing?utm_source=newsletter&utm_medium=email&utm_campaign=launch`,
        page_title: 'Landing',
        referrer: 'https://news.example/story',
        utm_source: 'newsletter',
        utm_medium: 'email',
        utm_campaign: 'launch',
        browser: 'Chrome',
        os: 'Linux',
      },
    ]);
    const [docs, landing] = mine.map((r) => Number(r.time_on_page));
    expect(landing).toBeGreaterThanOrEqual(1.4);
    expect(landing).toBeLessThan(30);
    expect(docs).toBeGreaterThan(0);

    const actions = await flushedRows(
      'user_actions',
      ['event_type', 'session_id', 'user_id', 'properties'],
      (rows) => rows.some((r) => r.session_id === sessionId),
    );
    const signup = actions.find((r) => r.session_id === sessionId);
    expect(signup).toMatchObject({ event_type: 'signup', user_id: 'visitor-1' });
    // Keyless events keep their fields in properties (they never add columns).
    expect(JSON.parse(String(signup?.properties))).toEqual({
      plan: 'pro',
      seats: 3,
      page_url: `${siteUrl}/docs/install`,
    });

    const video = await flushedRows(
      'video_events',
      ['session_id', 'video_id', 'action', 'position', 'duration', 'playback_rate', 'buffered'],
      (rows) => rows.filter((r) => r.session_id === sessionId).length >= 3,
    );
    const plays = video
      .filter((r) => r.session_id === sessionId)
      .sort(
        (a, b) =>
          ['play', 'seek', 'pause'].indexOf(String(a.action)) -
          ['play', 'seek', 'pause'].indexOf(String(b.action)),
      );
    expect(plays.map((r) => [r.video_id, r.action, r.duration, r.playback_rate])).toEqual([
      ['intro-video', 'play', 2, 1],
      ['intro-video', 'seek', 2, 1],
      ['intro-video', 'pause', 2, 1],
    ]);
    expect(Number(plays[1]?.position)).toBeCloseTo(1, 1);
    expect(Number(plays[2]?.position)).toBeGreaterThanOrEqual(1);
    expect(Number(plays[2]?.buffered)).toBeCloseTo(2, 1);

    // Keyless sends are plain text/plain POSTs answered 202 (no preflight).
    expect(sends.length).toBeGreaterThan(0);
    for (const send of sends)
      expect(send).toEqual({ method: 'POST', contentType: 'text/plain;charset=UTF-8', status: 202 });
  }, 240_000);

  it('sends with X-API-Key after a CORS preflight when the snippet has data-key, and its custom fields become columns', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${siteUrl}/keyed`);
    await page.waitForFunction(
      () => typeof (window as { tracker?: { track?: unknown } }).tracker?.track === 'function',
    );
    const sessionId = await page.evaluate(async () => {
      const t = (
        window as unknown as { tracker: { track(e: string, p: object): void; flush(): Promise<void> } }
      ).tracker;
      t.track('signup', { plan: 'team', seats: 12 });
      await t.flush();
      return JSON.parse(sessionStorage.getItem('analytics:session') ?? '{}').id as string;
    });
    await context.close();

    const rows = await flushedRows('user_actions', ['session_id', 'project_id', 'plan', 'seats'], (r) =>
      r.some((row) => row.session_id === sessionId),
    );
    expect(rows.find((r) => r.session_id === sessionId)).toMatchObject({
      project_id: 'shop',
      plan: 'team',
      seats: 12,
    });
    // The browser asked first (X-API-Key is not a CORS-safelisted header), the stack allowed it, then the POST went.
    const preflight = relayed.findIndex((r) => r.method === 'OPTIONS');
    const post = relayed.findIndex((r) => r.method === 'POST');
    expect(preflight).toBeGreaterThanOrEqual(0);
    expect(post).toBeGreaterThan(preflight);
    expect(relayed[preflight]?.requestHeaders.toLowerCase()).toContain('x-api-key');
    expect(relayed[preflight]?.status).toBe(204);
    expect(relayed[preflight]?.allowHeaders.toLowerCase()).toContain('x-api-key');
    expect(relayed[post]?.status).toBe(202);
  }, 180_000);
});
