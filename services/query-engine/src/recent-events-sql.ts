import type { DuckDBConnection } from '@duckdb/node-api';
import type { RecentBatch } from './recent-events.ts';
import { resultColumns } from './rollup-sql.ts';
import { ident, literal } from './sql-text.ts';

/**
 * Reads the rows `RecentEvents` keeps from the events in `sourceSql` (a
 * SELECT over newly committed data files, mapped by field id): first the
 * newest event time of the batch, then every event at or after
 * `cutoffFor(newest)`, with the columns `realtime` reads. Bots (`is_bot`)
 * are left out, as everywhere on the dashboards; the event type is what the
 * `events` view calls it (`event_type`, else `type`, else `tableName`).
 */
export async function computeRecentRows(
  connection: DuckDBConnection,
  sourceSql: string,
  availableColumns: ReadonlySet<string>,
  tableName: string,
  cutoffFor: (batchNewestMs: number) => number,
): Promise<RecentBatch> {
  const col = (name: string, type: string) =>
    availableColumns.has(name) ? `CAST(${ident(name)} AS ${type})` : `CAST(NULL AS ${type})`;
  const type = `coalesce(${['event_type', 'type']
    .filter((c) => availableColumns.has(c))
    .map((c) => `CAST(${ident(c)} AS VARCHAR)`)
    .concat(literal(tableName))
    .join(', ')})`;
  const events = `
    WITH src AS (${sourceSql}),
    e AS (
      SELECT epoch_ms(${col('timestamp', 'TIMESTAMPTZ')}) AS __recent_ms, * FROM src
      WHERE ${col('timestamp', 'TIMESTAMPTZ')} IS NOT NULL${availableColumns.has('is_bot') ? ' AND NOT coalesce(is_bot, false)' : ''}
    )`;
  const [[newest]] = (await resultColumns(connection, `${events} SELECT max(__recent_ms) FROM e`, 1)) as [
    (bigint | number | null)[],
  ];
  const newestMs = newest === null || newest === undefined ? Number.NEGATIVE_INFINITY : Number(newest);
  const cutoff = cutoffFor(newestMs);
  const rows = (await resultColumns(
    connection,
    `${events}
     SELECT __recent_ms, ${col('event_id', 'VARCHAR')}, ${type} = 'page_view',
       coalesce(${col('user_id', 'VARCHAR')}, ${col('session_id', 'VARCHAR')}), ${col('session_id', 'VARCHAR')},
       ${col('page_url', 'VARCHAR')}, ${col('page_title', 'VARCHAR')}, ${col('time_on_page', 'DOUBLE')},
       ${col('project_id', 'VARCHAR')}, ${col('environment', 'VARCHAR')}
     FROM e WHERE __recent_ms >= ${Number.isFinite(cutoff) ? `${Math.floor(cutoff)}::BIGINT` : '-9223372036854775807::BIGINT'}`,
    10,
  )) as [
    (bigint | number)[],
    string[],
    boolean[],
    (string | null)[],
    (string | null)[],
    (string | null)[],
    (string | null)[],
    (number | null)[],
    (string | null)[],
    (string | null)[],
  ];
  return {
    newestMs,
    ms: rows[0].map(Number),
    eventId: rows[1],
    pageView: rows[2],
    visitor: rows[3],
    session: rows[4],
    pageUrl: rows[5],
    pageTitle: rows[6],
    timeOnPage: rows[7],
    projectId: rows[8],
    environment: rows[9],
  };
}
