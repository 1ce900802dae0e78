/**
 * Dense ids for 53-bit integer keys (the top bits of DuckDB's 64-bit
 * `hash()`): an open-addressing hash table in typed arrays (keys by id,
 * slots holding id + 1), not a `Map`. A Map of 53-bit numbers boxes each key
 * as a heap object — a million and more of them for the garbage collector to
 * mark on every major GC — while typed-array contents are never scanned.
 * Ids are handed out in order of first sight, from 0.
 */
export class KeyIds {
  /** Hash slots: 0 when empty, else id + 1. */
  #slots = new Int32Array(1 << 12);
  /** The key of each id. */
  #keys = new Float64Array(1 << 11);
  #size = 0;

  /** Number of keys (the next id). */
  get size(): number {
    return this.#size;
  }

  /** The keys by id (a view; valid until the next new key). */
  get keys(): Float64Array {
    return this.#keys.subarray(0, this.#size);
  }

  /** The key of `id`. */
  keyOf(id: number): number {
    return this.#keys[id] as number;
  }

  /** The id of `key`, or -1 when it was never added. */
  find(key: number): number {
    const mask = this.#slots.length - 1;
    for (let i = slotHash(key) & mask; ; i = (i + 1) & mask) {
      const s = this.#slots[i] as number;
      if (s === 0) return -1;
      if (this.#keys[s - 1] === key) return s - 1;
    }
  }

  /** The id of `key`, a new one (`size` before the call) when it is new. */
  idOf(key: number): number {
    const mask = this.#slots.length - 1;
    let i = slotHash(key) & mask;
    for (;;) {
      const s = this.#slots[i] as number;
      if (s === 0) break;
      if (this.#keys[s - 1] === key) return s - 1;
      i = (i + 1) & mask;
    }
    const id = this.#size++;
    if (id >= this.#keys.length) {
      const keys = new Float64Array(this.#keys.length * 2);
      keys.set(this.#keys);
      this.#keys = keys;
    }
    this.#keys[id] = key;
    this.#slots[i] = id + 1;
    // Keep the table at most half full so probes stay short.
    if (this.#size * 2 > this.#slots.length) this.#rehash(this.#slots.length * 2);
    return id;
  }

  /** Ids for `keys` in order (as `keys` saved them). */
  static from(keys: Float64Array): KeyIds {
    const ids = new KeyIds();
    for (const k of keys) ids.idOf(k);
    return ids;
  }

  #rehash(size: number): void {
    const slots = new Int32Array(size);
    const mask = size - 1;
    for (let id = 0; id < this.#size; id++) {
      let i = slotHash(this.#keys[id] as number) & mask;
      while (slots[i] !== 0) i = (i + 1) & mask;
      slots[i] = id + 1;
    }
    this.#slots = slots;
  }
}

/** A 32-bit hash of a non-negative integer key below 2^53. */
function slotHash(key: number): number {
  const lo = key >>> 0;
  const hi = Math.floor(key / 4_294_967_296) >>> 0;
  let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 13);
}
