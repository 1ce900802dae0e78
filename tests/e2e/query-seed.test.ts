// biome-ignore-all lint/suspicious/noExplicitAny: the tests read GraphQL response JSON of many shapes.
/**
 * Issue 6, "Done when" 1 and 2 against the whole local stack: events sent
 * through `/events`, flushed by the collector into Iceberg, then SEED.md's
 * three GraphQL queries, verbatim, through `/graphql` (API Worker → query
 * engine). Answers are checked against PyIceberg + DuckDB reading the same
 * tables through the catalog; time travel to an instant between two commits
 * returns only the earlier commit's rows.
 */
import { AnalyticsClient } from '@analytics/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pythonJson } from '../helpers/python.ts';
import { type StackHandle, startTestStack } from '../helpers/stack.ts';
import {
  CATALOG_CREDENTIAL,
  eventId,
  INGEST_KEY,
  pageView,
  postEvents,
  videoEvent,
  waitForTables,
} from './collector-helpers.ts';

let stack: StackHandle;

beforeAll(async () => {
  // The API keeps its local defaults (services/api/dev.vars.json): public, and dev-query-key accepted.
  stack = await startTestStack({ vars: { ANALYTICS_API_KEY: INGEST_KEY, FLUSH_INTERVAL_MS: '1000' } });
});

afterAll(async () => {
  await stack?.dispose();
});

interface GraphqlBody {
  data?: Record<string, any>;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

async function gql(query: string): Promise<GraphqlBody> {
  const res = await fetch(`${stack.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return (await res.json()) as GraphqlBody;
}

interface Expected {
  eventCounts: Record<string, { count: number; uniqueUsers: number }>;
  purchasesNow: number;
  purchasesAt?: number;
  purchaseIdsAt?: string[];
}

/** `expectedOnce`, retried: PyIceberg's S3 reads can time out while the shared machine is busy. */
async function expected(start: string, end: string, atMs?: number): Promise<Expected> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await expectedOnce(start, end, atMs);
    } catch (e) {
      if (attempt >= 3 || !/Timeout was reached|timed out/i.test(String(e))) throw e;
    }
  }
}

function expectedOnce(start: string, end: string, atMs?: number): Promise<Expected> {
  return pythonJson<Expected>('query_expected.py', [
    stack.url,
    CATALOG_CREDENTIAL,
    start,
    end,
    ...(atMs === undefined ? [] : [String(atMs)]),
  ]);
}

const BROWSER = {
  'user-agent':
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
};

const january = (day: number, hour: number) => new Date(Date.UTC(2024, 0, day, hour, 7)).toISOString();

/** Polls until `check` passes (the engine refreshes from the catalog about once a second). */
async function eventually<T>(
  read: () => Promise<T>,
  check: (v: T) => boolean,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (check(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

describe('SEED.md GraphQL queries on data sent through /events', () => {
  const views = Array.from({ length: 120 }, (_, i) =>
    pageView({
      event_id: eventId(61, i),
      timestamp: january(1 + (i % 31), i % 24),
      session_id: `s-${i % 17}`,
      ...(i % 4 === 0 ? {} : { user_id: `u-${i % 11}` }),
      page_url: `https://rawkode.academy/p/${i % 5}`,
    }),
  );
  const plays = Array.from({ length: 30 }, (_, i) =>
    videoEvent({
      event_id: eventId(62, i),
      timestamp: january(2 + (i % 20), 3),
      session_id: `s-${i % 7}`,
      action: i % 3 === 0 ? 'complete' : 'play',
      position: i * 10,
    }),
  );
  const purchase = (n: number, batch: number) => ({
    specversion: '1.0',
    type: 'purchase',
    source: 'https://rawkode.academy/shop',
    id: eventId(63 + batch, n),
    time: january(3, 12),
    data: { amount: n },
  });

  let betweenCommitsMs = 0;

  beforeAll(async () => {
    // A browser's User-Agent: Node's own would be flagged as a bot, and bots are not counted.
    expect((await postEvents(stack.url, { events: [...views, ...plays] }, BROWSER)).status).toBe(202);
    // Two commits of purchases with a known instant between them.
    for (const p of [0, 1, 2]) {
      const res = await postEvents(stack.url, purchase(p, 0), {
        'content-type': 'application/cloudevents+json',
      });
      expect(res.status).toBe(202);
    }
    const first = await waitForTables(
      stack.url,
      ['page_views', 'video_events', 'custom_events'],
      (r) =>
        (r.page_views?.rows ?? 0) >= 120 &&
        (r.video_events?.rows ?? 0) >= 30 &&
        (r.custom_events?.rows ?? 0) >= 3,
      90_000,
    );
    expect([first.page_views?.rows, first.video_events?.rows, first.custom_events?.rows]).toEqual([
      120, 30, 3,
    ]);
    await new Promise((r) => setTimeout(r, 1_500));
    betweenCommitsMs = Date.now();
    await new Promise((r) => setTimeout(r, 1_500));
    for (const p of [3, 4]) {
      const res = await postEvents(stack.url, purchase(p, 1), {
        'content-type': 'application/cloudevents+json',
      });
      expect(res.status).toBe(202);
    }
    const second = await waitForTables(
      stack.url,
      ['custom_events'],
      (r) => (r.custom_events?.rows ?? 0) >= 5,
      90_000,
    );
    expect(second.custom_events?.rows).toBe(5);
  }, 240_000);

  it('GetEventCounts, verbatim, matches PyIceberg + DuckDB over the same tables', async () => {
    const truth = await expected('2024-01-01T00:00:00Z', '2024-02-01T00:00:00Z');
    expect(truth.eventCounts.page_view?.count).toBe(120);
    const body = await eventually(
      () =>
        gql(`query GetEventCounts {
  analytics {
    eventCounts(
      timeRange: { start: "2024-01-01", end: "2024-01-31" }
      eventTypes: ["page_view", "video_event"]
    ) {
      eventType
      count
      uniqueUsers
    }
  }
}`),
      (b) => b.data?.analytics?.eventCounts?.[0]?.count === 120,
    );
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    const got = Object.fromEntries(
      (
        (body.data?.analytics?.eventCounts ?? []) as {
          eventType: string;
          count: number;
          uniqueUsers: number;
        }[]
      ).map((r) => [r.eventType, { count: r.count, uniqueUsers: r.uniqueUsers }]),
    );
    expect(got).toEqual(truth.eventCounts);
  }, 120_000);

  it('HistoricalData, verbatim, runs (nothing had been committed by 2024-01-15)', async () => {
    const body = await gql(`query HistoricalData {
  analytics {
    timeTravel(
      timestamp: "2024-01-15T12:00:00Z"
      query: "SELECT * FROM events WHERE type = 'purchase'"
    ) {
      results
    }
  }
}`);
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    expect(body.data?.analytics?.timeTravel.results).toEqual([]);
  });

  it('time travel to an instant between two commits returns only the earlier data', async () => {
    const truth = await expected('2024-01-01T00:00:00Z', '2024-02-01T00:00:00Z', betweenCommitsMs);
    expect(truth.purchasesAt).toBe(3);
    expect(truth.purchasesNow).toBe(5);
    const at = new Date(betweenCommitsMs).toISOString();
    const body = await eventually(
      () =>
        gql(
          `{ analytics { timeTravel(timestamp: "${at}", query: "SELECT event_id FROM events WHERE type = 'purchase' ORDER BY event_id") { results snapshotId } } }`,
        ),
      (b) => Array.isArray(b.data?.analytics?.timeTravel?.results),
    );
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    const ids = ((body.data?.analytics?.timeTravel?.results ?? []) as { event_id: string }[]).map(
      (r) => r.event_id,
    );
    expect(ids).toEqual(truth.purchaseIdsAt);
    const now = await gql(
      `{ analytics { timeTravel(timestamp: "${new Date().toISOString()}", query: "SELECT count(*) AS n FROM events WHERE type = 'purchase'") { results } } }`,
    );
    expect(now.data?.analytics?.timeTravel.results).toEqual([{ n: '5' }]);
  }, 120_000);

  it('TableInfo, verbatim, lists the event tables as the catalog has them', async () => {
    const body = await gql(`query TableInfo {
  catalog {
    tables {
      name
      location
      currentSnapshotId
      lastUpdated
      recordCount
      sizeInBytes
    }
  }
}`);
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    const tables = body.data?.catalog?.tables as {
      name: string;
      location: string;
      currentSnapshotId: string;
      recordCount: string;
    }[];
    const pv = tables.find((t) => t.name === 'page_views');
    expect(pv).toMatchObject({ location: 's3://analytics-source/events/page_views', recordCount: '120' });
    expect(pv?.currentSnapshotId).toMatch(/^\d+$/);
    expect(tables.find((t) => t.name === 'custom_events')?.recordCount).toBe('5');
  });

  it('the typed client reads the same numbers, estimated uniques within 5 %', async () => {
    const client = new AnalyticsClient({ url: `${stack.url}/graphql` });
    const truth = await expected('2024-01-01T00:00:00Z', '2024-02-01T00:00:00Z');
    const timeRange = { start: '2024-01-01', end: '2024-01-31' };
    const estimated = await client.eventCounts({
      timeRange,
      eventTypes: ['page_view'],
      uniques: 'ESTIMATED',
    });
    expect(estimated).toHaveLength(1);
    expect(estimated[0]?.estimated).toBe(true);
    expect(estimated[0]?.count).toBe(truth.eventCounts.page_view?.count);
    const exactUsers = truth.eventCounts.page_view?.uniqueUsers ?? 0;
    expect(Math.abs((estimated[0]?.uniqueUsers ?? 0) - exactUsers) / exactUsers).toBeLessThan(0.05);
    // Dashboard queries are estimated unless asked for EXACT (the contract's default).
    const traffic = await client.traffic({ timeRange, interval: 'DAY' });
    expect(traffic.estimated).toBe(true);
    expect(traffic.points).toHaveLength(31);
    expect(traffic.totalPageviews).toBe(120);
    const exactTraffic = await client.traffic({ timeRange, interval: 'DAY', uniques: 'EXACT' });
    expect(exactTraffic.estimated).toBe(false);
    expect(exactTraffic.totalPageviews).toBe(120);
    const tables = await client.tables();
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining(['page_views', 'video_events', 'custom_events']),
    );
  });

  it('the local API answers without a key and with dev-query-key, and refuses a wrong key', async () => {
    const url = `${stack.url}/graphql`;
    const keyed = await new AnalyticsClient({ url, apiKey: 'dev-query-key' }).tables();
    expect(keyed).toEqual(await new AnalyticsClient({ url }).tables());
    const wrong = await new AnalyticsClient({ url, apiKey: 'dev-api-key' }).tables().catch((e: unknown) => e);
    expect(wrong).toMatchObject({ status: 403, code: 'FORBIDDEN' });
  });
});
