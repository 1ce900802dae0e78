import type { PreparedEvent } from '@analytics/events';

// Workers accept at most 250 data points per invocation.
const MAX_POINTS = 250;

/**
 * Writes Workers Analytics Engine data points for stored events: one point
 * per (table, event type, project, country, device, browser, os) of the
 * request with the event count in `double1`, so a batch of 500 events stays
 * within the per-invocation limit and `SUM(double1)` counts events.
 *
 * blobs: table, event_type, project_id, country, device_type, browser, os; index: project_id.
 */
export function writeDataPoints(
  dataset: AnalyticsEngineDataset | undefined,
  events: readonly PreparedEvent[],
): void {
  if (dataset === undefined || events.length === 0) return;
  const groups = new Map<string, { blobs: string[]; count: number }>();
  for (const event of events) {
    const r = event.row;
    const blobs = [event.table, r.event_type, r.project_id, r.country, r.device_type, r.browser, r.os].map(
      (v) => (v === null || v === undefined ? '' : String(v)),
    );
    const key = blobs.join('\u0000');
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { blobs, count: 1 });
    else group.count++;
  }
  let written = 0;
  for (const { blobs, count } of groups.values()) {
    if (written++ >= MAX_POINTS) break;
    dataset.writeDataPoint({ indexes: [blobs[2] ?? ''], blobs, doubles: [count] });
  }
}
