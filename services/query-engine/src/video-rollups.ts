import { HyperLogLog } from './hyperloglog.ts';
import { packEntries, SketchArena, section } from './sketch-arena.ts';
import { WatchPairs } from './watch-pairs.ts';

/** Sketch precision of the totals over all videos: 0.81 % standard error. */
export const VIDEO_TOTAL_PRECISION = 14;
/** Sketch precision per video: 1.63 %. */
export const VIDEO_PRECISION = 12;

const HOURS_PER_DAY = 24;

/** One output row of the video cell query (see `video-rollup-sql.ts`): one hour of one video, or of all. */
export interface VideoCellRow {
  readonly hour: number;
  /** The video, or null for the totals over all videos. */
  readonly video: string | null;
  /** Events with this video id (of any action). */
  readonly events: number;
  readonly plays: number;
  readonly completions: number;
  readonly errors: number;
  /** Parallel arrays: viewer register index → rank. */
  readonly registers: readonly number[];
  readonly ranks: readonly number[];
}

/** One output row of the watch query: the furthest position a (session, video) pair reached in an hour. */
export interface WatchRow {
  readonly key: number;
  readonly video: string;
  readonly hour: number;
  readonly furthest: number;
}

/** Counts, watch time and a viewer sketch of one video (or all) over some hours. */
export interface VideoCell {
  events: number;
  plays: number;
  completions: number;
  errors: number;
  /** Sum over (session, video) pairs of the furthest position reached, seconds. */
  watched: number;
  viewers: HyperLogLog;
}

/** An empty cell to merge into: `null` for the totals (finer sketch), else one video. */
export function emptyVideoCell(video: string | null): VideoCell {
  return {
    events: 0,
    plays: 0,
    completions: 0,
    errors: 0,
    watched: 0,
    viewers: new HyperLogLog(video === null ? VIDEO_TOTAL_PRECISION : VIDEO_PRECISION),
  };
}

/**
 * The video-engagement rollups of one table: per hour and per day, per video
 * and for all videos together, exact counts (events, plays, completions,
 * errors), the watch time of the (session, video) pairs seen in that hour
 * only, and a HyperLogLog sketch of viewers; plus `WatchPairs` for pairs seen
 * in several hours, so watch time over any hour-aligned range is exact.
 *
 * Series number 0 is the totals; each video gets the next number when first
 * seen. Cells are parallel typed arrays, sketches live in two arenas, as in
 * `TableRollups`.
 */
export class VideoRollups {
  readonly #videos: string[] = [];
  readonly #numbers = new Map<string, number>();
  /** Per series (0 = totals, video n = n + 1): hour → cell and day → cell. */
  readonly #hours: Map<number, number>[] = [new Map()];
  readonly #days: Map<number, number>[] = [new Map()];
  #pairs = new WatchPairs();
  #fine = new SketchArena(VIDEO_TOTAL_PRECISION);
  #coarse = new SketchArena(VIDEO_PRECISION);
  #cells = 0;
  #events = new Float64Array(256);
  #plays = new Float64Array(256);
  #completions = new Float64Array(256);
  #errors = new Float64Array(256);
  #watched = new Float64Array(256);
  #viewers = new Int32Array(256);

  /** Videos seen, in order of first sight. */
  get videos(): readonly string[] {
    return this.#videos;
  }

  /** Stored hour and day cells. */
  get cellCount(): number {
    return this.#cells;
  }

  /** (session, video) pairs tracked, and how many of them span several hours. */
  get pairStats(): { pairs: number; spanning: number } {
    return { pairs: this.#pairs.size, spanning: this.#pairs.spanningPairs };
  }

  /** Fold in one commit's rows: cells first, then the pairs' furthest positions. */
  add(cells: Iterable<VideoCellRow>, watch: Iterable<WatchRow>): void {
    for (const row of cells) {
      const series = row.video === null ? 0 : this.#seriesOf(row.video);
      const entries = packEntries(row.registers, row.ranks);
      const day = Math.floor(row.hour / HOURS_PER_DAY);
      for (const id of [this.#cellOf(series, this.#hours, row.hour), this.#cellOf(series, this.#days, day)]) {
        this.#events[id] = (this.#events[id] as number) + row.events;
        this.#plays[id] = (this.#plays[id] as number) + row.plays;
        this.#completions[id] = (this.#completions[id] as number) + row.completions;
        this.#errors[id] = (this.#errors[id] as number) + row.errors;
        (series === 0 ? this.#fine : this.#coarse).add(this.#viewers[id] as number, entries);
      }
    }
    const delta = (series: number, hour: number, amount: number) => {
      // A pair's amount goes to its video's hour and day cells and to the totals'.
      const day = Math.floor(hour / HOURS_PER_DAY);
      for (const s of [series, 0]) {
        for (const id of [this.#cellOf(s, this.#hours, hour), this.#cellOf(s, this.#days, day)]) {
          this.#watched[id] = (this.#watched[id] as number) + amount;
        }
      }
    };
    for (const w of watch) this.#pairs.add(w.key, this.#seriesOf(w.video), w.hour, w.furthest, delta);
    this.#fine.compact();
    this.#coarse.compact();
  }

  /** Events and plays of `video` over hours [fromHour, toHour): cheap, to rank videos. */
  counts(video: string, fromHour: number, toHour: number): { events: number; plays: number } {
    const series = this.#numbers.get(video);
    const out = { events: 0, plays: 0 };
    if (series === undefined) return out;
    this.#forCells(series, fromHour, toHour, (id) => {
      out.events += this.#events[id] as number;
      out.plays += this.#plays[id] as number;
    });
    return out;
  }

  /**
   * Merge `video`'s (null: all videos') counts, exact watch time and viewers
   * over hours [fromHour, toHour) into `into` (from `emptyVideoCell` of the
   * same video or null).
   */
  mergeRange(into: VideoCell, video: string | null, fromHour: number, toHour: number): void {
    const series = video === null ? 0 : this.#numbers.get(video);
    if (series === undefined || toHour <= fromHour) return;
    const arena = series === 0 ? this.#fine : this.#coarse;
    this.#forCells(series, fromHour, toHour, (id) => {
      into.events += this.#events[id] as number;
      into.plays += this.#plays[id] as number;
      into.completions += this.#completions[id] as number;
      into.errors += this.#errors[id] as number;
      into.watched += this.#watched[id] as number;
      arena.mergeInto(this.#viewers[id] as number, into.viewers);
    });
    if (series !== 0) into.watched += this.#pairs.spanningWatch(series, fromHour, toHour);
    else
      for (let s = 1; s <= this.#videos.length; s++)
        into.watched += this.#pairs.spanningWatch(s, fromHour, toHour);
  }

  /** The arrays and strings of this state, for `rollup-file.ts` (views, not copies). */
  toSections(): { strings: Record<string, string[]>; arrays: Record<string, ArrayBufferView> } {
    const index = (maps: Map<number, number>[]) => {
      const starts = new Int32Array(maps.length + 1);
      maps.forEach((m, i) => {
        starts[i + 1] = (starts[i] as number) + m.size;
      });
      const keys = new Int32Array(starts[maps.length] as number);
      const cells = new Int32Array(keys.length);
      maps.forEach((m, i) => {
        let at = starts[i] as number;
        for (const [k, id] of m) {
          keys[at] = k;
          cells[at++] = id;
        }
      });
      return { starts, keys, cells };
    };
    const hours = index(this.#hours);
    const days = index(this.#days);
    const n = this.#cells;
    return {
      strings: { 'video.videos': this.#videos },
      arrays: {
        'video.hourStart': hours.starts,
        'video.hourKey': hours.keys,
        'video.hourCell': hours.cells,
        'video.dayStart': days.starts,
        'video.dayKey': days.keys,
        'video.dayCell': days.cells,
        'video.events': this.#events.subarray(0, n),
        'video.plays': this.#plays.subarray(0, n),
        'video.completions': this.#completions.subarray(0, n),
        'video.errors': this.#errors.subarray(0, n),
        'video.watched': this.#watched.subarray(0, n),
        'video.viewers': this.#viewers.subarray(0, n),
        ...this.#fine.toSections('video.fine'),
        ...this.#coarse.toSections('video.coarse'),
        ...this.#pairs.toSections('video.pairs'),
      },
    };
  }

  /** The state `toSections` wrote. */
  static fromSections(
    strings: Readonly<Record<string, readonly string[]>>,
    a: Readonly<Record<string, ArrayBufferView>>,
  ): VideoRollups {
    const v = new VideoRollups();
    for (const video of strings['video.videos'] ?? []) v.#seriesOf(video);
    const fill = (prefix: 'hour' | 'day', maps: Map<number, number>[]) => {
      const starts = section(a, `video.${prefix}Start`, Int32Array);
      const keys = section(a, `video.${prefix}Key`, Int32Array);
      const cells = section(a, `video.${prefix}Cell`, Int32Array);
      maps.forEach((m, i) => {
        for (let k = starts[i] as number; k < (starts[i + 1] as number); k++) {
          m.set(keys[k] as number, cells[k] as number);
        }
      });
    };
    fill('hour', v.#hours);
    fill('day', v.#days);
    const events = section(a, 'video.events', Float64Array);
    v.#cells = events.length;
    v.#grow(v.#cells);
    v.#events.set(events);
    v.#plays.set(section(a, 'video.plays', Float64Array));
    v.#completions.set(section(a, 'video.completions', Float64Array));
    v.#errors.set(section(a, 'video.errors', Float64Array));
    v.#watched.set(section(a, 'video.watched', Float64Array));
    v.#viewers.set(section(a, 'video.viewers', Int32Array));
    v.#fine = SketchArena.fromSections(VIDEO_TOTAL_PRECISION, 'video.fine', a);
    v.#coarse = SketchArena.fromSections(VIDEO_PRECISION, 'video.coarse', a);
    v.#pairs = WatchPairs.fromSections('video.pairs', a);
    return v;
  }

  /** Whole days from day cells, the partial days at either end from hour cells. */
  #forCells(series: number, fromHour: number, toHour: number, visit: (id: number) => void): void {
    const hours = this.#hours[series] as Map<number, number>;
    const days = this.#days[series] as Map<number, number>;
    const hourRange = (a: number, b: number) => {
      for (let h = a; h < b; h++) {
        const id = hours.get(h);
        if (id !== undefined) visit(id);
      }
    };
    const firstFullDay = Math.ceil(fromHour / HOURS_PER_DAY);
    const endFullDay = Math.floor(toHour / HOURS_PER_DAY);
    if (endFullDay <= firstFullDay) {
      hourRange(fromHour, toHour);
      return;
    }
    hourRange(fromHour, firstFullDay * HOURS_PER_DAY);
    for (let d = firstFullDay; d < endFullDay; d++) {
      const id = days.get(d);
      if (id !== undefined) visit(id);
    }
    hourRange(endFullDay * HOURS_PER_DAY, toHour);
  }

  #seriesOf(video: string): number {
    let n = this.#numbers.get(video);
    if (n === undefined) {
      this.#videos.push(video);
      n = this.#videos.length;
      this.#numbers.set(video, n);
      this.#hours.push(new Map());
      this.#days.push(new Map());
    }
    return n;
  }

  #cellOf(series: number, index: Map<number, number>[], key: number): number {
    const map = index[series] as Map<number, number>;
    let id = map.get(key);
    if (id === undefined) {
      id = this.#cells++;
      this.#grow(this.#cells);
      this.#viewers[id] = (series === 0 ? this.#fine : this.#coarse).create();
      map.set(key, id);
    }
    return id;
  }

  #grow(n: number): void {
    if (n <= this.#events.length) return;
    const size = Math.max(n, this.#events.length * 2);
    this.#events = grown(this.#events, size);
    this.#plays = grown(this.#plays, size);
    this.#completions = grown(this.#completions, size);
    this.#errors = grown(this.#errors, size);
    this.#watched = grown(this.#watched, size);
    this.#viewers = grown(this.#viewers, size);
  }
}

function grown<T extends Float64Array | Int32Array>(array: T, size: number): T {
  const next = new (array.constructor as new (n: number) => T)(size);
  next.set(array as never);
  return next;
}
