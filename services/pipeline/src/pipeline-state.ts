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
import {
  type RunOutcome as GenericRunOutcome,
  type RunRecord as GenericRunRecord,
  type RunStatus as GenericRunStatus,
  RunBook,
  type RunTrigger,
  reportOperations,
} from '@analytics/runs';
import { parseSources } from './config.ts';
import { type RunProgress, runImports } from './run-imports.ts';

/** The bucket imported tables live in (the raw-data bucket). */
export const IMPORT_BUCKET = 'analytics-source';

export interface PipelineEnv {
  CATALOG: Fetcher;
  /** analytics-source: the imported tables' data and metadata. */
  SOURCE: R2Bucket;
  PIPELINE_STATE: DurableObjectNamespace<PipelineState>;
  /**
   * The sources (README "Import pipeline"): a string holding a JSON array, or
   * the array itself (wrangler `vars` take JSON values).
   */
  IMPORT_SOURCES?: string | unknown[];
  CATALOG_CREDENTIAL?: string;
}

/** The outcome of asking for a run. */
export type RunOutcome = GenericRunOutcome<ImportSourceResult>;

/** One finished run, as the history lists it. */
export type RunRecord = GenericRunRecord<ImportSourceResult>;

/** What is running now. */
export type RunStatus = GenericRunStatus<RunProgress>;

export class PipelineState extends DurableObject<PipelineEnv> {
  readonly #runs: RunBook<ImportSourceResult, RunProgress>;
  readonly #metrics = new MetricsRegistry('pipeline');

  constructor(ctx: DurableObjectState, env: PipelineEnv) {
    super(ctx, env);
    loadParquetWasmWorkerd();
    this.#runs = new RunBook(ctx.storage.sql);
  }

  /** Imports now; refused with `busy` while another run is in flight. */
  async run(request: ImportRequest, trigger: RunTrigger): Promise<RunOutcome> {
    const current = this.#runs.status();
    if (current.running) {
      const where = current.source ? ` (${current.source}, batch ${current.batch ?? 1})` : '';
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

    const startedAt = this.#runs.begin();
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
            this.#runs.progress(p);
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
      this.#runs.record(trigger, startedAt, results);
      this.#count(trigger, results);
      return { ok: true, results };
    } finally {
      this.#runs.end();
      await reportOperations(this.env.CATALOG, 'pipeline', store);
    }
  }

  #count(trigger: RunTrigger, results: readonly ImportSourceResult[]): void {
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
