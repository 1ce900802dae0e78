import type { DuckDBConnection } from '@duckdb/node-api';
import type { ColumnSpec } from '../../src/table-source.ts';

/** The page_views schema (SEED.md's PageViewEvent) with the field ids our tests write. */
export const pageViewColumns: readonly ColumnSpec[] = [
  { fieldId: 1, name: 'event_id', duckdbType: 'VARCHAR' },
  { fieldId: 2, name: 'timestamp', duckdbType: 'TIMESTAMPTZ' },
  { fieldId: 3, name: 'session_id', duckdbType: 'VARCHAR' },
  { fieldId: 4, name: 'user_id', duckdbType: 'VARCHAR' },
  { fieldId: 5, name: 'project_id', duckdbType: 'VARCHAR' },
  { fieldId: 6, name: 'environment', duckdbType: 'VARCHAR' },
  { fieldId: 7, name: 'version', duckdbType: 'VARCHAR' },
  { fieldId: 8, name: 'event_type', duckdbType: 'VARCHAR' },
  { fieldId: 9, name: 'page_url', duckdbType: 'VARCHAR' },
  { fieldId: 10, name: 'page_title', duckdbType: 'VARCHAR' },
  { fieldId: 11, name: 'referrer', duckdbType: 'VARCHAR' },
  { fieldId: 12, name: 'utm_source', duckdbType: 'VARCHAR' },
  { fieldId: 13, name: 'utm_medium', duckdbType: 'VARCHAR' },
  { fieldId: 14, name: 'utm_campaign', duckdbType: 'VARCHAR' },
  { fieldId: 15, name: 'country', duckdbType: 'VARCHAR' },
  { fieldId: 16, name: 'browser', duckdbType: 'VARCHAR' },
  { fieldId: 17, name: 'os', duckdbType: 'VARCHAR' },
  { fieldId: 18, name: 'device_type', duckdbType: 'VARCHAR' },
  { fieldId: 19, name: 'time_on_page', duckdbType: 'DOUBLE' },
];

/**
 * Writes `count` synthetic page views to one Parquet file with Iceberg field ids,
 * spread evenly over [startMs, startMs + spanMs), with `users` distinct visitors.
 * Deterministic in `seed`. DuckDB writes the file (the same writer a user's
 * DuckDB would use), so tests need no fixtures on disk.
 */
export async function writePageViews(
  connection: DuckDBConnection,
  path: string,
  options: { count: number; startMs: number; spanMs: number; users: number; seed: number },
): Promise<void> {
  const { count, startMs, spanMs, users, seed } = options;
  const fieldIds = pageViewColumns.map((c) => `"${c.name}": ${c.fieldId}`).join(', ');
  await connection.run(`
    COPY (
      SELECT
        'e-' || ${seed} || '-' || i AS event_id,
        make_timestamptz((${startMs}::BIGINT + (i * ${spanMs}::BIGINT) // ${count}) * 1000) AS "timestamp",
        's-' || (hash(i, ${seed}) % ${users * 2}) AS session_id,
        CASE WHEN i % 3 = 0 THEN NULL ELSE 'u-' || (hash(i, ${seed}, 'u') % ${users}) END AS user_id,
        'academy' AS project_id, 'production' AS environment, '1' AS version,
        'page_view' AS event_type,
        'https://rawkode.academy/p/' || (hash(i, ${seed}, 'p') % 20) AS page_url,
        'Page ' || (hash(i, ${seed}, 'p') % 20) AS page_title,
        CASE WHEN i % 4 = 0 THEN NULL ELSE 'https://ref' || (i % 5) || '.example/' END AS referrer,
        CASE WHEN i % 2 = 0 THEN 'newsletter' ELSE NULL END AS utm_source,
        CASE WHEN i % 2 = 0 THEN 'email' ELSE NULL END AS utm_medium,
        CASE WHEN i % 2 = 0 THEN 'launch' ELSE NULL END AS utm_campaign,
        ['GB', 'US', 'DE', 'FR'][1 + (i % 4)] AS country,
        ['Chrome', 'Firefox', 'Safari'][1 + (i % 3)] AS browser,
        ['Linux', 'macOS'][1 + (i % 2)] AS os,
        ['desktop', 'mobile'][1 + (i % 2)] AS device_type,
        (i % 120)::DOUBLE AS time_on_page
      FROM range(${count}) t(i)
    ) TO '${path}' (FORMAT parquet, COMPRESSION snappy, FIELD_IDS {${fieldIds}})`);
}
