import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ColumnSpec } from '@analytics/query-engine';
import type { DuckDBConnection } from '@duckdb/node-api';

/** The page_views schema of the benchmark table (SEED.md PageViewEvent) with its field ids. */
export const pageViewColumns: readonly ColumnSpec[] = [
  'event_id',
  'timestamp',
  'session_id',
  'user_id',
  'project_id',
  'environment',
  'version',
  'event_type',
  'page_url',
  'page_title',
  'referrer',
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'country',
  'browser',
  'os',
  'device_type',
  'time_on_page',
].map((name, i) => ({
  fieldId: i + 1,
  name,
  duckdbType: name === 'timestamp' ? 'TIMESTAMPTZ' : name === 'time_on_page' ? 'DOUBLE' : 'VARCHAR',
}));

/** The benchmark's first day, 00:00 UTC. */
export const START_MS = Date.UTC(2024, 0, 1);
const DAY_MS = 86_400_000;

/**
 * One Parquet file per day of `perDay` page views with Iceberg field ids,
 * skewed like real traffic: page popularity, referrers and countries follow
 * power laws; 200 000 users, a third of views anonymous (session only).
 * Files are reused when present (the generator is deterministic).
 */
export async function generateDays(
  c: DuckDBConnection,
  dir: string,
  days: number,
  perDay: number,
  progress: (line: string) => void,
): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const ids = pageViewColumns.map((col) => `"${col.name}": ${col.fieldId}`).join(', ');
  const files: string[] = [];
  for (let d = 0; d < days; d++) {
    const path = join(dir, `day-${String(d).padStart(2, '0')}-${perDay}.parquet`);
    files.push(path);
    if (existsSync(path)) continue;
    const start = START_MS + d * DAY_MS;
    await c.run(`
      COPY (
        SELECT
          'e' || ${d} || '-' || i AS event_id,
          make_timestamptz((${start}::BIGINT + (i * ${DAY_MS}::BIGINT) // ${perDay}) * 1000) AS "timestamp",
          's' || (hash(i // 6, ${d}) % 2000000) AS session_id,
          CASE WHEN i % 3 = 0 THEN NULL ELSE 'u' || (hash(i // 6, ${d}, 'u') % 200000) END AS user_id,
          'academy' AS project_id, 'production' AS environment, '1' AS version, 'page_view' AS event_type,
          'https://rawkode.academy/' || CASE WHEN r1 < 0.2 THEN '' ELSE 'p/' || floor(pow(r1, 3) * 500)::INT END AS page_url,
          'Page ' || floor(pow(r1, 3) * 500)::INT AS page_title,
          CASE WHEN r2 < 0.4 THEN NULL ELSE 'https://' || ['google.com', 'twitter.com', 'news.ycombinator.com', 'reddit.com', 'github.com', 'linkedin.com'][1 + floor(pow(r2, 2) * 6)::INT] || '/' END AS referrer,
          CASE WHEN r3 < 0.7 THEN NULL ELSE ['newsletter', 'twitter', 'youtube', 'partner'][1 + floor(r3 * 40)::INT % 4] END AS utm_source,
          CASE WHEN r3 < 0.7 THEN NULL ELSE ['email', 'social', 'video', 'referral'][1 + floor(r3 * 40)::INT % 4] END AS utm_medium,
          CASE WHEN r3 < 0.7 THEN NULL ELSE 'campaign-' || (floor(r3 * 100)::INT % 12) END AS utm_campaign,
          ['US', 'GB', 'DE', 'IN', 'FR', 'CA', 'BR', 'NL', 'ES', 'JP'][1 + floor(pow(r4, 2) * 10)::INT] AS country,
          ['Chrome', 'Safari', 'Firefox', 'Edge'][1 + floor(pow(r4, 1.5) * 4)::INT % 4] AS browser,
          ['Windows', 'macOS', 'Linux', 'iOS', 'Android'][1 + (i % 5)] AS os,
          ['desktop', 'mobile', 'tablet'][1 + floor(pow(r2, 2) * 3)::INT % 3] AS device_type,
          (hash(i, 't') % 300)::DOUBLE AS time_on_page
        FROM (
          SELECT i, (hash(i, ${d}, 1) % 1000000) / 1000000.0 AS r1, (hash(i, ${d}, 2) % 1000000) / 1000000.0 AS r2,
                 (hash(i, ${d}, 3) % 1000000) / 1000000.0 AS r3, (hash(i, ${d}, 4) % 1000000) / 1000000.0 AS r4
          FROM range(${perDay}) t(i)
        )
        ORDER BY "timestamp"
      ) TO '${path}' (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 122880, FIELD_IDS {${ids}})`);
    progress(`  generated day ${d + 1}/${days} (${perDay} events)`);
  }
  return files;
}
