/**
 * Shared by the collector's end-to-end tests: sending events to the stack's
 * public origin and reading the event tables back with PyIceberg through the
 * catalog (tests/e2e/python/collector_read.py).
 */
import { pythonJson } from '../helpers/python.ts';

/** The ingest key the tests configure (ANALYTICS_API_KEY). */
export const INGEST_KEY = 'e2e-ingest-key';
/** The catalog's local admin client (`CATALOG_CREDENTIAL` default). */
export const CATALOG_CREDENTIAL = 'analytics:analytics-secret';

/** What the Python reader reports per table (null when the table does not exist yet). */
export interface TableReport {
  readonly rows: number;
  readonly distinct_event_ids: number;
  readonly event_ids: string[];
  readonly snapshots: number;
  readonly columns: string[];
}

/** Reads tables with PyIceberg through the catalog at `url`. */
export function readTables(
  url: string,
  tables: readonly string[],
): Promise<Record<string, TableReport | null>> {
  return pythonJson<Record<string, TableReport | null>>('collector_read.py', [
    url,
    CATALOG_CREDENTIAL,
    ...tables,
  ]);
}

/** One table's schema and some columns, as PyIceberg reads them. */
export interface ColumnsReport {
  readonly fields: { id: number; name: string; type: string; required: boolean }[];
  readonly rows: Record<string, unknown>[];
}

/** `default.<table>`'s schema and every row's event_id and `columns`, read with PyIceberg (columns matched by field id). */
export function readColumns(url: string, table: string, columns: readonly string[]): Promise<ColumnsReport> {
  return pythonJson<ColumnsReport>('collector_columns.py', [url, CATALOG_CREDENTIAL, table, ...columns]);
}

/** Polls `readTables` until `done` holds or `timeoutMs` passes; returns the last report. */
export async function waitForTables(
  url: string,
  tables: readonly string[],
  done: (report: Record<string, TableReport | null>) => boolean,
  timeoutMs: number,
): Promise<Record<string, TableReport | null>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const report = await readTables(url, tables);
      if (done(report) || Date.now() > deadline) return report;
    } catch (error) {
      // A read can time out while the stack is busy; try again until the deadline.
      if (Date.now() > deadline) throw error;
    }
    await new Promise((r) => setTimeout(r, 2_000));
  }
}

/** POST /events with the ingest key (unless `headers` overrides it). */
export function postEvents(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${url}/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': INGEST_KEY, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** A complete page view (SEED.md's example with its "... other fields" filled in). */
export function pageView(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    event_type: 'page_view',
    timestamp: new Date().toISOString(),
    page_url: 'https://rawkode.academy/',
    page_title: 'Rawkode Academy',
    session_id: 's-e2e',
    project_id: 'rawkode-academy',
    environment: 'production',
    version: '1',
    ...overrides,
  };
}

/** A complete video event. */
export function videoEvent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    event_type: 'video_event',
    timestamp: new Date().toISOString(),
    video_id: 'v-e2e',
    action: 'play',
    position: 0,
    duration: 600,
    playback_rate: 1,
    session_id: 's-e2e',
    project_id: 'rawkode-academy',
    environment: 'production',
    version: '1',
    ...overrides,
  };
}

/** A UUID v4 with a recognisable tail. */
export function eventId(prefix: number, n: number): string {
  return `${String(prefix).padStart(8, '0')}-0000-4000-8000-${String(n).padStart(12, '0')}`;
}
