import { ApiKeyRing, CONTRACT_SCHEMAS, DEFAULT_LIMITS, ingest, MemoryEventSink } from '@analytics/events';
import { describe, expect, it } from 'vitest';
import { writeDataPoints } from '../src/analytics-engine.ts';
import { pageView } from './fixtures.ts';

/** An Analytics Engine dataset that keeps what is written. */
class RecordingDataset implements AnalyticsEngineDataset {
  readonly points: AnalyticsEngineDataPoint[] = [];
  writeDataPoint(point?: AnalyticsEngineDataPoint): void {
    if (point !== undefined) this.points.push(point);
  }
}

async function prepared(events: Record<string, unknown>[], country: string) {
  const { batch } = await ingest(
    new Request('https://c/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'k', 'cf-ipcountry': country },
      body: JSON.stringify({ events }),
    }),
    {
      schemas: CONTRACT_SCHEMAS,
      limits: DEFAULT_LIMITS,
      keys: await ApiKeyRing.fromSettings({ ANALYTICS_API_KEY: 'k' }),
      botPolicy: 'flag',
      now: () => Date.now(),
      newEventId: () => crypto.randomUUID(),
      sink: new MemoryEventSink(),
    },
  );
  return batch?.prepared ?? [];
}

describe('Workers Analytics Engine data points', () => {
  it('writes one point per group with the event count, and nothing without a binding', async () => {
    const events = await prepared(
      [...Array.from({ length: 5 }, () => pageView()), pageView({ project_id: 'other' })],
      'GB',
    );
    const dataset = new RecordingDataset();
    writeDataPoints(dataset, events);
    expect(dataset.points).toEqual([
      {
        indexes: ['rawkode-academy'],
        blobs: ['page_views', 'page_view', 'rawkode-academy', 'GB', '', '', ''],
        doubles: [5],
      },
      { indexes: ['other'], blobs: ['page_views', 'page_view', 'other', 'GB', '', '', ''], doubles: [1] },
    ]);
    expect(() => writeDataPoints(undefined, events)).not.toThrow();
  });

  it('stays within 250 points per request', async () => {
    const events = await prepared(
      Array.from({ length: 400 }, (_, i) => pageView({ project_id: `p-${i}` })),
      'DE',
    );
    const dataset = new RecordingDataset();
    writeDataPoints(dataset, events);
    expect(dataset.points).toHaveLength(250);
  });
});
