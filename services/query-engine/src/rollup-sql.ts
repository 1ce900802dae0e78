import type { DuckDBConnection } from '@duckdb/node-api';
import { hllRegisterSql } from './hyperloglog.ts';
import type { RollupDimension, RollupRow } from './rollups.ts';
import { precisionOf, rollupDimensions } from './rollups.ts';
import { ident, literal } from './sql-text.ts';

/** Columns the rollups read; a table lacking one reads it as NULL. */
export const rollupSourceColumns = [
  'timestamp',
  'event_type',
  'user_id',
  'session_id',
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
] as const;

const dimensionColumn: Readonly<Record<RollupDimension, string>> = {
  all: "''",
  event_type: 'et',
  page: 'page_url',
  referrer: 'referrer',
  utm_source: 'utm_source',
  utm_medium: 'utm_medium',
  utm_campaign: 'utm_campaign',
  country: 'country',
  browser: 'browser',
  os: 'os',
  device_type: 'device_type',
};

/**
 * Computes rollup rows for the events in `sourceSql` (a SELECT over newly
 * committed data files, already mapped by field id) inside DuckDB: counts per
 * hour and dimension value, and each HyperLogLog register's maximum rank, so
 * only sketches — never raw events — leave the database.
 *
 * `tableName` stands in for `event_type` in tables that have none. Events the
 * collector flagged as bots (`is_bot`) are left out of every rollup.
 */
export async function computeRollupRows(
  connection: DuckDBConnection,
  sourceSql: string,
  availableColumns: ReadonlySet<string>,
  tableName: string,
): Promise<{ rows: RollupRow[]; visitorDays: VisitorDay[] }> {
  const col = (name: string, type: string) =>
    availableColumns.has(name) ? `CAST(${ident(name)} AS ${type})` : `CAST(NULL AS ${type})`;
  const fine = hllRegisterSql('vh', precisionOf('all'));
  const coarse = hllRegisterSql('vh', precisionOf('page'));
  const session = hllRegisterSql('sh', precisionOf('all'));
  // Each page view fans out to one struct per dimension, carrying the register of
  // the precision that dimension uses (computed once per event, not per dimension).
  const dimensionStructs = rollupDimensions.map((d) => {
    const [i, r] = precisionOf(d) === precisionOf('all') ? ['fi', 'fr'] : ['ci', 'cr'];
    return `{'d': ${literal(d)}, 'v': ${dimensionColumn[d]}, 'i': ${i}, 'r': ${r}}`;
  });
  const events = `
    WITH src AS (${sourceSql}),
    e AS (
      SELECT (epoch_ms(ts) // 3600000)::BIGINT AS h, epoch_ms(ts) AS ms,
        coalesce(${col('event_type', 'VARCHAR')}, ${literal(tableName)}) AS et,
        CASE WHEN coalesce(uid, sid) IS NULL THEN NULL ELSE hash(coalesce(uid, sid)) END AS vh,
        CASE WHEN sid IS NULL THEN NULL ELSE hash(sid) END AS sh,
        ${col('page_url', 'VARCHAR')} AS page_url, ${col('page_title', 'VARCHAR')} AS title,
        ${col('referrer', 'VARCHAR')} AS referrer, ${col('utm_source', 'VARCHAR')} AS utm_source,
        ${col('utm_medium', 'VARCHAR')} AS utm_medium, ${col('utm_campaign', 'VARCHAR')} AS utm_campaign,
        ${col('country', 'VARCHAR')} AS country, ${col('browser', 'VARCHAR')} AS browser,
        ${col('os', 'VARCHAR')} AS os, ${col('device_type', 'VARCHAR')} AS device_type,
        ${col('time_on_page', 'DOUBLE')} AS top
      FROM (SELECT *, ${col('timestamp', 'TIMESTAMPTZ')} AS ts, ${col('user_id', 'VARCHAR')} AS uid,
                   ${col('session_id', 'VARCHAR')} AS sid FROM src)
      WHERE ts IS NOT NULL${availableColumns.has('is_bot') ? ' AND NOT coalesce(is_bot, false)' : ''}
    )`;
  const cellsSql = `${events},
    k AS (
      SELECT h, ms, title, top, et,
        CASE WHEN vh IS NULL THEN NULL ELSE ${fine.index} END AS fi, ${fine.rank} AS fr,
        CASE WHEN vh IS NULL THEN NULL ELSE ${coarse.index} END AS ci, ${coarse.rank} AS cr,
        page_url, referrer, utm_source, utm_medium, utm_campaign, country, browser, os, device_type
      FROM e
    ),
    u AS (
      SELECT h, ms, title, top, x.d AS d, x.v AS v, x.i AS reg, x.r AS rk
      FROM (SELECT *, unnest(CASE WHEN et = 'page_view'
              THEN [${dimensionStructs.join(', ')}]
              ELSE [{'d': 'event_type', 'v': et, 'i': fi, 'r': fr}] END) AS x FROM k)
      WHERE x.v IS NOT NULL
    ),
    r AS (
      SELECT h, d, v, reg, max(rk) AS rk,
        count(*) AS n, coalesce(sum(top), 0) AS tops, count(top) AS topc,
        arg_max(title, ms) FILTER (WHERE title IS NOT NULL) AS title,
        max(ms) FILTER (WHERE title IS NOT NULL) AS tms
      FROM u GROUP BY ALL
    )
    SELECT h, d, v, sum(n)::BIGINT AS n, sum(tops)::DOUBLE AS tops, sum(topc)::BIGINT AS topc,
      arg_max(title, tms) AS title, max(tms) AS tms,
      list(reg) FILTER (WHERE reg IS NOT NULL) AS regs, list(rk) FILTER (WHERE reg IS NOT NULL) AS rks
    FROM r GROUP BY h, d, v`;
  const sessionsSql = `${events}
    SELECT h, list(reg) AS regs, list(rk) AS rks FROM (
      SELECT h, ${session.index} AS reg, max(${session.rank}) AS rk
      FROM e WHERE et = 'page_view' AND sh IS NOT NULL GROUP BY ALL
    ) GROUP BY h`;

  // Exact visitors per (day, event type): distinct 53-bit visitor keys.
  const daysSql = `${events}
    SELECT DISTINCT (ms // 86400000)::BIGINT AS d, et, (vh >> 11)::BIGINT AS k FROM e WHERE vh IS NOT NULL`;
  const [dd, det, dk] = (await resultColumns(connection, daysSql, 3)) as [bigint[], string[], bigint[]];
  const visitorDays: VisitorDay[] = [];
  for (let i = 0; i < dd.length; i++) {
    visitorDays.push({ day: Number(dd[i]), eventType: det[i] as string, key: Number(dk[i]) });
  }

  const sessionsByHour = new Map<number, { regs: number[]; rks: number[] }>();
  const sessions = await resultColumns(connection, sessionsSql, 3);
  const [sh, sregs, srks] = sessions as [bigint[], number[][], number[][]];
  for (let i = 0; i < sh.length; i++) {
    sessionsByHour.set(Number(sh[i]), { regs: sregs[i] ?? [], rks: srks[i] ?? [] });
  }

  const cells = await resultColumns(connection, cellsSql, 10);
  const [h, d, v, n, tops, topc, title, tms, regs, rks] = cells as [
    bigint[],
    string[],
    string[],
    bigint[],
    number[],
    bigint[],
    (string | null)[],
    (number | bigint | null)[],
    (number[] | null)[],
    (number[] | null)[],
  ];
  const rows: RollupRow[] = [];
  for (let i = 0; i < h.length; i++) {
    const hour = Number(h[i]);
    const dimension = d[i] as RollupDimension;
    const s = dimension === 'all' ? sessionsByHour.get(hour) : undefined;
    rows.push({
      hour,
      dimension,
      value: v[i] as string,
      count: Number(n[i]),
      timeOnPageSum: tops[i] ?? 0,
      timeOnPageCount: Number(topc[i] ?? 0),
      title: title[i] ?? null,
      titleAtMs: tms[i] === null || tms[i] === undefined ? Number.NEGATIVE_INFINITY : Number(tms[i]),
      visitorRegisters: regs[i] ?? [],
      visitorRanks: rks[i] ?? [],
      sessionRegisters: s?.regs ?? [],
      sessionRanks: s?.rks ?? [],
    });
  }
  return { rows, visitorDays };
}

/** A visitor (53-bit key of its hash) seen on a day for an event type. */
export interface VisitorDay {
  readonly day: number;
  readonly eventType: string;
  readonly key: number;
}

/** Result columns as JS arrays; a result without rows has `count` empty columns. */
export async function resultColumns(
  connection: DuckDBConnection,
  sql: string,
  count: number,
): Promise<unknown[][]> {
  const reader = await connection.runAndReadAll(sql);
  if (reader.currentRowCount === 0) return Array.from({ length: count }, () => []);
  return reader.getColumnsJS();
}
