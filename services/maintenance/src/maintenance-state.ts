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
import {
  type RunOutcome as GenericRunOutcome,
  type RunRecord as GenericRunRecord,
  type RunStatus as GenericRunStatus,
  RunBook,
  type RunTrigger,
  reportOperations,
} from '@analytics/runs';
import { ALL_TASKS, type MaintenanceProgress, runMaintenance } from './tasks.ts';

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
export type RunOutcome = GenericRunOutcome<MaintenanceTaskResult>;

/** One finished run, as the history lists it. */
export type RunRecord = GenericRunRecord<MaintenanceTaskResult>;

/** What is running now: the table, the task, tasks done of the total, groups of the current task. */
export type RunStatus = GenericRunStatus<MaintenanceProgress>;

export class MaintenanceState extends DurableObject<MaintenanceEnv> {
  readonly #runs: RunBook<MaintenanceTaskResult, MaintenanceProgress>;
  readonly #metrics = new MetricsRegistry('maintenance');

  constructor(ctx: DurableObjectState, env: MaintenanceEnv) {
    super(ctx, env);
    loadParquetWasmWorkerd();
    this.#runs = new RunBook(ctx.storage.sql);
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
  async run(request: MaintenanceRequest, trigger: RunTrigger): Promise<RunOutcome> {
    const current = this.#runs.status();
    if (current.running) {
      const what = `${current.task ?? 'starting'} on ${current.table ?? '…'}`;
      return { ok: false, kind: 'busy', message: `maintenance is already running (${what})` };
    }
    const startedAt = this.#runs.begin();
    // Tables live in either bucket: one store routes s3://<bucket>/... to its binding.
    const store = new CountingStore(
      new BucketStore({
        'analytics-source': new R2Store(this.env.SOURCE),
        'analytics-processed': new R2Store(this.env.PROCESSED),
      }),
    );
    try {
      const catalog = this.catalog();
      const env = defaultTableEnv(catalog, fileIO(store, 's3://'));
      const tables = await this.tables(catalog, request.table);
      const results = await runMaintenance(
        env,
        tables,
        request.tasks?.length ? request.tasks : ALL_TASKS,
        { orphanMinAgeMs: Number(this.env.ORPHAN_MIN_AGE_MS) || 259_200_000 },
        (p) => {
          this.#runs.progress(p);
          const group = p.groups === undefined ? '' : `, group ${p.group}/${p.groups}`;
          console.log(`maintenance: ${p.task} on ${p.table} (${p.done + 1}/${p.total}${group})`);
        },
      );
      this.#runs.record(trigger, startedAt, results);
      this.#count(results);
      return { ok: true, results };
    } catch (err) {
      if (err instanceof RefusedRun) return { ok: false, kind: err.kind, message: err.message };
      throw err;
    } finally {
      this.#runs.end();
      // A failed run made R2 calls too: they are billed, so they are reported either way.
      await reportOperations(this.env.CATALOG, 'maintenance', store);
    }
  }

  #count(results: readonly MaintenanceTaskResult[]): void {
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
  history(limit?: number): RunRecord[] {
    return this.#runs.history(limit);
  }

  status(): RunStatus {
    return this.#runs.status();
  }

  metrics(): MetricsSnapshot {
    return this.#metrics.snapshot();
  }
}
