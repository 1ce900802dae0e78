import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createContext, runInContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM build script, no type declarations
import { buildTracker } from '../build.mjs';
import { FakeHost } from './fake-host.ts';

interface Built {
  file: string;
  bytes: number;
  gzipBytes: number;
}

let dir: string;
let built: Built[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tracker-build-'));
  built = (await buildTracker(dir)) as Built[];
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the build', () => {
  it('makes one small script and one small module (budget: 10 KB minified, 4.5 KB gzipped)', () => {
    expect(built.map((b) => b.file)).toEqual([join(dir, 'tracker.js'), join(dir, 'tracker.mjs')]);
    for (const b of built) {
      expect(b.bytes).toBeLessThan(10_000);
      expect(b.gzipBytes).toBeLessThan(4_500);
    }
  });

  it('tracker.js starts itself from its script tag and sends a page view as the page is left', async () => {
    const host = new FakeHost({ url: 'https://site.example/?utm_source=x', title: 'Built' });
    const currentScript = {
      src: 'https://analytics.example/tracker.js',
      getAttribute: (name: string) => ({ 'data-project': 'web' })[name] ?? null,
    };
    const context = createContext({
      window: host,
      document: Object.assign(host.document, { currentScript }),
      URL,
      URLSearchParams,
      TextEncoder,
      console,
    });
    runInContext(readFileSync(join(dir, 'tracker.js'), 'utf8'), context);
    expect(typeof (host as unknown as { tracker: unknown }).tracker).toBe('function');
    host.dispatch('pagehide');
    await host.settle();
    expect(host.requests[0]?.url).toBe('https://analytics.example/events');
    expect(host.sent[0]).toMatchObject({
      event_type: 'page_view',
      project_id: 'web',
      page_url: 'https://site.example/?utm_source=x',
      page_title: 'Built',
      utm_source: 'x',
    });
  });

  it('tracker.mjs exports the module API', async () => {
    const module = (await import(pathToFileURL(join(dir, 'tracker.mjs')).href)) as Record<string, unknown>;
    for (const name of ['init', 'track', 'pageview', 'setUser', 'trackVideo', 'flush', 'createTracker'])
      expect(typeof module[name]).toBe('function');
  });
});
