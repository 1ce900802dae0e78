/**
 * One run of the pipeline: every configured source (or the one asked for),
 * one after another, so a run holds one batch in memory at a time. A source
 * that fails, including one whose configuration is invalid, is reported and
 * the run goes on with the next.
 */
import type { ImportSourceResult } from '@analytics/generated/ops/types';
import { formatIdentifier } from '@analytics/iceberg';
import type { ParsedSources } from './config.ts';
import { isImportError } from './errors.ts';
import {
  type BatchProgress,
  IMPORT_NAMESPACE,
  type ImportDeps,
  importSource,
  tableIdOf,
} from './import-source.ts';
import type { FetchLike } from './sources/hrana-client.ts';
import { type BindingLookup, buildSource } from './sources/index.ts';

/** Where a run is, for the status endpoint and the log. */
export interface RunProgress {
  readonly source: string;
  /** Sources finished before this one, of `sources`. */
  readonly done: number;
  readonly sources: number;
  readonly batch?: number;
  readonly maxBatches?: number;
  readonly rows?: number;
  readonly cursor?: string;
}

export interface RunOptions {
  /** Only this source. */
  readonly only?: string;
  /** Batches per source, instead of each source's `maxBatches`. */
  readonly maxBatches?: number;
  /** For HTTP and libSQL sources; the global fetch when absent. */
  readonly fetcher?: FetchLike;
  readonly onProgress?: (p: RunProgress) => void;
  readonly nowMs?: () => number;
}

/** Runs the import of every source (in configuration order; invalid entries first, as failures). */
export async function runImports(
  deps: ImportDeps,
  parsed: ParsedSources,
  lookup: BindingLookup,
  options: RunOptions = {},
): Promise<ImportSourceResult[]> {
  const results: ImportSourceResult[] = [];
  const invalid = parsed.invalid.filter((s) => options.only === undefined || s.name === options.only);
  for (const s of invalid)
    results.push({
      source: s.name,
      ...(s.kind ? { kind: s.kind } : {}),
      table: formatIdentifier({ namespace: IMPORT_NAMESPACE, name: s.table }),
      status: 'failed',
      rows: 0,
      batches: 0,
      duration_ms: 0,
      error_kind: 'config',
      message: s.message,
    });
  const sources = parsed.sources.filter((s) => options.only === undefined || s.name === options.only);
  for (const [i, config] of sources.entries()) {
    options.onProgress?.({ source: config.name, done: i, sources: sources.length });
    const onBatch: BatchProgress = (p) =>
      options.onProgress?.({
        source: config.name,
        done: i,
        sources: sources.length,
        batch: p.batch,
        maxBatches: p.maxBatches,
        rows: p.rows,
        cursor: p.cursor,
      });
    let source: ReturnType<typeof buildSource>;
    try {
      source = buildSource(config, lookup, options.fetcher);
    } catch (e) {
      if (!isImportError(e)) throw e;
      results.push({
        source: config.name,
        kind: config.kind,
        table: formatIdentifier(tableIdOf(config)),
        status: 'failed',
        rows: 0,
        batches: 0,
        duration_ms: 0,
        error_kind: e.kind,
        message: `${config.name}: ${e.message}`,
      });
      continue;
    }
    results.push(
      await importSource(deps, config, source, {
        ...(options.maxBatches === undefined ? {} : { maxBatches: options.maxBatches }),
        ...(options.nowMs ? { nowMs: options.nowMs } : {}),
        onBatch,
      }),
    );
  }
  return results;
}
