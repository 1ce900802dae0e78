import type { DuckDBConnection } from '@duckdb/node-api';
import type { ColumnSpec } from '../../src/table-source.ts';

/** The video_events schema (SEED.md's VideoEvent) with the field ids our tests write. */
export const videoEventColumns: readonly ColumnSpec[] = [
  { fieldId: 1, name: 'event_id', duckdbType: 'VARCHAR' },
  { fieldId: 2, name: 'timestamp', duckdbType: 'TIMESTAMPTZ' },
  { fieldId: 3, name: 'session_id', duckdbType: 'VARCHAR' },
  { fieldId: 4, name: 'user_id', duckdbType: 'VARCHAR' },
  { fieldId: 5, name: 'project_id', duckdbType: 'VARCHAR' },
  { fieldId: 6, name: 'environment', duckdbType: 'VARCHAR' },
  { fieldId: 7, name: 'version', duckdbType: 'VARCHAR' },
  { fieldId: 8, name: 'event_type', duckdbType: 'VARCHAR' },
  { fieldId: 9, name: 'video_id', duckdbType: 'VARCHAR' },
  { fieldId: 10, name: 'action', duckdbType: 'VARCHAR' },
  { fieldId: 11, name: 'position', duckdbType: 'DOUBLE' },
  { fieldId: 12, name: 'duration', duckdbType: 'DOUBLE' },
  { fieldId: 13, name: 'playback_rate', duckdbType: 'DOUBLE' },
  { fieldId: 14, name: 'is_bot', duckdbType: 'BOOLEAN' },
];

/**
 * Writes `plays` synthetic plays (five events each: play, pause, play, a seek
 * back, then complete, error or a last pause) to one Parquet file with
 * Iceberg field ids. Play starts are spread evenly over
 * [startMs, startMs + spanMs); a play lasts up to about an hour and a half of wall
 * time, so many cross hour and day boundaries. Sessions and videos come from
 * small pools, so the same (session, video) pair plays again hours or days
 * later, in this file or another one written with the same pools. One play in
 * 25 is a bot's. Deterministic in `seed`.
 */
export async function writeVideoEvents(
  connection: DuckDBConnection,
  path: string,
  options: {
    plays: number;
    startMs: number;
    spanMs: number;
    sessions: number;
    videos: number;
    seed: number;
  },
): Promise<void> {
  const { plays, startMs, spanMs, sessions, videos, seed } = options;
  const fieldIds = videoEventColumns.map((c) => `"${c.name}": ${c.fieldId}`).join(', ');
  await connection.run(`
    COPY (
      WITH p AS (
        SELECT i,
          's-' || (hash(i, 's') % ${sessions}) AS session_id,
          CASE WHEN i % 3 = 0 THEN NULL ELSE 'u-' || (hash(i, 'u') % ${sessions}) END AS user_id,
          'video-' || (hash(i, ${seed}, 'v') % ${videos}) AS video_id,
          ${startMs}::BIGINT + (i * ${spanMs}::BIGINT) // ${plays} AS t0,
          (60 + hash(i, ${seed}, 'd') % 3600)::DOUBLE AS duration,
          (hash(i, ${seed}, 'f') % 1000) / 1000.0 AS f,
          hash(i, ${seed}, 'b') % 25 = 0 AS is_bot
        FROM range(${plays}) t(i)
      ),
      q AS (SELECT *, floor(duration * f / 2) AS mid, 1000 * (60 + hash(i, ${seed}, 'w') % 1800) AS pause_ms FROM p)
      SELECT 'v-${seed}-' || i || '-' || x.k AS event_id,
        make_timestamptz((t0 + x.off) * 1000) AS "timestamp",
        session_id, user_id, 'academy' AS project_id, 'production' AS environment, '1' AS version,
        'video_event' AS event_type, video_id, x.action AS action, x.pos AS position, duration,
        1.0::DOUBLE AS playback_rate, is_bot
      FROM q, unnest([
        {'k': 0, 'action': 'play', 'pos': 0::DOUBLE, 'off': 0::BIGINT},
        {'k': 1, 'action': 'pause', 'pos': mid, 'off': (mid * 1000)::BIGINT},
        {'k': 2, 'action': 'play', 'pos': mid, 'off': (mid * 1000 + pause_ms)::BIGINT},
        {'k': 3, 'action': 'seek', 'pos': greatest(0, mid - 30), 'off': (mid * 1000 + pause_ms + 10000)::BIGINT},
        CASE WHEN f >= 0.6 THEN {'k': 4, 'action': 'complete', 'pos': duration, 'off': (duration * 1000 + pause_ms + 40000)::BIGINT}
             WHEN f < 0.05 THEN {'k': 4, 'action': 'error', 'pos': mid + 5, 'off': (mid * 1000 + pause_ms + 45000)::BIGINT}
             ELSE {'k': 4, 'action': 'pause', 'pos': floor(duration * f), 'off': (duration * f * 1000 + pause_ms + 40000)::BIGINT} END
      ]) AS u(x)
    ) TO '${path}' (FORMAT parquet, COMPRESSION snappy, FIELD_IDS {${fieldIds}})`);
}
