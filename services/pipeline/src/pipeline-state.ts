/**
 * One Durable Object (SQLite) per deployment that serialises import runs
 * (the hourly cron and operator requests), keeps the history of runs and
 * reports the progress of the run in flight. The cursors themselves are not
 * here: they live in the Iceberg tables' snapshot summaries.
 */
import { DurableObject } from 'cloudflare:workers';
import type { ImportRequest, ImportSourceResult } from '@analytics/generated/ops/types';
import { CountingStore, defaultTableEnv, fileIO, R2Store, RestCatalog } from '@analytics/iceberg';
import { loadParquetWasmWorkerd } from '@analytics/iceberg/workerd';
import { MetricsRegistry, type MetricsSnapshot } from '@analytics/metrics';
import { parseSources } from './config.ts';
import { type RunProgress, runImports } from './run-imports.ts';

/** The bucket imported tables live in (the raw-data bucket). */
export const IMPORT_BUCKET = 'analytics-source';

/** The catalog Worker's RPC method that counts R2 operations for `/v1/costs`. */
interface OperationRecorder {
  recordOperations(service: string, classA: number, classB: number): Promise<void>;
}

export interface PipelineEnv {
  CATALOG: Fetcher;
  /** analytics-source: the imported tables' data and metadata. */
  SOURCE: R2Bucket;
  PIPELINE_STATE: DurableObjectNamespace<PipelineState>;
  /** The sources, a JSON array (README "Import pipeline"). */
  IMPORT_SOURCES?: string;
  CATALOG_CREDENTIAL?: string;
}

/** The outcome of asking for a run (plain data: class identity does not cross Durable Object RPC). */
export type RunOutcome =
  | { readonly ok: true; readonly results: ImportSourceResult[] }
  | { readonly ok: false; readonly kind: 'busy' | 'not_found' | 'invalid_config'; readonly message: string };

/** One finished run, as the history lists it. */
export interface RunRecord {
  readonly id: number;
  readonly trigger: 'cron' | 'operator';
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly results: ImportSourceResult[];
}

/** What is running now. */
export type RunStatus =
  | { readonly running: false }
  | ({ readonly running: true; readonly startedAt: string } & Partial<RunProgress>);

export class PipelineState extends DurableObject<PipelineEnv> {
  #status: RunStatus = { running: false };
  readonly #metrics = new MetricsRegistry('pipeline');

  constructor(ctx: DurableObjectState, env: PipelineEnv) {
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

  /** Imports now; refused with `busy` while another run is in flight. */
  async run(request: ImportRequest, trigger: 'cron' | 'operator'): Promise<RunOutcome> {
    if (this.#status.running) {
      const where = this.#status.source ? ` (${this.#status.source}, batch ${this.#status.batch ?? 1})` : '';
      return { ok: false, kind: 'busy', message: `an import run is already in progress${where}` };
    }
    let parsed: ReturnType<typeof parseSources>;
    try {
      parsed = parseSources(this.env.IMPORT_SOURCES);
    } catch (e) {
      return { ok: false, kind: 'invalid_config', message: (e as Error).message };
    }
    const names = [...parsed.sources, ...parsed.invalid].map((s) => s.name);
    if (request.source !== undefined && !names.includes(request.source))
      return {
        ok: false,
        kind: 'not_found',
        message: `no source named ${request.source}; sources: ${names.join(', ') || 'none (IMPORT_SOURCES is empty)'}`,
      };

    const startedAt = new Date().toISOString();
    this.#status = { running: true, startedAt };
    const store = new CountingStore(new R2Store(this.env.SOURCE));
    try {
      const catalog = new RestCatalog({
        uri: 'http://catalog',
        fetcher: this.env.CATALOG,
        ...(this.env.CATALOG_CREDENTIAL ? { credential: this.env.CATALOG_CREDENTIAL } : {}),
      });
      const env = defaultTableEnv(catalog, fileIO(store, `s3://${IMPORT_BUCKET}/`));
      const runId = crypto.randomUUID();
      const bindings = this.env as unknown as Record<string, unknown>;
      const results = await runImports(
        {
          env,
          ensureNamespace: async (ns) => {
            await catalog.ensureNamespace(ns);
          },
          warehouseRoot: `s3://${IMPORT_BUCKET}`,
          runId,
        },
        parsed,
        (name) => bindings[name],
        {
          ...(request.source === undefined ? {} : { only: request.source }),
          ...(request.max_batches === undefined ? {} : { maxBatches: request.max_batches }),
          onProgress: (p) => {
            this.#status = { running: true, startedAt, ...p };
            if (p.batch !== undefined)
              console.log(
                `imports: ${p.source} batch ${p.batch}/${p.maxBatches} committed, ${p.rows} rows this run, cursor ${p.cursor}`,
              );
            else console.log(`imports: ${p.source} (${p.done + 1}/${p.sources}) starting`);
          },
        },
      );
      for (const r of results)
        console.log(
          `imports: ${r.source} ${r.status}: ${r.rows} rows in ${r.batches} batches${r.cursor ? `, cursor ${r.cursor}` : ''}${r.message ? ` (${r.message})` : ''}`,
        );
      this.#record(trigger, startedAt, results);
      return { ok: true, results };
    } finally {
      this.#status = { running: false };
      await this.#reportOperations(store);
    }
  }

  #record(trigger: string, startedAt: string, results: ImportSourceResult[]): void {
    this.ctx.storage.sql.exec(
      'INSERT INTO runs (trigger, started_at, finished_at, results) VALUES (?, ?, ?, ?)',
      trigger,
      startedAt,
      new Date().toISOString(),
      JSON.stringify(results),
    );
    this.#metrics.inc('analytics_import_runs_total', 'Import pipeline runs', { trigger }, 1);
    for (const r of results) {
      const labels = { source: r.source };
      this.#metrics.inc('analytics_import_rows_total', 'Rows imported, per source', labels, r.rows);
      this.#metrics.inc('analytics_import_batches_total', 'Batches committed, per source', labels, r.batches);
      if (r.status === 'failed')
        this.#metrics.inc('analytics_import_failures_total', 'Failed source imports, per source and kind', {
          ...labels,
          kind: r.error_kind ?? 'source',
        });
      this.#metrics.observe(
        'analytics_import_source_ms',
        'Duration of one source import',
        r.duration_ms,
        labels,
      );
    }
  }

  /** Tells the catalog how many R2 operations this run made, for `/v1/costs`. */
  async #reportOperations(store: CountingStore): Promise<void> {
    const { classA, classB } = store.take();
    if (classA === 0 && classB === 0) return;
    try {
      await (this.env.CATALOG as unknown as OperationRecorder).recordOperations('pipeline', classA, classB);
    } catch (err) {
      console.warn(`could not report R2 operations to the catalog: ${String(err)}`);
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
        results: JSON.parse(r.results) as ImportSourceResult[],
      }));
  }

  status(): RunStatus {
    return this.#status;
  }

  metrics(): MetricsSnapshot {
    return this.#metrics.snapshot();
  }
}
