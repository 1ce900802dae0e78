/**
 * The benchmark's video events, generated as rows of the real
 * `default.video_events` table (`@analytics/events` schema), so the table
 * engine writes them exactly as it writes a collector flush.
 *
 * Each play is a consistent player session: it starts with `play` (at 0, or
 * resumed part-way for one play in ten), then pauses (`pause` at the position
 * reached, `play` again after a break) and seeks (forward skips or replays
 * further back), and ends with `complete` at the video's duration (a third of
 * plays), `error` (one in a hundred) or a last `pause` where the viewer left.
 * Positions only move as the wall clock and the play's `playback_rate` allow;
 * `duration` is the video's. 400 videos of 1 to 60 minutes, popularity by a
 * power law; the same 2 M sessions and 200 000 users as the page views, two
 * plays per session (sometimes of the same video: a rewatch). About 4.4
 * events per play; a resume after a pause is a `play` event too, as players
 * send it. Deterministic: the same (day, play) always gives the same rows.
 */
import { tableSchema } from '@analytics/events';
import { type Row, type Schema, schemaFromJson } from '@analytics/iceberg';
import { DAY_MS, eventId, mix, START_MS } from './generate.ts';

/** The video_events schema the collector creates (ids 1..n, hidden hour partitioning). */
export const videoEventSchema: Schema = schemaFromJson(
  tableSchema('video_events') as unknown as Parameters<typeof schemaFromJson>[0],
);

/** Events a play makes on average (for sizing a run from an event count). */
export const EVENTS_PER_PLAY = 4.4;

const VIDEOS = 400;
const RATES = [1, 1, 1, 1, 1.25, 1.5, 2];
const QUALITIES = ['1080p', '720p', '480p', 'auto'];
const COUNTRIES = ['US', 'GB', 'DE', 'IN', 'FR', 'CA', 'BR', 'NL', 'ES', 'JP'];
const BROWSERS = ['Chrome', 'Safari', 'Firefox', 'Edge'];
const OSES = ['Windows', 'macOS', 'Linux', 'iOS', 'Android'];
const DEVICES = ['desktop', 'mobile', 'tablet'];

/** Uniform in [0, 1) for (day, play, stream). */
function unit(d: number, j: number, stream: number): number {
  return mix(j, d, stream) / 4_294_967_296;
}

/** Seconds of video `k`: 1 to 60 minutes, whole seconds. */
export function videoDuration(k: number): number {
  return 60 + (mix(k, 0, 41) % 3_541);
}

/** Event ids of video events are drawn from another day range than the page views'. */
const ID_DAY_OFFSET = 100_000;

/**
 * Every event of plays `from`..`to` (exclusive) of day `d`, in a run with
 * `playsPerDay` plays a day whose starts are spread evenly over the day,
 * including the events of a play that runs past midnight.
 */
export function videoEvents(d: number, playsPerDay: number, from: number, to: number): Row[] {
  const rows: Row[] = [];
  const dayStartMs = START_MS + d * DAY_MS;
  const stepMs = DAY_MS / playsPerDay;
  for (let j = from; j < to; j++) {
    const session = j >> 1;
    const video = Math.floor(unit(d, j, 1) ** 3 * VIDEOS);
    const duration = videoDuration(video);
    const rate = RATES[mix(j, d, 2) % RATES.length] as number;
    const quality = QUALITIES[mix(j, d, 3) % QUALITIES.length] as string;
    const r4 = unit(d, session, 4);
    const base = {
      session_id: `s${mix(session, d, 21) % 2_000_000}`,
      user_id: session % 3 === 0 ? null : `u${mix(session, d, 22) % 200_000}`,
      project_id: 'academy',
      environment: 'production',
      version: '1',
      event_type: 'video_event',
      video_id: `video-${video}`,
      duration,
      playback_rate: rate,
      quality,
      country: COUNTRIES[Math.floor(r4 ** 2 * 10)] as string,
      browser: BROWSERS[Math.floor(r4 ** 1.5 * 4) % 4] as string,
      os: OSES[session % 5] as string,
      device_type: DEVICES[mix(session, d, 5) % 3] as string,
      is_bot: false,
    };
    let n = 0;
    let ms = dayStartMs + j * stepMs + (mix(j, d, 6) % Math.max(1, Math.floor(stepMs)));
    const emit = (action: string, position: number) => {
      const ts = BigInt(Math.round(ms)) * 1000n;
      rows.push({
        ...base,
        event_id: eventId(d + ID_DAY_OFFSET, j * 64 + n++),
        timestamp: ts,
        action,
        position,
        buffered: Math.min(duration, position + 5 + (mix(j, n, 7) % 25)),
        received_at: ts + 250_000n,
      });
    };
    // Where the viewer starts, and where they stop (complete, error or leave).
    let position = unit(d, j, 8) < 0.1 ? Math.floor(unit(d, j, 9) * duration * 0.5) : 0;
    const end = unit(d, j, 10);
    const completes = end < 1 / 3;
    const errors = !completes && end < 1 / 3 + 0.01;
    const stop = completes
      ? duration
      : Math.max(position + 1, Math.floor(position + unit(d, j, 11) * (duration - position)));
    emit('play', position);
    const breaks = mix(j, d, 12) % 4;
    for (let b = 0; b < breaks && position < stop; b++) {
      // Watch up to the next break point, then pause or seek.
      const next = Math.min(stop, position + Math.max(1, Math.floor((stop - position) * unit(d, j, 20 + b))));
      ms += ((next - position) / rate) * 1000;
      position = next;
      if (mix(j, b, 13) % 3 === 0) {
        // A seek: forward up to a minute, or back to replay part of it.
        const jump = (mix(j, b, 14) % 120) - 60;
        position = Math.min(stop, Math.max(0, position + jump));
        emit('seek', position);
      } else {
        emit('pause', position);
        ms += 5_000 + (mix(j, b, 15) % 115_000);
        emit('play', position);
      }
    }
    ms += ((stop - position) / rate) * 1000;
    emit(completes ? 'complete' : errors ? 'error' : 'pause', stop);
  }
  return rows;
}

/** Plays of the previous day that can still be running after midnight (the last tenth: 2.4 hours). */
const CARRY_OVER = 0.1;

/**
 * The events that happened on day `d` among plays `from`..`to` of that day,
 * and, with the first chunk (`from` 0), the events after midnight of the
 * previous day's late plays: what a day's flushes hold, so no commit holds
 * an event from after it was made.
 */
export function videoEventsOfDay(d: number, playsPerDay: number, from: number, to: number): Row[] {
  const start = BigInt(START_MS + d * DAY_MS) * 1000n;
  const end = start + BigInt(DAY_MS) * 1000n;
  const today = videoEvents(d, playsPerDay, from, to).filter((r) => (r.timestamp as bigint) < end);
  if (from > 0 || d === 0) return today;
  const late = videoEvents(d - 1, playsPerDay, Math.floor(playsPerDay * (1 - CARRY_OVER)), playsPerDay);
  return [...late.filter((r) => (r.timestamp as bigint) >= start), ...today];
}
