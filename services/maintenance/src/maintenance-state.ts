/**
 * One Durable Object (SQLite) per deployment that serialises maintenance
 * runs, records each run's results (the compaction history) and reports the
 * progress of the run in flight.
 */

import { DurableObject } from 'cloudflare:workers';
import type { MaintenanceRequest, MaintenanceTaskResult } from '@analytics/generated/ops/types';
import {
  BucketStore,
  CountingStore,
  defaultTableEnv,
  fileIO,
  formatIdentifier,
  isIcebergError,
  R2Store,
  RestCatalog,
  type TableIdentifier,
} from '@analytics/iceberg';
import { loadParquetWasmWorkerd } from '@analytics/iceberg/workerd';
import { MetricsRegistry, type MetricsSnapshot } from '@analytics/metrics';
import { ALL_TASKS, runMaintenance } from './tasks.ts';

/** The catalog Worker's RPC method that counts R2 operations for `/v1/costs`. */
interface OperationRecorder {
  recordOperations(service: string, classA: number, classB: number): Promise<void>;
}

export interface MaintenanceEnv {
  CATALOG: Fetcher;
  /** analytics-source: the raw event tables. */
  SOURCE: R2Bucket;
  /** analytics-processed: the tables dbt writes (namespace `processed`). */
  PROCESSED: R2Bucket;
  MAINTENANCE_STATE: DurableObjectNamespace<MaintenanceState>;
  MAINTENANCE_NAMESPACES: string;
  ORPHAN_MIN_AGE_MS: string;
  CATALOG_CREDENTIAL?: string;
}

/** Why a run could not start (plain data: class identity does not cross Durable Object RPC). */
class RefusedRun extends Error {
  constructor(
    readonly kind: 'busy' | 'not_found',
    message: string,
  ) {
    super(message);
  }
}

/** The outcome of asking for a run. */
export type RunOutcome =
  | { readonly ok: true; readonly results: MaintenanceTaskResult[] }
  | { readonly ok: false; readonly kind: 'busy' | 'not_found'; readonly message: string };

/** One finished run, as the history lists it. */
export interface RunRecord {
  readonly id: number;
  readonly trigger: 'cron' | 'operator';
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly results: MaintenanceTaskResult[];
}

/** What is running now. */
export interface RunStatus {
  readonly running: boolean;
  readonly table?: string;
  readonly task?: string;
  readonly done?: number;
  readonly total?: number;
  /** Groups finished of the current task's groups (compaction, tier-partitions). */
  readonly group?: number;
  readonly groups?: number;
  readonly startedAt?: string;
}

export class MaintenanceState extends DurableObject<MaintenanceEnv> {
  #status: RunStatus = { running: false };
  readonly #metrics = new MetricsRegistry('maintenance');

  constructor(ctx: DurableObjectState, env: MaintenanceEnv) {
    super(ctx, env);
    loadParquetWasmWorkerd();
    ctx.storage.sql.exec(`CREATE TABLE IF NOT EXISTS runs (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      trigger TEXT NOT NULL,
      started_at TEXT NOT NULL,
      finished_at TEXT NOT NULL,
      results TEXT NOT NULL
    )`);
  }

  private catalog(): RestCatalog {
    return new RestCatalog({
      uri: 'http://catalog',
      fetcher: this.env.CATALOG,
      ...(this.env.CATALOG_CREDENTIAL ? { credential: this.env.CATALOG_CREDENTIAL } : {}),
    });
  }

  private async tables(catalog: RestCatalog, only?: string): Promise<TableIdentifier[]> {
    const namespaces = this.env.MAINTENANCE_NAMESPACES.split(',')
      .map((n) => n.trim())
      .filter(Boolean);
    // A namespace nobody has written to yet (no event flushed) has no tables to maintain.
    const list = (ns: string) =>
      catalog.listTables(ns.split('.')).catch((err: unknown) => {
        if (isIcebergError(err, 'not-found')) return [];
        throw err;
      });
    const all = (await Promise.all(namespaces.map(list))).flat();
    if (!only) return all;
    const match = all.filter((t) => formatIdentifier(t) === only);
    if (match.length === 0)
      throw new RefusedRun(
        'not_found',
        `no table named ${only}; tables: ${all.map(formatIdentifier).join(', ') || 'none'}`,
      );
    return match;
  }

  /** Runs maintenance now; refused with `busy` while another run is in flight. */
  async run(request: MaintenanceRequest, trigger: 'cron' | 'operator'): Promise<RunOutcome> {
    if (this.#status.running) {
      const what = `${this.#status.task ?? 'starting'} on ${this.#status.table ?? '…'}`;
      return { ok: false, kind: 'busy', message: `maintenance is already running (${what})` };
    }
    const startedAt = new Date().toISOString();
    this.#status = { running: true, startedAt };
    try {
      const catalog = this.catalog();
      // Tables live in either bucket: one store routes s3://<bucket>/... to its binding.
      const store = new CountingStore(
        new BucketStore({
          'analytics-source': new R2Store(this.env.SOURCE),
          'analytics-processed': new R2Store(this.env.PROCESSED),
        }),
      );
      const env = defaultTableEnv(catalog, fileIO(store, 's3://'));
      const tables = await this.tables(catalog, request.table);
      const results = await runMaintenance(
        env,
        tables,
        request.tasks?.length ? request.tasks : ALL_TASKS,
        { orphanMinAgeMs: Number(this.env.ORPHAN_MIN_AGE_MS) || 259_200_000 },
        (p) => {
          this.#status = { running: true, startedAt, ...p };
          const group = p.groups === undefined ? '' : `, group ${p.group}/${p.groups}`;
          console.log(`maintenance: ${p.task} on ${p.table} (${p.done + 1}/${p.total}${group})`);
        },
      );
      this.record(trigger, startedAt, results);
      await this.reportOperations(store);
      return { ok: true, results };
    } catch (err) {
      if (err instanceof RefusedRun) return { ok: false, kind: err.kind, message: err.message };
      throw err;
    } finally {
      this.#status = { running: false };
    }
  }

  /** Tells the catalog how many R2 operations this run made, for `/v1/costs`. */
  private async reportOperations(store: CountingStore): Promise<void> {
    const { classA, classB } = store.take();
    if (classA === 0 && classB === 0) return;
    try {
      await (this.env.CATALOG as unknown as OperationRecorder).recordOperations(
        'maintenance',
        classA,
        classB,
      );
    } catch (err) {
      console.warn(`could not report R2 operations to the catalog: ${String(err)}`);
    }
  }

  private record(trigger: string, startedAt: string, results: MaintenanceTaskResult[]): void {
    this.ctx.storage.sql.exec(
      'INSERT INTO runs (trigger, started_at, finished_at, results) VALUES (?, ?, ?, ?)',
      trigger,
      startedAt,
      new Date().toISOString(),
      JSON.stringify(results),
    );
    const help = {
      runs: 'Maintenance runs of the compaction task',
      files: 'Data files compaction rewrote',
      bytes: 'Input bytes of the data files compaction rewrote',
    };
    for (const r of results) {
      this.#metrics.observe('analytics_maintenance_task_ms', 'Duration of maintenance tasks', r.duration_ms, {
        task: r.task,
      });
      if (r.task !== 'compaction') continue;
      this.#metrics.inc('analytics_compaction_runs_total', help.runs, {}, 1);
      this.#metrics.inc('analytics_compaction_files_rewritten_total', help.files, {}, r.files_rewritten ?? 0);
      this.#metrics.inc('analytics_compaction_bytes_rewritten_total', help.bytes, {}, r.bytes_rewritten ?? 0);
    }
  }

  /** The newest runs first. */
  history(limit = 20): RunRecord[] {
    return this.ctx.storage.sql
      .exec<{ id: number; trigger: string; started_at: string; finished_at: string; results: string }>(
        'SELECT id, trigger, started_at, finished_at, results FROM runs ORDER BY id DESC LIMIT ?',
        limit,
      )
      .toArray()
      .map((r) => ({
        id: r.id,
        trigger: r.trigger as RunRecord['trigger'],
        startedAt: r.started_at,
        finishedAt: r.finished_at,
        results: JSON.parse(r.results) as MaintenanceTaskResult[],
      }));
  }

  status(): RunStatus {
    return this.#status;
  }

  metrics(): MetricsSnapshot {
    return this.#metrics.snapshot();
  }
}
