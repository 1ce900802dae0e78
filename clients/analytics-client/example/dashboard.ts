/**
 * Example app: a text dashboard of the last 7 days, printed to the terminal.
 *
 *   npm start                          # the local stack, in another terminal
 *   npx node clients/analytics-client/example/dashboard.ts [http://localhost:8787/graphql]
 *
 * A deployed API needs its read key: ANALYTICS_QUERY_KEY=… npx node … (the local stack needs none).
 */
import { AnalyticsClient, AnalyticsError } from '../src/index.ts';

const url = process.argv[2] ?? 'http://localhost:8787/graphql';
const client = new AnalyticsClient({ url, apiKey: process.env.ANALYTICS_QUERY_KEY });
const end = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000);
const start = new Date(end.getTime() - 7 * 86_400_000);
const timeRange = { start: start.toISOString(), end: end.toISOString() };

try {
  const traffic = await client.traffic({ timeRange, interval: 'DAY' });
  console.log(`Traffic ${timeRange.start.slice(0, 10)} … ${timeRange.end.slice(0, 10)}`);
  console.log(
    `  ${traffic.totalPageviews} page views, ${traffic.totalVisitors} visitors, ${traffic.totalSessions} sessions${traffic.estimated ? ' (estimated)' : ''}`,
  );
  for (const p of traffic.points)
    console.log(`  ${p.bucket.slice(0, 10)}  ${'█'.repeat(Math.min(60, p.pageviews))} ${p.pageviews}`);

  console.log('\nTop pages');
  for (const p of await client.topPages({ timeRange, limit: 5 })) {
    console.log(`  ${String(p.pageviews).padStart(7)}  ${p.pageUrl}  (${p.visitors} visitors)`);
  }

  const referrers = await client.breakdown({ dimension: 'REFERRER', timeRange, limit: 5 });
  console.log('\nReferrers');
  for (const r of referrers.rows)
    console.log(`  ${(r.share * 100).toFixed(1).padStart(5)} %  ${r.value ?? '(direct)'}`);

  const counts = await client.eventCounts({ timeRange, uniques: 'ESTIMATED' });
  console.log('\nEvents');
  for (const c of counts)
    console.log(`  ${c.eventType}: ${c.count} (${c.uniqueUsers} users${c.estimated ? ', estimated' : ''})`);

  const live = await client.realtime({ minutes: 30 });
  console.log(
    `\nLast 30 minutes: ${live.pageviews} page views by ${live.visitors} visitors (${live.bufferedEvents} not yet committed)`,
  );

  const tables = await client.tables();
  console.log('\nTables');
  for (const t of tables)
    console.log(
      `  ${t.namespace.join('.')}.${t.name}: ${t.recordCount} rows, snapshot ${t.currentSnapshotId ?? '-'}`,
    );
} catch (e) {
  if (e instanceof AnalyticsError) {
    console.error(`The API refused (${e.kind}${e.code ? `, ${e.code}` : ''}): ${e.message}`);
    process.exit(1);
  }
  throw e;
}
