import { KeyIds } from './key-ids.ts';
import { section } from './sketch-arena.ts';

/** Receives a change to the watch-time sum of the hour cell of `video` at `hour`. */
export type WatchDelta = (video: number, hour: number, delta: number) => void;

/**
 * Exact watch time for any hour range, as the SDL defines it: for each
 * (session, video) with events in the range, the furthest `position` it
 * reached in the range, summed. A maximum per pair does not add up over
 * hours, so pairs are tracked one by one (keyed by 53 bits of DuckDB's
 * `hash(video_id, session_id)`; exact unless two pairs' keys collide, a
 * chance of about 1 in 20,000 at a million pairs):
 *
 * - A pair whose events all fall in **one hour** (almost every play) adds its
 *   furthest position to that hour's cell through `WatchDelta`, so a range
 *   sums cells like any other count.
 * - A pair seen in a **second hour** takes its amount back out of the cell
 *   and becomes **spanning**: it keeps its furthest position per hour, and a
 *   query adds, per spanning pair, the maximum over the hours in its range.
 *
 * So a query costs the cells of the range plus the spanning pairs of the
 * videos it shows, each a few array reads unless the range cuts through its
 * hours. State lives in typed arrays (see `KeyIds`); a video's list of
 * spanning pairs is rebuilt from the pairs when loaded.
 */
export class WatchPairs {
  #ids = new KeyIds();
  /** Per pair: video number. */
  #video = new Int32Array(1024);
  /** Per pair: the one hour it was seen in, or -1 once spanning. */
  #hour = new Int32Array(1024);
  /** Per pair: furthest position (in its one hour, or over all its hours once spanning). */
  #max = new Float64Array(1024);
  /** Per pair: first and last hour seen. */
  #lo = new Int32Array(1024);
  #hi = new Int32Array(1024);
  /** Per pair: its first hour entry (spanning), -1 if none. */
  #head = new Int32Array(1024);
  /** Per video number: its spanning pairs (ids, in `#spanningCount[v]` first slots). */
  #spanningOf: Int32Array[] = [];
  #spanningCount: number[] = [];
  /** Hour entries of spanning pairs: hour, furthest position, next entry of the same pair. */
  #entryHour = new Int32Array(1024);
  #entryMax = new Float64Array(1024);
  #entryNext = new Int32Array(1024);
  #entries = 0;
  #spanning = 0;

  /** Pairs seen. */
  get size(): number {
    return this.#ids.size;
  }

  /** Pairs seen in more than one hour. */
  get spanningPairs(): number {
    return this.#spanning;
  }

  /**
   * Fold in that pair `key` (of video number `video`) reached `furthest`
   * within `hour` (hours since the epoch); `cell` gets every change to the
   * single-hour sums.
   */
  add(key: number, video: number, hour: number, furthest: number, cell: WatchDelta): void {
    const before = this.#ids.size;
    const p = this.#ids.idOf(key);
    if (p === before) {
      this.#grow(p + 1);
      this.#video[p] = video;
      this.#hour[p] = hour;
      this.#max[p] = furthest;
      this.#lo[p] = hour;
      this.#hi[p] = hour;
      this.#head[p] = -1;
      cell(video, hour, furthest);
      return;
    }
    const single = this.#hour[p] as number;
    if (single === hour) {
      const was = this.#max[p] as number;
      if (furthest > was) {
        this.#max[p] = furthest;
        cell(this.#video[p] as number, hour, furthest - was);
      }
      return;
    }
    if (single >= 0) {
      // A second hour: the pair leaves the cell sums and keeps its hours itself.
      const v = this.#video[p] as number;
      cell(v, single, -(this.#max[p] as number));
      this.#hour[p] = -1;
      this.#pushEntry(p, single, this.#max[p] as number);
      this.#pushEntry(p, hour, furthest);
      this.#listSpanning(p);
      this.#spanning++;
    } else {
      let found = false;
      for (let e = this.#head[p] as number; e >= 0 && !found; e = this.#entryNext[e] as number) {
        if (this.#entryHour[e] === hour) {
          if (furthest > (this.#entryMax[e] as number)) this.#entryMax[e] = furthest;
          found = true;
        }
      }
      if (!found) this.#pushEntry(p, hour, furthest);
    }
    if (furthest > (this.#max[p] as number)) this.#max[p] = furthest;
    if (hour < (this.#lo[p] as number)) this.#lo[p] = hour;
    if (hour > (this.#hi[p] as number)) this.#hi[p] = hour;
  }

  /**
   * Watch time of video number `video`'s spanning pairs over hours
   * [fromHour, toHour): per pair, its furthest position over those hours.
   * A pair wholly inside the range (the common case for long ranges) adds
   * its overall furthest position without visiting its hours.
   */
  spanningWatch(video: number, fromHour: number, toHour: number): number {
    const pairs = this.#spanningOf[video];
    if (!pairs) return 0;
    const n = this.#spanningCount[video] as number;
    let sum = 0;
    for (let k = 0; k < n; k++) {
      const p = pairs[k] as number;
      const lo = this.#lo[p] as number;
      const hi = this.#hi[p] as number;
      if (hi < fromHour || lo >= toHour) continue;
      if (lo >= fromHour && hi < toHour) {
        sum += this.#max[p] as number;
        continue;
      }
      let best = Number.NEGATIVE_INFINITY;
      for (let e = this.#head[p] as number; e >= 0; e = this.#entryNext[e] as number) {
        const h = this.#entryHour[e] as number;
        if (h >= fromHour && h < toHour && (this.#entryMax[e] as number) > best)
          best = this.#entryMax[e] as number;
      }
      if (best !== Number.NEGATIVE_INFINITY) sum += best;
    }
    return sum;
  }

  /** The arrays of this state, for `rollup-file.ts` (views, not copies). */
  toSections(prefix: string): Record<string, Int32Array | Float64Array> {
    const n = this.#ids.size;
    return {
      [`${prefix}.keys`]: this.#ids.keys,
      [`${prefix}.video`]: this.#video.subarray(0, n),
      [`${prefix}.hour`]: this.#hour.subarray(0, n),
      [`${prefix}.max`]: this.#max.subarray(0, n),
      [`${prefix}.lo`]: this.#lo.subarray(0, n),
      [`${prefix}.hi`]: this.#hi.subarray(0, n),
      [`${prefix}.head`]: this.#head.subarray(0, n),
      [`${prefix}.entryHour`]: this.#entryHour.subarray(0, this.#entries),
      [`${prefix}.entryMax`]: this.#entryMax.subarray(0, this.#entries),
      [`${prefix}.entryNext`]: this.#entryNext.subarray(0, this.#entries),
    };
  }

  /** The state `toSections` wrote. */
  static fromSections(prefix: string, a: Readonly<Record<string, ArrayBufferView>>): WatchPairs {
    const w = new WatchPairs();
    w.#ids = KeyIds.from(section(a, `${prefix}.keys`, Float64Array));
    const n = w.#ids.size;
    w.#grow(n);
    w.#video.set(section(a, `${prefix}.video`, Int32Array));
    w.#hour.set(section(a, `${prefix}.hour`, Int32Array));
    w.#max.set(section(a, `${prefix}.max`, Float64Array));
    w.#lo.set(section(a, `${prefix}.lo`, Int32Array));
    w.#hi.set(section(a, `${prefix}.hi`, Int32Array));
    w.#head.set(section(a, `${prefix}.head`, Int32Array));
    const hours = section(a, `${prefix}.entryHour`, Int32Array);
    w.#entries = hours.length;
    w.#growEntries(w.#entries);
    w.#entryHour.set(hours);
    w.#entryMax.set(section(a, `${prefix}.entryMax`, Float64Array));
    w.#entryNext.set(section(a, `${prefix}.entryNext`, Int32Array));
    for (let p = 0; p < n; p++) {
      if ((w.#hour[p] as number) < 0) {
        w.#listSpanning(p);
        w.#spanning++;
      }
    }
    return w;
  }

  #listSpanning(pair: number): void {
    const v = this.#video[pair] as number;
    while (this.#spanningOf.length <= v) {
      this.#spanningOf.push(new Int32Array(0));
      this.#spanningCount.push(0);
    }
    let list = this.#spanningOf[v] as Int32Array;
    const n = this.#spanningCount[v] as number;
    if (n === list.length) {
      list = grown(list, Math.max(16, n * 2));
      this.#spanningOf[v] = list;
    }
    list[n] = pair;
    this.#spanningCount[v] = n + 1;
  }

  #pushEntry(pair: number, hour: number, furthest: number): void {
    const e = this.#entries++;
    this.#growEntries(e + 1);
    this.#entryHour[e] = hour;
    this.#entryMax[e] = furthest;
    this.#entryNext[e] = this.#head[pair] as number;
    this.#head[pair] = e;
  }

  #grow(n: number): void {
    if (n <= this.#video.length) return;
    const size = Math.max(n, this.#video.length * 2);
    this.#video = grown(this.#video, size);
    this.#hour = grown(this.#hour, size);
    this.#max = grown(this.#max, size);
    this.#lo = grown(this.#lo, size);
    this.#hi = grown(this.#hi, size);
    this.#head = grown(this.#head, size);
  }

  #growEntries(n: number): void {
    if (n <= this.#entryHour.length) return;
    const size = Math.max(n, this.#entryHour.length * 2);
    this.#entryHour = grown(this.#entryHour, size);
    this.#entryMax = grown(this.#entryMax, size);
    this.#entryNext = grown(this.#entryNext, size);
  }
}

function grown<T extends Int32Array | Float64Array>(array: T, size: number): T {
  const next = new (array.constructor as new (n: number) => T)(size);
  next.set(array as never);
  return next;
}
