import {
  ApiKeyRing,
  CONTRACT_SCHEMAS,
  type ColumnCatalog,
  DEFAULT_LIMITS,
  type IngestDeps,
  type IngestLimits,
  MemoryEventSink,
} from '../src/index.ts';

export const KEY = 'local-test-key';
export const NOW_MS = Date.UTC(2024, 0, 15, 12, 30, 0);
export const CHROME_UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';

/** A page view with every required field, as SEED.md's examples fill in "... other fields". */
export function pageView(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    event_type: 'page_view',
    timestamp: '2024-01-15T12:00:00Z',
    page_url: 'https://rawkode.academy/',
    page_title: 'Rawkode Academy',
    session_id: 's-123',
    project_id: 'rawkode-academy',
    environment: 'production',
    version: '1',
    ...overrides,
  };
}

export function videoEvent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    event_type: 'video_event',
    timestamp: '2024-01-15T12:00:00Z',
    video_id: 'v-1',
    action: 'play',
    position: 0,
    duration: 600,
    playback_rate: 1,
    session_id: 's-123',
    project_id: 'rawkode-academy',
    environment: 'production',
    version: '1',
    ...overrides,
  };
}

/** Deterministic UUID v4s: 00000000-0000-4000-8000-<n>. */
export function idSequence(): () => string {
  let n = 0;
  return () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
}

export interface Harness {
  readonly sink: MemoryEventSink;
  readonly deps: IngestDeps;
}

/** Ingest dependencies over HTTP (keys checked) or a binding (`http: false`). */
export async function harness(
  options: {
    http?: boolean;
    keys?: ApiKeyRing;
    limits?: IngestLimits;
    botPolicy?: 'flag' | 'drop';
    columns?: ColumnCatalog;
  } = {},
): Promise<Harness> {
  const sink = new MemoryEventSink();
  const keys = options.keys ?? (await ApiKeyRing.fromSettings({ ANALYTICS_API_KEY: KEY }));
  return {
    sink,
    deps: {
      schemas: CONTRACT_SCHEMAS,
      limits: options.limits ?? DEFAULT_LIMITS,
      keys: options.http === false ? undefined : keys,
      botPolicy: options.botPolicy ?? 'flag',
      now: () => NOW_MS,
      newEventId: idSequence(),
      sink,
      ...(options.columns === undefined ? {} : { columns: options.columns }),
    },
  };
}

export function post(body: unknown, headers: Record<string, string> = {}): Request {
  return new Request('https://collector.test/events', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': KEY, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
