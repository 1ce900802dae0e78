// Generated from contracts/ops.yaml by `npm run codegen`. Do not edit: change the contract and regenerate.

import { client } from './client.gen.ts';
import type { Client, ClientMeta, Options as Options2, RequestResult, TDataShape } from './client/index.ts';
import type { FlushBuffersData, FlushBuffersErrors, FlushBuffersResponses, GetComponentHealthData, GetComponentHealthErrors, GetComponentHealthResponses, GetCostsData, GetCostsResponses, GetHealthData, GetHealthErrors, GetHealthResponses, GetImportsData, GetImportsErrors, GetImportsResponses, GetMaintenanceData, GetMaintenanceErrors, GetMaintenanceResponses, GetMetricsData, GetMetricsResponses, RunImportsData, RunImportsErrors, RunImportsResponses, RunMaintenanceData, RunMaintenanceErrors, RunMaintenanceResponses } from './types.gen.ts';

export type Options<TData extends TDataShape = TDataShape, ThrowOnError extends boolean = boolean, TResponse = unknown> = Options2<TData, ThrowOnError, TResponse> & {
    /**
     * You can provide a client instance returned by `createClient()` instead of
     * individual options. This might be also useful if you want to implement a
     * custom client.
     */
    client?: Client;
    /**
     * You can pass arbitrary values through the `meta` object. This can be
     * used to access values that aren't defined as part of the SDK function.
     */
    meta?: keyof ClientMeta extends never ? Record<string, unknown> : ClientMeta;
};

/**
 * Overall status and every component's status
 */
export const getHealth = <ThrowOnError extends boolean = false>(options?: Options<GetHealthData, ThrowOnError>): RequestResult<GetHealthResponses, GetHealthErrors, ThrowOnError> => (options?.client ?? client).get<GetHealthResponses, GetHealthErrors, ThrowOnError>({ url: '/health', ...options });

/**
 * One component's status
 */
export const getComponentHealth = <ThrowOnError extends boolean = false>(options: Options<GetComponentHealthData, ThrowOnError>): RequestResult<GetComponentHealthResponses, GetComponentHealthErrors, ThrowOnError> => (options.client ?? client).get<GetComponentHealthResponses, GetComponentHealthErrors, ThrowOnError>({ url: '/health/{component}', ...options });

/**
 * Performance metrics (Prometheus text or JSON)
 */
export const getMetrics = <ThrowOnError extends boolean = false>(options?: Options<GetMetricsData, ThrowOnError>): RequestResult<GetMetricsResponses, unknown, ThrowOnError> => (options?.client ?? client).get<GetMetricsResponses, unknown, ThrowOnError>({ url: '/metrics', ...options });

/**
 * Storage and operation costs, month to date and projected
 */
export const getCosts = <ThrowOnError extends boolean = false>(options?: Options<GetCostsData, ThrowOnError>): RequestResult<GetCostsResponses, unknown, ThrowOnError> => (options?.client ?? client).get<GetCostsResponses, unknown, ThrowOnError>({ url: '/v1/costs', ...options });

/**
 * Flush the event buffers now
 *
 * Writes what the buffers hold to Parquet and commits it to Iceberg now instead of waiting for
 * the size or age threshold. Empty buffers are skipped. Idempotent: a retried flush never
 * commits the same events twice.
 *
 */
export const flushBuffers = <ThrowOnError extends boolean = false>(options?: Options<FlushBuffersData, ThrowOnError>): RequestResult<FlushBuffersResponses, FlushBuffersErrors, ThrowOnError> => (options?.client ?? client).post<FlushBuffersResponses, FlushBuffersErrors, ThrowOnError>({
    security: [{ scheme: 'bearer', type: 'http' }],
    url: '/ops/flush',
    ...options,
    headers: {
        'Content-Type': 'application/json',
        ...options?.headers
    }
});

/**
 * Maintenance in progress and the recent runs
 *
 * Whether a maintenance run (the cron's or an operator's) is in progress and where it is
 * (table, task, groups), and the most recent finished runs, newest first, each with the
 * results `runMaintenance` answered. The maintenance Worker keeps its newest 1,000 runs.
 *
 */
export const getMaintenance = <ThrowOnError extends boolean = false>(options?: Options<GetMaintenanceData, ThrowOnError>): RequestResult<GetMaintenanceResponses, GetMaintenanceErrors, ThrowOnError> => (options?.client ?? client).get<GetMaintenanceResponses, GetMaintenanceErrors, ThrowOnError>({
    security: [{ scheme: 'bearer', type: 'http' }],
    url: '/ops/maintenance',
    ...options
});

/**
 * Run table maintenance now
 *
 * Runs the same tasks as the 6-hourly cron (aged partitions moved to coarser tiers, compaction
 * to the target file size, manifest merging, snapshot expiry, orphan-file removal) now, for one
 * table or all, and answers when they are done.
 *
 */
export const runMaintenance = <ThrowOnError extends boolean = false>(options?: Options<RunMaintenanceData, ThrowOnError>): RequestResult<RunMaintenanceResponses, RunMaintenanceErrors, ThrowOnError> => (options?.client ?? client).post<RunMaintenanceResponses, RunMaintenanceErrors, ThrowOnError>({
    security: [{ scheme: 'bearer', type: 'http' }],
    url: '/ops/maintenance',
    ...options,
    headers: {
        'Content-Type': 'application/json',
        ...options?.headers
    }
});

/**
 * The import run in progress and the recent runs
 *
 * Whether an import run (the hourly cron's or an operator's) is in progress and where it is
 * (source, batch, rows, cursor), and the most recent finished runs, newest first, each with
 * the results per source that `runImports` answered. The pipeline keeps its newest 1,000
 * runs.
 *
 */
export const getImports = <ThrowOnError extends boolean = false>(options?: Options<GetImportsData, ThrowOnError>): RequestResult<GetImportsResponses, GetImportsErrors, ThrowOnError> => (options?.client ?? client).get<GetImportsResponses, GetImportsErrors, ThrowOnError>({
    security: [{ scheme: 'bearer', type: 'http' }],
    url: '/ops/imports',
    ...options
});

/**
 * Run the import pipeline now
 *
 * Copies the rows that are new since the last import from the configured sources (SQLite
 * through Cloudflare D1, Turso / libSQL over Hrana HTTP, HTTP JSON APIs) into tables of the
 * namespace `imports`, as the hourly cron does, for one source or all, and answers when done.
 * Each batch is one Iceberg append whose snapshot summary carries the source's new cursor, so
 * rows and cursor land atomically and a retried run never imports a row twice. A source that
 * fails (unreachable, a type conflict with its table) is reported and the others still run.
 *
 */
export const runImports = <ThrowOnError extends boolean = false>(options?: Options<RunImportsData, ThrowOnError>): RequestResult<RunImportsResponses, RunImportsErrors, ThrowOnError> => (options?.client ?? client).post<RunImportsResponses, RunImportsErrors, ThrowOnError>({
    security: [{ scheme: 'bearer', type: 'http' }],
    url: '/ops/imports',
    ...options,
    headers: {
        'Content-Type': 'application/json',
        ...options?.headers
    }
});
