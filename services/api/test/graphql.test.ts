// biome-ignore-all lint/suspicious/noExplicitAny: the tests read GraphQL response JSON of many shapes.
import { env, SELF } from 'cloudflare:test';
import { compareGraphqlSchemas } from '@analytics/contract-check';
import { getIntrospectionQuery } from 'graphql';
import { describe, expect, it } from 'vitest';

async function gql(query: string, variables?: Record<string, unknown>) {
  const res = await SELF.fetch('https://api.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${env.ANALYTICS_QUERY_KEY}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: any[] } };
}

// SEED.md's three queries, verbatim.
const GET_EVENT_COUNTS = `query GetEventCounts {
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
}`;
const HISTORICAL_DATA = `query HistoricalData {
  analytics {
    timeTravel(
      timestamp: "2024-01-15T12:00:00Z"
      query: "SELECT * FROM events WHERE type = 'purchase'"
    ) {
      results
    }
  }
}`;
const TABLE_INFO = `query TableInfo {
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
}`;

describe('SEED.md queries, verbatim', () => {
  it('GetEventCounts matches DuckDB over the same files', async () => {
    const { status, body } = await gql(GET_EVENT_COUNTS);
    expect(status).toBe(200);
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    const byType = Object.fromEntries(
      body.data.analytics.eventCounts.map((r: any) => [
        r.eventType,
        { count: r.count, uniqueUsers: r.uniqueUsers },
      ]),
    );
    expect(byType).toEqual(env.EXPECTED.eventCounts);
  });

  it('HistoricalData reads only what was committed before the timestamp', async () => {
    const { body } = await gql(HISTORICAL_DATA);
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    const rows = body.data.analytics.timeTravel.results as any[];
    expect(rows).toHaveLength(env.EXPECTED.purchasesBefore);
    expect(rows.every((r) => r.type === 'purchase' && r.event_id.startsWith('p1-'))).toBe(true);
    const now = await gql(
      `{ analytics { timeTravel(timestamp: "2024-01-25T00:00:00Z", query: "SELECT count(*) AS n FROM custom_events WHERE event_type = 'purchase'") { results snapshotId } } }`,
    );
    expect(now.body.data.analytics.timeTravel.results).toEqual([{ n: String(env.EXPECTED.purchasesAfter) }]);
    // A 64-bit snapshot id beyond 2^53 survives exactly, as a string.
    expect(now.body.data.analytics.timeTravel.snapshotId).toBe('9007199254740993');
  });

  it('TableInfo lists every table with its current snapshot', async () => {
    const { body } = await gql(TABLE_INFO);
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    const tables = body.data.catalog.tables as any[];
    expect(tables.map((t) => t.name).sort()).toEqual([
      'custom_events',
      'daily_totals',
      'page_views',
      'video_events',
    ]);
    const custom = tables.find((t) => t.name === 'custom_events');
    expect(custom).toEqual({
      name: 'custom_events',
      location: 's3://analytics-source/events/custom_events',
      currentSnapshotId: '9007199254740993',
      lastUpdated: '2024-01-20T00:00:00.000Z',
      recordCount: '65',
      sizeInBytes: '2000',
    });
  });
});

describe('errors and limits', () => {
  it('returns refused SQL as a GraphQL error with a code', async () => {
    const { status, body } = await gql(
      `{ analytics { timeTravel(snapshotId: "3001", query: "SELECT * FROM read_csv('/etc/passwd')") { results } } }`,
    );
    expect(status).toBe(200);
    expect(body.data).toBeNull();
    expect(body.errors?.[0]).toMatchObject({
      path: ['analytics', 'timeTravel'],
      extensions: { code: 'FORBIDDEN' },
    });
    expect(body.errors?.[0].message).toMatch(/read_csv\(\) is not allowed/);
  });

  it('refuses time travel before the oldest kept snapshot with SNAPSHOT_EXPIRED, naming both instants', async () => {
    const { status, body } = await gql(
      `{ analytics { timeTravel(timestamp: "2024-01-15T12:00:00Z", query: "SELECT count(*) AS n FROM daily_totals") { results } } }`,
    );
    expect(status).toBe(200);
    expect(body.data).toBeNull();
    expect(body.errors?.[0]).toMatchObject({
      path: ['analytics', 'timeTravel'],
      extensions: {
        code: 'SNAPSHOT_EXPIRED',
        timestamp: '2024-01-15T12:00:00.000Z',
        oldestSnapshotId: '4002',
        oldestSnapshotTimestamp: '2024-01-20T00:00:00.000Z',
      },
    });
    expect(body.errors?.[0].message).toMatch(
      /2024-01-15T12:00:00\.000Z: analytics\.daily_totals .*expired.*2024-01-20T00:00:00\.000Z/,
    );
    // From the oldest kept snapshot on, it reads.
    const kept = await gql(
      `{ analytics { timeTravel(timestamp: "2024-01-20T00:00:00Z", query: "SELECT count(*) AS n FROM daily_totals") { results } } }`,
    );
    expect(kept.body.data.analytics.timeTravel.results).toEqual([{ n: '19' }]);
  });

  it('refuses timeTravel with both or neither of timestamp and snapshotId', async () => {
    const { body } = await gql(`{ analytics { timeTravel(query: "SELECT 1") { results } } }`);
    expect(body.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('answers GET with variables that are not JSON with 400 naming the parameter', async () => {
    const url = new URL('https://api.test/graphql');
    url.searchParams.set('query', 'query($n: Int) { __typename }');
    url.searchParams.set('variables', '{not json');
    const res = await SELF.fetch(url, { headers: { authorization: `Bearer ${env.ANALYTICS_QUERY_KEY}` } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { message: string }[] };
    expect(body.errors[0]?.message).toContain('`variables`');
  });

  it('refuses queries past the depth and complexity limits before running them', async () => {
    const fields = Array.from(
      { length: 13 },
      (_, i) => `c${i}: eventCounts(timeRange: { start: "2024-01-01", end: "2024-01-02" }) { count }`,
    );
    const { status, body } = await gql(`{ analytics { ${fields.join(' ')} } }`);
    expect(status).toBe(400);
    expect(body.errors?.[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(body.errors?.[0].message).toMatch(/costs \d+/);
  });
});

describe('served schema', () => {
  it('introspection at /graphql matches contracts/analytics.graphql', async () => {
    const { body } = await gql(getIntrospectionQuery());
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    expect(compareGraphqlSchemas(body.data, env.CONTRACT_SDL)).toEqual([]);
  });

  it('answers dashboard queries with exact or estimated uniques as asked', async () => {
    const q = (u: string) =>
      gql(`{ analytics { traffic(timeRange: { start: "2024-01-01", end: "2024-01-31" }, interval: DAY, uniques: ${u}) {
        totalPageviews totalVisitors estimated points { bucket pageviews } } } }`);
    const exact = (await q('EXACT')).body.data.analytics.traffic;
    const estimated = (await q('ESTIMATED')).body.data.analytics.traffic;
    expect(exact.estimated).toBe(false);
    expect(estimated.estimated).toBe(true);
    expect(exact.points).toHaveLength(31);
    expect(estimated.points).toEqual(exact.points);
    expect(Math.abs(estimated.totalVisitors - exact.totalVisitors) / exact.totalVisitors).toBeLessThan(0.03);
  });

  it('without `uniques`, eventCounts is exact and the dashboard queries are estimated', async () => {
    const range = 'timeRange: { start: "2024-01-01", end: "2024-01-31" }';
    const { body } = await gql(`{ analytics {
      eventCounts(${range}) { estimated }
      traffic(${range}) { estimated }
      topPages(${range}) { estimated }
      breakdown(dimension: COUNTRY, ${range}) { estimated }
      videoEngagement(${range}) { totals { estimated } }
    } }`);
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    const a = body.data.analytics;
    expect(a.eventCounts.length).toBeGreaterThan(0);
    expect(a.eventCounts.every((r: any) => r.estimated === false)).toBe(true);
    expect(a.traffic.estimated).toBe(true);
    expect(a.topPages.length).toBeGreaterThan(0);
    expect(a.topPages.every((r: any) => r.estimated === true)).toBe(true);
    expect(a.breakdown.estimated).toBe(true);
    expect(a.videoEngagement.totals.estimated).toBe(true);
  });
});

describe('realtime', () => {
  it('includes events still buffered in the collector', async () => {
    const { body } = await gql(
      `{ analytics { realtime { pageviews visitors bufferedEvents events topPages(limit: 1) { pageUrl pageviews } } } }`,
    );
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    // The fixture's committed data is from 2024: only the buffered view is in the window.
    expect(body.data.analytics.realtime).toEqual({
      pageviews: 1,
      visitors: 1,
      bufferedEvents: 1,
      events: 1,
      topPages: [{ pageUrl: 'https://rawkode.academy/live', pageviews: 1 }],
    });
  });
});
