import type { DuckDBConnection } from '@duckdb/node-api';
import { hllRegisterSql } from './hyperloglog.ts';
import { resultColumns } from './rollup-sql.ts';
import { ident } from './sql-text.ts';
import { VIDEO_PRECISION, VIDEO_TOTAL_PRECISION, type VideoCellRow, type WatchRow } from './video-rollups.ts';

/**
 * Computes the video rollup rows for the events in `sourceSql` (a SELECT
 * over newly committed data files, mapped by field id) inside DuckDB, for a
 * table with a `video_id` column: per hour, per video and for all videos,
 * the counts and each viewer-sketch register's maximum rank; and per
 * (session, video) pair and hour, the furthest `position` reached. Only
 * events with a video id count, bots (`is_bot`) never; viewers are
 * `coalesce(user_id, session_id)`, as in `videoEngagement`'s SQL.
 */
export async function computeVideoRollupRows(
  connection: DuckDBConnection,
  sourceSql: string,
  availableColumns: ReadonlySet<string>,
): Promise<{ cells: VideoCellRow[]; watch: WatchRow[] }> {
  const col = (name: string, type: string) =>
    availableColumns.has(name) ? `TRY_CAST(${ident(name)} AS ${type})` : `CAST(NULL AS ${type})`;
  const fine = hllRegisterSql('vh', VIDEO_TOTAL_PRECISION);
  const coarse = hllRegisterSql('vh', VIDEO_PRECISION);
  const events = `
    WITH src AS (${sourceSql}),
    e AS (
      SELECT (epoch_ms(ts) // 3600000)::BIGINT AS h, vid, act, pos, sid,
        CASE WHEN coalesce(uid, sid) IS NULL THEN NULL ELSE hash(coalesce(uid, sid)) END AS vh
      FROM (SELECT ${col('timestamp', 'TIMESTAMPTZ')} AS ts, ${col('video_id', 'VARCHAR')} AS vid,
                   ${col('action', 'VARCHAR')} AS act, ${col('position', 'DOUBLE')} AS pos,
                   ${col('user_id', 'VARCHAR')} AS uid, ${col('session_id', 'VARCHAR')} AS sid
            FROM src${availableColumns.has('is_bot') ? ' WHERE NOT coalesce(is_bot, false)' : ''})
      WHERE ts IS NOT NULL AND vid IS NOT NULL
    )`;
  // Each event counts twice: for the totals (finer sketch) and for its video.
  const cellsSql = `${events},
    u AS (
      SELECT h, act, x.v AS v, x.reg AS reg, x.rk AS rk
      FROM (SELECT *, unnest([
          {'v': NULL::VARCHAR, 'reg': CASE WHEN vh IS NULL THEN NULL ELSE ${fine.index} END, 'rk': ${fine.rank}},
          {'v': vid, 'reg': CASE WHEN vh IS NULL THEN NULL ELSE ${coarse.index} END, 'rk': ${coarse.rank}}
        ]) AS x FROM e)
    ),
    r AS (
      SELECT h, v, reg, max(rk) AS rk, count(*) AS n,
        count(*) FILTER (WHERE act = 'play') AS plays,
        count(*) FILTER (WHERE act = 'complete') AS completions,
        count(*) FILTER (WHERE act = 'error') AS errors
      FROM u GROUP BY ALL
    )
    SELECT h, v, sum(n)::BIGINT, sum(plays)::BIGINT, sum(completions)::BIGINT, sum(errors)::BIGINT,
      list(reg) FILTER (WHERE reg IS NOT NULL), list(rk) FILTER (WHERE reg IS NOT NULL)
    FROM r GROUP BY h, v`;
  // The pair key hashes both values (a NULL session is a value of its own, as in GROUP BY).
  const watchSql = `${events}
    SELECT (hash(vid, sid) >> 11)::BIGINT AS k, vid, h, max(pos) AS m
    FROM e WHERE pos IS NOT NULL GROUP BY ALL`;

  const [h, v, n, plays, completions, errors, regs, rks] = (await resultColumns(connection, cellsSql, 8)) as [
    bigint[],
    (string | null)[],
    bigint[],
    bigint[],
    bigint[],
    bigint[],
    (number[] | null)[],
    (number[] | null)[],
  ];
  const cells: VideoCellRow[] = [];
  for (let i = 0; i < h.length; i++) {
    cells.push({
      hour: Number(h[i]),
      video: v[i] ?? null,
      events: Number(n[i]),
      plays: Number(plays[i]),
      completions: Number(completions[i]),
      errors: Number(errors[i]),
      registers: regs[i] ?? [],
      ranks: rks[i] ?? [],
    });
  }
  const [k, vid, wh, m] = (await resultColumns(connection, watchSql, 4)) as [
    bigint[],
    string[],
    bigint[],
    number[],
  ];
  const watch: WatchRow[] = [];
  for (let i = 0; i < k.length; i++) {
    watch.push({ key: Number(k[i]), video: vid[i] as string, hour: Number(wh[i]), furthest: m[i] as number });
  }
  return { cells, watch };
}
