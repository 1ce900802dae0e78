import { zCustomEvent, zPageViewEvent, zVideoEvent } from '@analytics/generated/ingest/zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compile, withFastAccept } from '../src/index.ts';

/** A small deterministic PRNG (mulberry32), so a failure names a reproducible case. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BASE = {
  event_id: '3f1d6a52-6f8e-4c53-9a55-0d9f1f3c2b10',
  timestamp: '2026-01-15T12:00:00.000000Z',
  session_id: 's-1',
  user_id: 'u-1',
  project_id: 'web',
  environment: 'production',
  version: '1',
};

const TEMPLATES: Record<string, Record<string, unknown>> = {
  page_view: {
    ...BASE,
    event_type: 'page_view',
    page_url: 'https://example.com/',
    page_title: 'Home',
    referrer: 'https://www.google.com/',
    utm_source: 'news',
    time_on_page: 12.5,
    country: 'DE',
  },
  video_event: {
    ...BASE,
    event_type: 'video_event',
    video_id: 'v1',
    action: 'play',
    position: 0,
    duration: 300,
    playback_rate: 1,
    quality: '1080p',
    buffered: 4,
  },
  custom: { ...BASE, event_type: 'com.example.order.created', source: '/shop', total: 12.5 },
};

/** Values that probe the edges of each kind of field. */
const ODD_VALUES: readonly unknown[] = [
  undefined,
  null,
  '',
  ' ',
  'x',
  0,
  -1,
  1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  false,
  [],
  ['a'],
  {},
  { a: 1 },
  'page_view',
  'video_event',
  'page_view ',
  'play',
  'PLAY',
  'complete',
  'stop',
  '3F1D6A52-6F8E-4C53-9A55-0D9F1F3C2B10',
  '3f1d6a52-6f8e-0c53-9a55-0d9f1f3c2b10',
  '3f1d6a52-6f8e-4c53-1a55-0d9f1f3c2b10',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'urn:uuid:3f1d6a52-6f8e-4c53-9a55-0d9f1f3c2b10',
  '3f1d6a526f8e4c539a550d9f1f3c2b10',
  '2026-01-15T12:00:00Z',
  '2026-01-15T12:00:00.123Z',
  '2026-01-15T12:00:00+01:00',
  '2026-01-15T12:00:00',
  '2026-01-15',
  '2026-01-15t12:00:00z',
  '2026-13-45T25:61:61Z',
  '2026-01-15T12:00:00.1234567890Z',
];

/** A template with a few fields removed, replaced or added at random. */
function mutate(template: Record<string, unknown>, next: () => number): Record<string, unknown> {
  const event: Record<string, unknown> = { ...template };
  const names = Object.keys(template);
  const changes = Math.floor(next() * 4);
  for (let i = 0; i < changes; i++) {
    const roll = next();
    const name = roll < 0.85 ? names[Math.floor(next() * names.length)]! : `extra_${Math.floor(next() * 3)}`;
    if (next() < 0.2) delete event[name];
    else event[name] = ODD_VALUES[Math.floor(next() * ODD_VALUES.length)];
  }
  return event;
}

describe('the fast accept path in front of the contract schemas', () => {
  it('compiles every event schema of the contract', () => {
    for (const schema of [zPageViewEvent, zVideoEvent, zCustomEvent]) expect(compile(schema)).toBeDefined();
  });

  it('never accepts an event zod rejects, over 30,000 generated events', () => {
    const next = random(20261203);
    let agreedValid = 0;
    let zodValid = 0;
    for (const [name, schema] of [
      ['page_view', zPageViewEvent],
      ['video_event', zVideoEvent],
      ['custom', zCustomEvent],
    ] as const) {
      const accepts = compile(schema)!;
      for (let i = 0; i < 10_000; i++) {
        const event = mutate(TEMPLATES[name]!, next);
        const zod = schema.safeParse(event).success;
        const fast = accepts(event);
        if (fast && !zod) expect.fail(`fast path accepted what zod rejects: ${JSON.stringify(event)}`);
        if (zod) zodValid++;
        if (zod && fast) agreedValid++;
      }
    }
    // The shortcut must carry the common case, not just be safe.
    expect(zodValid).toBeGreaterThan(3_000);
    expect(agreedValid / zodValid).toBeGreaterThan(0.99);
  });

  it('leaves to zod what it does not know, and zod still writes the errors', () => {
    expect(compile(z.object({ a: z.string().email() }))).toBeDefined();
    expect(compile(z.object({ a: z.string().transform((s) => s.length) }))).toBeUndefined();
    expect(compile(z.strictObject({ a: z.string() }))).toBeUndefined();
    expect(compile(z.object({ n: z.number().int() }))).toBeUndefined();
    const checked = withFastAccept(zPageViewEvent).safeParse({ ...TEMPLATES.page_view, page_url: 7 });
    expect(checked.success).toBe(false);
    if (!checked.success) expect(checked.error.issues[0]?.path).toEqual(['page_url']);
  });
});
