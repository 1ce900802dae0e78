import type { BufferedEvent } from './dashboard.ts';

/**
 * Buffered rows as the collector returns them (event-table rows; `timestamp`
 * in microseconds or as an ISO string) into the realtime query's shape.
 * Rows that are not objects, have no usable time or id, or were flagged as
 * bots are left out.
 */
export function bufferedEventsFrom(rows: readonly unknown[]): BufferedEvent[] {
  const out: BufferedEvent[] = [];
  for (const r of rows) {
    if (!r || typeof r !== 'object') continue;
    const o = r as Record<string, unknown>;
    const ts = o.timestamp;
    const ms =
      typeof o.ms === 'number'
        ? o.ms
        : typeof ts === 'number'
          ? ts / 1000
          : typeof ts === 'string'
            ? /^\d+$/.test(ts)
              ? Number(ts) / 1000
              : Date.parse(ts)
            : Number.NaN;
    if (!Number.isFinite(ms) || typeof o.event_id !== 'string' || o.is_bot === true) continue;
    const s = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : null);
    out.push({
      event_id: o.event_id,
      ms,
      event_type: s('event_type') ?? 'unknown',
      user_id: s('user_id'),
      session_id: s('session_id'),
      project_id: s('project_id'),
      environment: s('environment'),
      page_url: s('page_url'),
      page_title: s('page_title'),
      time_on_page: typeof o.time_on_page === 'number' ? o.time_on_page : null,
    });
  }
  return out;
}
