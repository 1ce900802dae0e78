/**
 * The book a run-serialising Durable Object keeps (the maintenance and the
 * import pipeline Workers have one each): the run in flight and its progress,
 * and the finished runs in a SQLite table `runs`, newest first, pruned to the
 * newest `keep` so it cannot grow without bound.
 *
 * Runtime-agnostic: SQL goes through `SqlExec`, the one member of a Durable
 * Object's `ctx.storage.sql` it uses (Node's `node:sqlite` in the tests).
 */

/** Who started a run. */
export type RunTrigger = 'cron' | 'operator';

/** Runs SQL with positional `?` bindings; a Durable Object's `ctx.storage.sql` is one. */
export interface SqlExec {
  exec(query: string, ...bindings: unknown[]): { toArray(): Record<string, unknown>[] };
}

/** One finished run, as the history lists it. */
export interface RunRecord<R> {
  readonly id: number;
  readonly trigger: RunTrigger;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly results: R[];
}

/** What is running now: nothing, or a run since `startedAt` and how far it got. */
export type RunStatus<P extends object> =
  | { readonly running: false }
  | ({ readonly running: true; readonly startedAt: string } & Partial<P>);

/** How many finished runs the table keeps by default (the oldest go first). */
export const DEFAULT_KEEP_RUNS = 1000;

/** How many runs a history request lists when it does not say. */
export const DEFAULT_HISTORY_LIMIT = 20;

interface RunRow {
  id: number;
  trigger: string;
  started_at: string;
  finished_at: string;
  results: string;
}

export class RunBook<R, P extends object> {
  readonly #sql: SqlExec;
  readonly #keep: number;
  readonly #now: () => Date;
  #status: RunStatus<P> = { running: false };

  constructor(sql: SqlExec, options: { keep?: number; now?: () => Date } = {}) {
    this.#sql = sql;
    this.#keep = options.keep ?? DEFAULT_KEEP_RUNS;
    this.#now = options.now ?? (() => new Date());
    if (!Number.isSafeInteger(this.#keep) || this.#keep < 1)
      throw new RangeError(`keep must be a positive integer, not ${this.#keep}`);
    sql.exec(`CREATE TABLE IF NOT EXISTS runs (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      trigger TEXT NOT NULL,
      started_at TEXT NOT NULL,
      finished_at TEXT NOT NULL,
      results TEXT NOT NULL
    )`);
  }

  status(): RunStatus<P> {
    return this.#status;
  }

  /**
   * Marks a run as started and returns its start time. Synchronous, so a
   * caller that checked `status()` first, with no `await` between, cannot
   * start two runs.
   */
  begin(): string {
    if (this.#status.running) throw new Error(`a run is already in progress since ${this.#status.startedAt}`);
    const startedAt = this.#now().toISOString();
    this.#status = { running: true, startedAt } as RunStatus<P>;
    return startedAt;
  }

  /** Where the run in flight is now (replaces the previous progress). */
  progress(p: P): void {
    if (!this.#status.running) return;
    this.#status = { ...p, running: true, startedAt: this.#status.startedAt };
  }

  /** Nothing is running any more. */
  end(): void {
    this.#status = { running: false };
  }

  /** Writes a finished run into the history and drops the runs beyond the newest `keep`. */
  record(trigger: RunTrigger, startedAt: string, results: readonly R[]): void {
    this.#sql.exec(
      'INSERT INTO runs (trigger, started_at, finished_at, results) VALUES (?, ?, ?, ?)',
      trigger,
      startedAt,
      this.#now().toISOString(),
      JSON.stringify(results),
    );
    // Ids only grow (AUTOINCREMENT), so the newest `keep` rows are the highest ids.
    this.#sql.exec(
      'DELETE FROM runs WHERE id <= (SELECT id FROM runs ORDER BY id DESC LIMIT 1 OFFSET ?)',
      this.#keep,
    );
  }

  /** The newest `limit` finished runs, newest first. */
  history(limit: number = DEFAULT_HISTORY_LIMIT): RunRecord<R>[] {
    return this.#sql
      .exec('SELECT id, trigger, started_at, finished_at, results FROM runs ORDER BY id DESC LIMIT ?', limit)
      .toArray()
      .map((row) => row as unknown as RunRow)
      .map((r) => ({
        id: Number(r.id),
        trigger: r.trigger as RunTrigger,
        startedAt: r.started_at,
        finishedAt: r.finished_at,
        results: JSON.parse(r.results) as R[],
      }));
  }
}
