import { estimateFromSum, type HyperLogLog, INVERSE_POWERS } from './hyperloglog.ts';

/**
 * Many HyperLogLog sketches of one precision kept in a handful of typed
 * arrays instead of one object (plus a Map) per sketch. Rollups hold
 * hundreds of thousands of small sketches; as JS objects they made a heap of
 * several hundred MB that every major GC had to mark, stalling queries
 * (issue 6: the p99 outliers). Typed-array contents are never scanned by the
 * garbage collector, and the arrays serialise as they are (`rollup-file.ts`).
 *
 * A sketch starts **sparse**: its non-zero registers as sorted 32-bit
 * entries `register << 6 | rank` in a shared entries array (rank ≤ 61 fits
 * six bits), each sketch owning a slot there that is moved to the end with
 * double the room when it outgrows it (the old slot becomes garbage,
 * reclaimed by `compact`). Past `registerCount / 4` entries — where four
 * bytes per entry cost as much as one byte per register — it turns
 * **dense**: `registerCount` bytes in a second shared array.
 */
export class SketchArena {
  readonly precision: number;
  readonly #m: number;
  readonly #denseAt: number;
  /** Per sketch: sparse entries' offset, or the dense slot number. */
  #offset = new Int32Array(1024);
  /** Per sketch: number of sparse entries, or -1 when dense. */
  #length = new Int32Array(1024);
  /** Per sketch: room of its sparse slot. */
  #capacity = new Int32Array(1024);
  /** Per sketch: memoised estimate, NaN until computed or after a change. */
  #estimates = new Float64Array(1024);
  #count = 0;
  #entries = new Uint32Array(1 << 16);
  #used = 0;
  #garbage = 0;
  #dense = new Uint8Array(0);
  #denseSlots = 0;
  #scratch = new Uint32Array(1024);

  constructor(precision: number) {
    this.precision = precision;
    this.#m = 1 << precision;
    this.#denseAt = this.#m >> 2;
  }

  /** Number of sketches. */
  get size(): number {
    return this.#count;
  }

  /** Bytes held by the arrays (for diagnostics). */
  get bytes(): number {
    return this.#entries.byteLength + this.#dense.byteLength + this.#offset.byteLength * 4;
  }

  /** A new empty sketch; returns its id. */
  create(): number {
    const id = this.#count++;
    if (id >= this.#offset.length) {
      const n = this.#offset.length * 2;
      this.#offset = grown(this.#offset, n);
      this.#length = grown(this.#length, n);
      this.#capacity = grown(this.#capacity, n);
      this.#estimates = grown(this.#estimates, n);
    }
    this.#offset[id] = 0;
    this.#length[id] = 0;
    this.#capacity[id] = 0;
    this.#estimates[id] = Number.NaN;
    return id;
  }

  /**
   * Raise sketch `id`'s registers to `entries` (`register << 6 | rank`,
   * sorted by register, at most one entry per register; see `packEntries`).
   */
  add(id: number, entries: Uint32Array): void {
    if (entries.length === 0) return;
    this.#estimates[id] = Number.NaN;
    const len = this.#length[id] as number;
    if (len < 0) {
      const dense = this.#dense;
      const base = (this.#offset[id] as number) * this.#m;
      for (let k = 0; k < entries.length; k++) {
        const e = entries[k] as number;
        const at = base + (e >>> 6);
        if ((e & 63) > (dense[at] as number)) dense[at] = e & 63;
      }
      return;
    }
    if (this.#scratch.length < len + entries.length) {
      this.#scratch = new Uint32Array(Math.max(len + entries.length, this.#scratch.length * 2));
    }
    const merged = this.#scratch;
    const own = this.#entries;
    let a = this.#offset[id] as number;
    const aEnd = a + len;
    let b = 0;
    let n = 0;
    while (a < aEnd && b < entries.length) {
      const x = own[a] as number;
      const y = entries[b] as number;
      const xi = x >>> 6;
      const yi = y >>> 6;
      if (xi < yi) {
        merged[n++] = x;
        a++;
      } else if (yi < xi) {
        merged[n++] = y;
        b++;
      } else {
        merged[n++] = Math.max(x, y);
        a++;
        b++;
      }
    }
    while (a < aEnd) merged[n++] = own[a++] as number;
    while (b < entries.length) merged[n++] = entries[b++] as number;
    if (n > this.#denseAt) {
      this.#toDense(id, merged, n);
      return;
    }
    if (n > (this.#capacity[id] as number)) {
      this.#garbage += this.#capacity[id] as number;
      const room = Math.min(this.#denseAt, Math.max(4, n * 2));
      this.#offset[id] = this.#allocate(room);
      this.#capacity[id] = room;
    }
    this.#entries.set(merged.subarray(0, n), this.#offset[id] as number);
    this.#length[id] = n;
  }

  /** Merge sketch `id` into `target` (a query-time sketch of the same precision). */
  mergeInto(id: number, target: HyperLogLog): void {
    const len = this.#length[id] as number;
    const offset = this.#offset[id] as number;
    if (len < 0) {
      target.mergeDense(this.#dense, offset * this.#m);
      return;
    }
    const entries = this.#entries;
    for (let k = offset; k < offset + len; k++) {
      const e = entries[k] as number;
      target.setRegister(e >>> 6, e & 63);
    }
  }

  /** Estimated distinct items of sketch `id` (memoised until it changes). */
  estimate(id: number): number {
    const memo = this.#estimates[id] as number;
    if (!Number.isNaN(memo)) return memo;
    const m = this.#m;
    const len = this.#length[id] as number;
    const offset = this.#offset[id] as number;
    let sum = 0;
    let zeros = 0;
    if (len < 0) {
      const dense = this.#dense;
      for (let k = offset * m; k < (offset + 1) * m; k++) {
        const r = dense[k] as number;
        sum += INVERSE_POWERS[r] as number;
        if (r === 0) zeros++;
      }
    } else {
      zeros = m - len;
      sum = zeros;
      const entries = this.#entries;
      for (let k = offset; k < offset + len; k++)
        sum += INVERSE_POWERS[(entries[k] as number) & 63] as number;
    }
    const e = estimateFromSum(m, sum, zeros);
    this.#estimates[id] = e;
    return e;
  }

  /** Reclaim the room of moved sparse slots once it is more than half of what is used. */
  compact(force = false): void {
    if (this.#garbage === 0 || (!force && this.#garbage * 2 < this.#used)) return;
    const next = new Uint32Array(Math.max(1 << 16, Math.ceil((this.#used - this.#garbage) * 1.25)));
    let at = 0;
    for (let id = 0; id < this.#count; id++) {
      const len = this.#length[id] as number;
      if (len < 0) continue;
      const offset = this.#offset[id] as number;
      next.set(this.#entries.subarray(offset, offset + len), at);
      this.#offset[id] = at;
      this.#capacity[id] = len;
      at += len;
    }
    this.#entries = next;
    this.#used = at;
    this.#garbage = 0;
  }

  /** The arrays that make up the arena (compacted first), for `rollup-file.ts`. */
  toSections(prefix: string): Record<string, Int32Array | Uint32Array | Uint8Array> {
    this.compact(true);
    return {
      [`${prefix}.offset`]: this.#offset.subarray(0, this.#count),
      [`${prefix}.length`]: this.#length.subarray(0, this.#count),
      [`${prefix}.entries`]: this.#entries.subarray(0, this.#used),
      [`${prefix}.dense`]: this.#dense.subarray(0, this.#denseSlots * this.#m),
    };
  }

  /** An arena from the arrays `toSections` wrote. */
  static fromSections(
    precision: number,
    prefix: string,
    sections: Readonly<Record<string, ArrayBufferView>>,
  ): SketchArena {
    const arena = new SketchArena(precision);
    const offset = section(sections, `${prefix}.offset`, Int32Array);
    const length = section(sections, `${prefix}.length`, Int32Array);
    const entries = section(sections, `${prefix}.entries`, Uint32Array);
    const dense = section(sections, `${prefix}.dense`, Uint8Array);
    const n = offset.length;
    const room = Math.max(1024, n);
    arena.#offset = grown(offset, room);
    arena.#length = grown(length, room);
    arena.#capacity = grown(new Int32Array(length.map((x) => Math.max(0, x))), room);
    arena.#estimates = new Float64Array(room).fill(Number.NaN);
    arena.#count = n;
    arena.#entries = grown(entries, Math.max(1 << 16, entries.length));
    arena.#used = entries.length;
    arena.#dense = dense;
    arena.#denseSlots = dense.length / arena.#m;
    return arena;
  }

  #allocate(room: number): number {
    const at = this.#used;
    if (at + room > this.#entries.length) {
      this.#entries = grown(this.#entries, Math.max(at + room, this.#entries.length * 2));
    }
    this.#used = at + room;
    return at;
  }

  #toDense(id: number, merged: Uint32Array, n: number): void {
    const m = this.#m;
    const slot = this.#denseSlots++;
    if ((slot + 1) * m > this.#dense.length) {
      this.#dense = grown(this.#dense, Math.max((slot + 1) * m, this.#dense.length * 2));
    }
    const base = slot * m;
    for (let k = 0; k < n; k++) {
      const e = merged[k] as number;
      this.#dense[base + (e >>> 6)] = e & 63;
    }
    this.#garbage += this.#capacity[id] as number;
    this.#offset[id] = slot;
    this.#length[id] = -1;
    this.#capacity[id] = 0;
  }
}

/**
 * Registers and ranks (parallel arrays, any order, repeats allowed) as
 * `SketchArena.add` takes them: packed, sorted, one entry per register with
 * its highest rank.
 */
export function packEntries(registers: readonly number[], ranks: readonly number[]): Uint32Array {
  const packed = new Uint32Array(registers.length);
  for (let i = 0; i < registers.length; i++) {
    packed[i] = ((registers[i] as number) << 6) | (ranks[i] as number);
  }
  packed.sort();
  let n = 0;
  for (let i = 0; i < packed.length; i++) {
    const e = packed[i] as number;
    // Sorted, so a repeated register's highest rank comes last: overwrite.
    if (n > 0 && (packed[n - 1] as number) >>> 6 === e >>> 6) packed[n - 1] = e;
    else packed[n++] = e;
  }
  return packed.subarray(0, n);
}

type Growable = Int32Array | Uint32Array | Uint8Array | Float64Array;

function grown<T extends Growable>(array: T, size: number): T {
  if (array.length >= size) return array;
  const next = new (array.constructor as new (n: number) => T)(size);
  next.set(array as never);
  return next;
}

/** A typed section by name, or an error naming what is missing. */
export function section<T extends ArrayBufferView>(
  sections: Readonly<Record<string, ArrayBufferView>>,
  name: string,
  type: new (...args: never[]) => T,
): T {
  const s = sections[name];
  if (!(s instanceof type)) throw new Error(`rollup state has no ${type.name} section ${name}`);
  return s;
}
