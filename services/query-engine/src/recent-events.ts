import { section } from './sketch-arena.ts';

/** How far back from the newest committed event (or now, if earlier) rows are kept: `realtime`'s longest window plus a minute. */
export const RECENT_KEEP_MS = 61 * 60_000;

/** One committed event as `realtime` reads it (the object is reused from row to row while scanning). */
export interface RecentRow {
  ms: number;
  eventId: string;
  pageView: boolean;
  visitor: string | null;
  session: string | null;
  pageUrl: string | null;
  pageTitle: string | null;
  timeOnPage: number | null;
  projectId: string | null;
  environment: string | null;
}

/** A batch of committed rows from `recent-events-sql.ts`, as columns. */
export interface RecentBatch {
  /** The newest event time in the whole batch (not only the rows returned), or -Infinity. */
  readonly newestMs: number;
  readonly ms: readonly number[];
  readonly eventId: readonly string[];
  readonly pageView: readonly boolean[];
  readonly visitor: readonly (string | null)[];
  readonly session: readonly (string | null)[];
  readonly pageUrl: readonly (string | null)[];
  readonly pageTitle: readonly (string | null)[];
  readonly timeOnPage: readonly (number | null)[];
  readonly projectId: readonly (string | null)[];
  readonly environment: readonly (string | null)[];
}

const STRING_COLUMNS = ['visitor', 'session', 'pageUrl', 'pageTitle', 'projectId', 'environment'] as const;
type StringColumn = (typeof STRING_COLUMNS)[number];

/**
 * The committed events of one table from `RECENT_KEEP_MS` before its newest
 * event (or before now, when the newest event claims a later time) onwards:
 * the materialized view behind `realtime`. Kept up to date as commits are
 * folded in, like the rollups, so `realtime` reads memory instead of
 * planning, opening and scanning the last hour's files on every call. The
 * rows are exact (they are the events), and the event ids let buffered
 * events that were committed meanwhile be recognised.
 *
 * `coveredFromMs` is the promise: every committed event of the table at or
 * after that instant is here. A window starting earlier must be read from
 * the table instead.
 *
 * Columns are typed arrays; strings go through one dictionary, rebuilt each
 * time old rows are dropped so it never outgrows the window.
 */
export class RecentEvents {
  #coveredFromMs = Number.NEGATIVE_INFINITY;
  #newestMs = Number.NEGATIVE_INFINITY;
  #n = 0;
  #ms = new Float64Array(0);
  #pageView = new Uint8Array(0);
  #timeOnPage = new Float64Array(0);
  #text: Record<StringColumn, Int32Array> = emptyText(0);
  #eventIds: string[] = [];
  #eventIdSet = new Set<string>();
  #strings: string[] = [];

  /** Every committed event at or after this instant is held (-Infinity before the first fold-in: nothing committed). */
  get coveredFromMs(): number {
    return this.#coveredFromMs;
  }

  /** Rows held. */
  get size(): number {
    return this.#n;
  }

  /** True when a committed event with this id is held. */
  has(eventId: string): boolean {
    return this.#eventIdSet.has(eventId);
  }

  /**
   * The lower bound of what to keep after a batch whose newest event is
   * `batchNewestMs`, at wall-clock `nowMs`: never earlier than before.
   */
  cutoffAfter(batchNewestMs: number, nowMs: number): number {
    const newest = Math.max(this.#newestMs, batchNewestMs);
    return Math.max(this.#coveredFromMs, Math.min(newest, nowMs) - RECENT_KEEP_MS);
  }

  /**
   * Fold in a commit's rows (all of its rows at or after
   * `cutoffAfter(batch.newestMs, nowMs)`), dropping rows that fell out of
   * the kept span.
   */
  add(batch: RecentBatch, nowMs: number): void {
    const cutoff = this.cutoffAfter(batch.newestMs, nowMs);
    this.#newestMs = Math.max(this.#newestMs, batch.newestMs);
    this.#coveredFromMs = cutoff;
    const keepOld: number[] = [];
    for (let i = 0; i < this.#n; i++) if ((this.#ms[i] as number) >= cutoff) keepOld.push(i);
    const keepNew: number[] = [];
    for (let i = 0; i < batch.ms.length; i++) if ((batch.ms[i] as number) >= cutoff) keepNew.push(i);
    if (keepOld.length === this.#n && keepNew.length === 0) return;

    const n = keepOld.length + keepNew.length;
    const ms = new Float64Array(n);
    const pageView = new Uint8Array(n);
    const timeOnPage = new Float64Array(n);
    const text = emptyText(n);
    const eventIds: string[] = new Array(n);
    const strings: string[] = [];
    const ids = new Map<string, number>();
    const intern = (s: string | null): number => {
      if (s === null) return -1;
      let id = ids.get(s);
      if (id === undefined) {
        id = strings.length;
        strings.push(s);
        ids.set(s, id);
      }
      return id;
    };
    let at = 0;
    for (const i of keepOld) {
      ms[at] = this.#ms[i] as number;
      pageView[at] = this.#pageView[i] as number;
      timeOnPage[at] = this.#timeOnPage[i] as number;
      eventIds[at] = this.#eventIds[i] as string;
      for (const c of STRING_COLUMNS) {
        const old = this.#text[c][i] as number;
        text[c][at] = intern(old < 0 ? null : (this.#strings[old] as string));
      }
      at++;
    }
    for (const i of keepNew) {
      ms[at] = batch.ms[i] as number;
      pageView[at] = batch.pageView[i] ? 1 : 0;
      timeOnPage[at] = batch.timeOnPage[i] ?? Number.NaN;
      eventIds[at] = batch.eventId[i] as string;
      for (const c of STRING_COLUMNS) text[c][at] = intern(batch[c][i] ?? null);
      at++;
    }
    this.#n = n;
    this.#ms = ms;
    this.#pageView = pageView;
    this.#timeOnPage = timeOnPage;
    this.#text = text;
    this.#eventIds = eventIds;
    this.#eventIdSet = new Set(eventIds);
    this.#strings = strings;
  }

  /** Call `visit` for each held event with `startMs <= ms < endMs` (one reused row object). */
  scan(startMs: number, endMs: number, visit: (row: RecentRow) => void): void {
    const row: RecentRow = {
      ms: 0,
      eventId: '',
      pageView: false,
      visitor: null,
      session: null,
      pageUrl: null,
      pageTitle: null,
      timeOnPage: null,
      projectId: null,
      environment: null,
    };
    const s = this.#strings;
    const str = (c: StringColumn, i: number) => {
      const id = this.#text[c][i] as number;
      return id < 0 ? null : (s[id] as string);
    };
    for (let i = 0; i < this.#n; i++) {
      const ms = this.#ms[i] as number;
      if (ms < startMs || ms >= endMs) continue;
      const top = this.#timeOnPage[i] as number;
      row.ms = ms;
      row.eventId = this.#eventIds[i] as string;
      row.pageView = this.#pageView[i] === 1;
      row.visitor = str('visitor', i);
      row.session = str('session', i);
      row.pageUrl = str('pageUrl', i);
      row.pageTitle = str('pageTitle', i);
      row.timeOnPage = Number.isNaN(top) ? null : top;
      row.projectId = str('projectId', i);
      row.environment = str('environment', i);
      visit(row);
    }
  }

  /** The arrays and strings of this state, for `rollup-file.ts`. */
  toSections(): { strings: Record<string, string[]>; arrays: Record<string, ArrayBufferView> } {
    return {
      strings: { 'recent.strings': this.#strings, 'recent.eventIds': this.#eventIds },
      arrays: {
        'recent.span': Float64Array.of(this.#coveredFromMs, this.#newestMs),
        'recent.ms': this.#ms,
        'recent.pageView': this.#pageView,
        'recent.timeOnPage': this.#timeOnPage,
        ...Object.fromEntries(STRING_COLUMNS.map((c) => [`recent.${c}`, this.#text[c]])),
      },
    };
  }

  /** The state `toSections` wrote. */
  static fromSections(
    strings: Readonly<Record<string, readonly string[]>>,
    a: Readonly<Record<string, ArrayBufferView>>,
  ): RecentEvents {
    const r = new RecentEvents();
    const [covered, newest] = section(a, 'recent.span', Float64Array);
    r.#coveredFromMs = covered as number;
    r.#newestMs = newest as number;
    r.#ms = section(a, 'recent.ms', Float64Array);
    r.#n = r.#ms.length;
    r.#pageView = section(a, 'recent.pageView', Uint8Array);
    r.#timeOnPage = section(a, 'recent.timeOnPage', Float64Array);
    r.#text = Object.fromEntries(
      STRING_COLUMNS.map((c) => [c, section(a, `recent.${c}`, Int32Array)]),
    ) as Record<StringColumn, Int32Array>;
    r.#strings = [...(strings['recent.strings'] ?? [])];
    r.#eventIds = [...(strings['recent.eventIds'] ?? [])];
    if (r.#eventIds.length !== r.#n) throw new Error('rollup state has recent events without their ids');
    r.#eventIdSet = new Set(r.#eventIds);
    return r;
  }
}

function emptyText(n: number): Record<StringColumn, Int32Array> {
  return Object.fromEntries(STRING_COLUMNS.map((c) => [c, new Int32Array(n)])) as Record<
    StringColumn,
    Int32Array
  >;
}
