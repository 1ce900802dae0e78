import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { isQueryError, QueryError } from './errors.ts';
import { eventsViewSql, isEventTable } from './events-view.ts';
import { fieldIdProjection } from './field-id-projection.ts';
import type { FileResolver } from './file-resolver.ts';
import { ParquetFieldIds } from './parquet-field-ids.ts';
import { computeRecentRows } from './recent-events-sql.ts';
import { loadRollups, saveRollups } from './rollup-file.ts';
import { computeRollupRows } from './rollup-sql.ts';
import { Rollups, TableRollups } from './rollups.ts';
import { checkUserSql } from './sql-safety.ts';
import { ident } from './sql-text.ts';
import type {
  ColumnSpec,
  ScanPlan,
  SnapshotSelector,
  TableName,
  TableSource,
  TimeFilter,
} from './table-source.ts';
import { qualifiedName } from './table-source.ts';
import { computeVideoRollupRows } from './video-rollup-sql.ts';

/** Options of `QueryEngine`. */
export interface QueryEngineOptions {
  readonly instance: DuckDBInstance;
  readonly source: TableSource;
  readonly files: FileResolver;
  /** Statement timeout for user SQL, ms. */
  readonly timeoutMs: number;
  /** Most rows a user query returns. */
  readonly maxRows: number;
  /**
   * How long table state may be reused before asking the catalog again, ms.
   * Past it, a query starts a refresh in the background and answers from the
   * state it has; with 0 every query waits for a refresh first (tests).
   */
  readonly refreshIntervalMs: number;
  readonly now: () => number;
  /** Where rollups are saved per table and loaded from at start (see rollup-file.ts); none: memory only. */
  readonly rollupDir?: string;
  /** Least time between two saves of a table's rollups, ms (default 5 minutes). */
  readonly rollupSaveIntervalMs?: number;
}

/** Rows of a SQL query, JSON-safe (64-bit integers as strings). */
export interface SqlResult {
  readonly columns: readonly string[];
  readonly rows: readonly Record<string, unknown>[];
  readonly truncated: boolean;
  /** The snapshot read of the first table the query names, if any. */
  readonly snapshotId: bigint | null;
  readonly snapshotTimestampMs: number | null;
}

interface TableState {
  readonly table: TableName;
  readonly relation: string;
  snapshotId: bigint | null;
  snapshotTimestampMs: number | null;
  columns: readonly ColumnSpec[];
  rolledUpSnapshotId: bigint | null;
  /** Rollups changed since they were last saved. */
  unsaved: boolean;
  savedAtMs: number;
}

/** The name of the unified events view. */
export const EVENTS_VIEW = 'events';

/**
 * DuckDB over Iceberg tables: one view per table at its current snapshot
 * (columns mapped by field id), the unified `events` view, rollups kept up to
 * date as snapshots are committed, and guarded user SQL with time travel.
 */
export class QueryEngine {
  readonly rollups = new Rollups();
  readonly #o: QueryEngineOptions;
  readonly #fieldIds = new ParquetFieldIds();
  readonly #tables = new Map<string, TableState>();
  #refreshedAt = Number.NEGATIVE_INFINITY;
  #refreshing: Promise<void> | undefined;

  constructor(options: QueryEngineOptions) {
    this.#o = options;
  }

  /** Relations user SQL may read: one view per table plus `events`. */
  get relations(): ReadonlySet<string> {
    return new Set([EVENTS_VIEW, ...[...this.#tables.values()].map((t) => t.relation)]);
  }

  /** Column names the `events` view has (the union over event tables). */
  get eventColumns(): ReadonlySet<string> {
    const names = new Set<string>();
    for (const t of this.#tables.values()) {
      if (isEventTable(t.columns)) for (const c of t.columns) names.add(c.name);
    }
    return names;
  }

  /** Tables as last refreshed. */
  get tables(): readonly { table: TableName; relation: string; snapshotId: bigint | null }[] {
    return [...this.#tables.values()];
  }

  /**
   * Refresh when the last refresh is older than the refresh interval. Only
   * the first refresh (no state yet) is waited for: later ones run in the
   * background while queries answer from the state already there, so no
   * query waits on the catalog, the manifests or a rollup fold-in.
   */
  async refreshIfStale(): Promise<void> {
    if (this.#o.now() - this.#refreshedAt < this.#o.refreshIntervalMs) return;
    const first = this.#refreshedAt === Number.NEGATIVE_INFINITY;
    if (!first && this.#o.refreshIntervalMs > 0) {
      this.refresh().catch(() => {
        this.staleRefreshes++;
      });
      return;
    }
    try {
      await this.refresh();
    } catch (e) {
      // With a catalog briefly unreachable, answer from the last state we had.
      if (first) throw e;
      this.staleRefreshes++;
    }
  }

  /** Refreshes that failed while older table state kept serving (for /metrics and logs). */
  staleRefreshes = 0;

  /**
   * How rollups came to be: tables whose saved rollups were loaded from disk,
   * tables rolled up from all their files (first sight without a usable saved
   * state, or history rewritten), and data files folded in incrementally.
   */
  readonly rollupStats = { loaded: 0, rebuilt: 0, filesFolded: 0 };

  /**
   * Ask the source for each table's current snapshot; for tables that moved,
   * roll up the files added since the last refresh (an incremental scan) and
   * point the table's view and the `events` view at the new snapshot.
   * Concurrent callers share one refresh.
   */
  refresh(): Promise<void> {
    this.#refreshing ??= this.#exclusive(() => this.#doRefresh()).finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }

  /** Save every table's rollups that changed since their last save (at shutdown, or by a benchmark). */
  persistRollups(): Promise<void> {
    return this.#exclusive(async () => {
      for (const state of this.#tables.values()) if (state.unsaved) await this.#save(state);
    });
  }

  #lock: Promise<unknown> = Promise.resolve();

  /** Refreshes and saves run one at a time: a save reads the rollups' arrays while it writes them. */
  #exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#lock.then(fn, fn);
    this.#lock = run.catch(() => undefined);
    return run;
  }

  async #doRefresh(): Promise<void> {
    const startedAt = this.#o.now();
    const summaries = await this.#o.source.listTables();
    const c = await this.#o.instance.connect();
    try {
      let changed = false;
      for (const s of summaries) {
        const key = qualifiedName(s.table);
        let state = this.#tables.get(key);
        if (state && state.snapshotId === s.currentSnapshotId) continue;
        const plan = await this.#o.source.plan(s.table);
        if (!state) {
          state = {
            table: s.table,
            relation: s.table.name.toLowerCase(),
            snapshotId: null,
            snapshotTimestampMs: null,
            columns: [],
            rolledUpSnapshotId: null,
            unsaved: false,
            savedAtMs: Number.NEGATIVE_INFINITY,
          };
          this.#tables.set(key, state);
          await this.#loadSaved(state);
        }
        await c.run(`CREATE OR REPLACE VIEW ${ident(state.relation)} AS ${await this.#viewSql(c, plan)}`);
        state.snapshotId = plan.snapshotId;
        state.snapshotTimestampMs = plan.snapshotTimestampMs;
        state.columns = plan.columns;
        if (isEventTable(plan.columns)) {
          await this.#rollUp(c, state);
          const every = this.#o.rollupSaveIntervalMs ?? 300_000;
          if (state.unsaved && this.#o.now() - state.savedAtMs >= every) await this.#save(state);
        }
        changed = true;
      }
      if (changed || this.#refreshedAt === Number.NEGATIVE_INFINITY) {
        await c.run(
          `CREATE OR REPLACE VIEW ${EVENTS_VIEW} AS ${this.#eventsSql([...this.#tables.values()])}`,
        );
      }
      this.#refreshedAt = startedAt;
    } finally {
      c.closeSync();
    }
  }

  /**
   * Bring a table's rollups up to its current snapshot: fold in the files
   * appended since the snapshot they cover, or, when history was rewritten
   * (compaction, delete, expiry of that snapshot), rebuild them from the
   * whole table into a new state that replaces the old one only when done.
   */
  async #rollUp(c: DuckDBConnection, state: TableState): Promise<void> {
    const key = qualifiedName(state.table);
    const inc = await this.#o.source.planIncremental(state.table, state.rolledUpSnapshotId);
    let target = this.rollups.get(key);
    if (inc.reset || !target) {
      target = new TableRollups();
      const full = inc.reset ? await this.#o.source.plan(state.table) : undefined;
      await this.#addRollups(
        c,
        target,
        state.table,
        full?.columns ?? inc.columns,
        (full?.files ?? inc.addedFiles).map((f) => f.uri),
      );
      this.rollups.set(key, target);
      this.rollupStats.rebuilt++;
      state.unsaved = true;
    } else if (inc.addedFiles.length > 0) {
      this.rollupStats.filesFolded += inc.addedFiles.length;
      await this.#addRollups(
        c,
        target,
        state.table,
        inc.columns,
        inc.addedFiles.map((f) => f.uri),
      );
      state.unsaved = true;
    }
    if (state.rolledUpSnapshotId !== inc.toSnapshotId) state.unsaved = true;
    state.rolledUpSnapshotId = inc.toSnapshotId;
  }

  async #addRollups(
    c: DuckDBConnection,
    target: TableRollups,
    table: TableName,
    columns: readonly ColumnSpec[],
    uris: readonly string[],
  ): Promise<void> {
    if (uris.length === 0) return;
    const sql = await this.#projection(c, columns, uris);
    const names = new Set(columns.map((x) => x.name));
    const { rows, visitorDays } = await computeRollupRows(c, sql, names, table.name);
    target.add(rows);
    for (const v of visitorDays) target.exactVisitors.add(v.eventType, v.day, v.key);
    if (names.has('video_id')) {
      const video = await computeVideoRollupRows(c, sql, names);
      target.video.add(video.cells, video.watch);
    }
    const now = this.#o.now();
    const recent = await computeRecentRows(c, sql, names, table.name, (newest) =>
      target.recent.cutoffAfter(newest, now),
    );
    target.recent.add(recent, now);
  }

  /** Adopt a table's saved rollups, if the cache directory has usable ones. */
  async #loadSaved(state: TableState): Promise<void> {
    if (!this.#o.rollupDir) return;
    const key = qualifiedName(state.table);
    const saved = await loadRollups(this.#o.rollupDir, key);
    if (!saved) return;
    // #rollUp then checks that this snapshot is still an ancestor of the current one.
    this.rollups.set(key, saved.rollups);
    this.rollupStats.loaded++;
    state.rolledUpSnapshotId = saved.snapshotId;
    state.savedAtMs = this.#o.now();
  }

  async #save(state: TableState): Promise<void> {
    const rollups = this.rollups.get(qualifiedName(state.table));
    if (!this.#o.rollupDir || !rollups) return;
    try {
      await saveRollups(this.#o.rollupDir, qualifiedName(state.table), state.rolledUpSnapshotId, rollups);
      state.unsaved = false;
      state.savedAtMs = this.#o.now();
    } catch (e) {
      // Not saving only costs a longer restart; keep serving.
      console.warn(`could not save the rollups of ${qualifiedName(state.table)}: ${String(e)}`);
    }
  }

  async #viewSql(c: DuckDBConnection, plan: ScanPlan): Promise<string> {
    return this.#projection(
      c,
      plan.columns,
      plan.files.map((f) => f.uri),
    );
  }

  async #projection(
    c: DuckDBConnection,
    columns: readonly ColumnSpec[],
    uris: readonly string[],
  ): Promise<string> {
    const paths = await this.#o.files.resolve(uris);
    const ids = await this.#fieldIds.read(c, paths);
    return fieldIdProjection(
      columns,
      paths.map((path) => ({ path, fieldIds: ids.get(path) ?? new Map() })),
    );
  }

  #eventsSql(
    states: readonly { relation: string; table: TableName; columns: readonly ColumnSpec[] }[],
  ): string {
    return eventsViewSql(
      states
        .filter((s) => isEventTable(s.columns))
        .map((s) => ({ relation: s.relation, name: s.table.name, columns: s.columns })),
    );
  }

  /**
   * Run one user SELECT, at the current snapshots or (time travel) at the
   * snapshot each table had at `at`. Refused SQL, bad SQL and timeouts throw
   * `QueryError`s; at most `limit` rows (capped by `maxRows`) come back.
   */
  async sql(text: string, options: { at?: SnapshotSelector; limit?: number } = {}): Promise<SqlResult> {
    await this.refreshIfStale();
    const limit = Math.max(0, Math.min(options.limit ?? this.#o.maxRows, this.#o.maxRows));
    const c = await this.#o.instance.connect();
    try {
      const named = [...(await checkUserSql(c, text, this.relations))];
      const first =
        [...this.#tables.values()].find((t) => named.includes(t.relation)) ??
        (named.includes(EVENTS_VIEW)
          ? [...this.#tables.values()].find((t) => isEventTable(t.columns))
          : undefined);
      let snapshotId = first?.snapshotId ?? null;
      let snapshotTimestampMs = first?.snapshotTimestampMs ?? null;
      if (options.at) {
        const travelled = await this.#scopedViews(c, { at: options.at }, named);
        const plan = first ? travelled.get(first.relation) : undefined;
        snapshotId = plan?.snapshotId ?? null;
        snapshotTimestampMs = plan?.snapshotTimestampMs ?? null;
      }
      const rows = await this.#runWithTimeout(c, text, limit);
      return { ...rows, snapshotId, snapshotTimestampMs };
    } catch (e) {
      throw asQueryError(e);
    } finally {
      c.closeSync();
    }
  }

  /**
   * Temporary views (this connection only) over each needed table: as of `at`
   * (time travel) and/or planned with a time `filter` so pruned files are not
   * read. They shadow the shared views of the same names.
   */
  async #scopedViews(
    c: DuckDBConnection,
    scope: { at?: SnapshotSelector; filter?: TimeFilter },
    named: readonly string[],
  ): Promise<Map<string, ScanPlan>> {
    const needEvents = named.includes(EVENTS_VIEW);
    const plans = new Map<string, ScanPlan>();
    const states: { relation: string; table: TableName; columns: readonly ColumnSpec[] }[] = [];
    for (const t of this.#tables.values()) {
      if (!named.includes(t.relation) && !(needEvents && isEventTable(t.columns))) continue;
      const plan = await this.#o.source.plan(t.table, scope.at, scope.filter);
      plans.set(t.relation, plan);
      // The travelled view has its own name so `events` can refer to it; the
      // table's own name is then shadowed by a temp view (temp comes first).
      const travelled = `__at_${t.relation}`;
      await c.run(`CREATE TEMP VIEW ${ident(travelled)} AS ${await this.#viewSql(c, plan)}`);
      await c.run(`CREATE TEMP VIEW ${ident(t.relation)} AS SELECT * FROM temp.${ident(travelled)}`);
      states.push({ relation: `__at_${t.relation}`, table: t.table, columns: plan.columns });
    }
    if (needEvents) {
      await c.run(`CREATE TEMP VIEW ${EVENTS_VIEW} AS ${this.#eventsSql(states)}`);
    }
    return plans;
  }

  async #runWithTimeout(
    c: DuckDBConnection,
    text: string,
    limit: number,
  ): Promise<{ columns: string[]; rows: Record<string, unknown>[]; truncated: boolean }> {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      c.interrupt();
    }, this.#o.timeoutMs);
    try {
      const prepared = await c.prepare(text);
      // Read one row past the limit to know whether the result was cut.
      const reader = await prepared.streamAndReadUntil(limit + 1);
      const columns = reader.columnNames();
      const rows = reader.getRowObjectsJson().slice(0, limit + 1) as Record<string, unknown>[];
      const truncated = rows.length > limit;
      return { columns, rows: truncated ? rows.slice(0, limit) : rows, truncated };
    } catch (e) {
      if (timedOut) {
        throw new QueryError(
          'timeout',
          `The query ran longer than ${this.#o.timeoutMs} ms and was stopped. Narrow the time range or aggregate more.`,
          { timeoutMs: this.#o.timeoutMs },
          { cause: e },
        );
      }
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Run trusted SQL the engine itself generated (dashboards), with the same
   * timeout. With `range`, `events` reads only files the planner keeps for
   * that event-time range.
   */
  async internalSql(
    text: string,
    range?: { startMs: number; endMs: number },
  ): Promise<Record<string, unknown>[]> {
    await this.refreshIfStale();
    const c = await this.#o.instance.connect();
    try {
      if (range) await this.#scopedViews(c, { filter: { column: 'timestamp', ...range } }, [EVENTS_VIEW]);
      return (await this.#runWithTimeout(c, text, Number.MAX_SAFE_INTEGER - 1)).rows;
    } catch (e) {
      throw asQueryError(e);
    } finally {
      c.closeSync();
    }
  }
}

function asQueryError(e: unknown): QueryError {
  if (isQueryError(e)) return e;
  const message = e instanceof Error ? e.message : String(e);
  if (/^(Binder|Parser|Catalog|Conversion|Invalid Input|Out of Range) Error/.test(message)) {
    return new QueryError('invalid-sql', message, {}, { cause: e });
  }
  if (/^Permission Error/.test(message)) return new QueryError('forbidden', message, {}, { cause: e });
  return new QueryError('internal', message, {}, { cause: e });
}
