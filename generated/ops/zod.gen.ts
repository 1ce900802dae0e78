// Generated from contracts/ops.yaml by `npm run codegen`. Do not edit: change the contract and regenerate.

import * as z from 'zod';

/**
 * `degraded`: working but slow or close to a limit; `unhealthy`: failing.
 */
export const zHealthStatus = z.enum([
    'healthy',
    'degraded',
    'unhealthy'
]);

/**
 * - `collector`, `catalog`, `api`, `maintenance`, `pipeline`: the Worker answers its `/healthz`
 * (maintenance and pipeline report the run in flight, if any, in `details`).
 * - `storage`: the raw-data R2 bucket answers a head request.
 * - `query-engine`: the DuckDB query engine answers its `/healthz`.
 *
 */
export const zComponentName = z.enum([
    'collector',
    'catalog',
    'api',
    'storage',
    'query-engine',
    'maintenance',
    'pipeline'
]);

export const zComponentHealth = z.object({
    name: zComponentName,
    status: zHealthStatus,
    checked_at: z.iso.datetime(),
    latency_ms: z.number().gte(0),
    message: z.string().optional(),
    details: z.record(z.string(), z.unknown()).optional()
});

export const zHealthReport = z.object({
    status: zHealthStatus,
    checked_at: z.iso.datetime(),
    version: z.string().optional(),
    components: z.array(zComponentHealth)
});

export const zQueryLatency = z.object({
    query_type: z.string(),
    count: z.int().gte(0),
    p50_ms: z.number(),
    p95_ms: z.number(),
    p99_ms: z.number()
});

export const zBufferMetrics = z.object({
    table: z.string(),
    events: z.int().gte(0),
    bytes: z.int().gte(0),
    fill_ratio: z.number().gte(0),
    oldest_event_age_seconds: z.number().gte(0).optional()
});

export const zCompactionMetrics = z.object({
    runs_total: z.int().gte(0),
    files_rewritten_total: z.int().gte(0),
    bytes_rewritten_total: z.int().gte(0),
    last_run_at: z.iso.datetime().optional(),
    last_duration_ms: z.number().gte(0).optional(),
    last_status: z.enum(['succeeded', 'failed']).optional()
});

export const zCacheMetrics = z.object({
    cache: z.string(),
    hits: z.int().gte(0),
    misses: z.int().gte(0),
    hit_ratio: z.number().gte(0).lte(1)
});

export const zMetricsReport = z.object({
    generated_at: z.iso.datetime(),
    window_seconds: z.int().gte(1),
    queries: z.array(zQueryLatency),
    ingest: z.object({
        events_per_second: z.number().gte(0),
        events_total: z.int().gte(0),
        rejected_total: z.int().gte(0),
        duplicates_total: z.int().gte(0)
    }),
    buffers: z.array(zBufferMetrics),
    compaction: zCompactionMetrics,
    caches: z.array(zCacheMetrics)
});

/**
 * The list prices the report uses (USD).
 */
export const zCostPrices = z.object({
    storage_per_gb_month: z.number(),
    class_a_per_million: z.number(),
    class_b_per_million: z.number(),
    egress_per_gb: z.number().optional()
});

export const zTableStorageCost = z.object({
    namespace: z.string(),
    table: z.string(),
    bucket: z.string(),
    bytes: z.int().gte(0),
    files: z.int().gte(0),
    cost: z.number()
});

export const zOperationCost = z.object({
    count: z.int().gte(0),
    cost: z.number()
});

export const zCostTotals = z.object({
    storage: z.number(),
    class_a: z.number(),
    class_b: z.number(),
    total: z.number()
});

export const zCostReport = z.object({
    currency: z.literal('USD'),
    period_start: z.iso.datetime(),
    period_end: z.iso.datetime(),
    generated_at: z.iso.datetime(),
    prices: zCostPrices,
    storage: z.object({
        total_bytes: z.int().gte(0),
        tables: z.array(zTableStorageCost)
    }),
    operations: z.object({
        class_a: zOperationCost,
        class_b: zOperationCost
    }),
    month_to_date: zCostTotals,
    projected_monthly: zCostTotals
});

export const zFlushRequest = z.object({
    table: z.string().optional()
});

export const zTableFlush = z.object({
    table: z.string(),
    events: z.int().gte(0),
    bytes: z.int().gte(0),
    status: z.enum([
        'committed',
        'empty',
        'failed'
    ]),
    snapshot_id: z.string().regex(/^-?[0-9]+$/).optional(),
    message: z.string().optional()
});

export const zFlushResult = z.object({
    flushes: z.array(zTableFlush)
});

/**
 * - `tier-partitions`: rewrites files of days older than 7 days into day partitions and of
 * months older than 30 days into month partitions (coarser partition specs beside the
 * default hourly one), a bounded number of groups per run.
 * - `compaction`: rewrites the small files of each partition into fewer, larger ones.
 * - `rewrite-manifests`: merges the table's small manifests once there are
 * `commit.manifest.min-count-to-merge` (100) of them.
 * - `expire-snapshots`: removes snapshots older than `history.expire.max-snapshot-age-ms`.
 * - `remove-orphan-files`: deletes files no metadata reaches, after a safety window.
 *
 */
export const zMaintenanceTask = z.enum([
    'tier-partitions',
    'compaction',
    'rewrite-manifests',
    'expire-snapshots',
    'remove-orphan-files'
]);

export const zMaintenanceRequest = z.object({
    table: z.string().optional(),
    tasks: z.array(zMaintenanceTask).optional()
});

export const zMaintenanceTaskResult = z.object({
    table: z.string(),
    task: zMaintenanceTask,
    status: z.enum([
        'succeeded',
        'skipped',
        'failed'
    ]),
    duration_ms: z.number().gte(0),
    files_rewritten: z.int().gte(0).optional(),
    files_added: z.int().gte(0).optional(),
    bytes_rewritten: z.int().gte(0).optional(),
    manifests_replaced: z.int().gte(0).optional(),
    manifests_created: z.int().gte(0).optional(),
    snapshots_expired: z.int().gte(0).optional(),
    files_removed: z.int().gte(0).optional(),
    bytes_removed: z.int().gte(0).optional(),
    snapshot_id: z.string().regex(/^-?[0-9]+$/).optional(),
    message: z.string().optional()
});

export const zMaintenanceResult = z.object({
    results: z.array(zMaintenanceTaskResult)
});

/**
 * What started a run: the service's cron trigger, or an operator's `POST`.
 */
export const zRunTrigger = z.enum(['cron', 'operator']);

/**
 * Where the maintenance run in progress is (the task fields appear once it started one).
 */
export const zMaintenanceProgress = z.object({
    started_at: z.iso.datetime(),
    table: z.string().optional(),
    task: zMaintenanceTask.optional(),
    done: z.int().gte(0).optional(),
    total: z.int().gte(0).optional(),
    group: z.int().gte(0).optional(),
    groups: z.int().gte(0).optional()
});

export const zMaintenanceRun = z.object({
    id: z.int().gte(1),
    trigger: zRunTrigger,
    started_at: z.iso.datetime(),
    finished_at: z.iso.datetime(),
    results: z.array(zMaintenanceTaskResult)
});

export const zMaintenanceRuns = z.object({
    running: z.boolean(),
    current: zMaintenanceProgress.optional(),
    runs: z.array(zMaintenanceRun)
});

export const zImportRequest = z.object({
    source: z.string().optional(),
    max_batches: z.int().gte(1).optional()
});

/**
 * - `d1`: a SQLite database bound to the pipeline Worker as Cloudflare D1.
 * - `libsql`: a Turso or self-hosted libSQL (`sqld`) database over Hrana HTTP (`/v2/pipeline`).
 * - `http`: an HTTP JSON API (URL template with the cursor, JSON path to the records).
 *
 */
export const zImportSourceKind = z.enum([
    'd1',
    'libsql',
    'http'
]);

/**
 * - `config`: the source's configuration is invalid (named field and value in the message).
 * - `source`: the source failed or answered something unusable (HTTP status, SQL error).
 * - `type_conflict`: a source column's values do not fit the type of the table's column.
 * - `concurrent_import`: another run committed this source's cursor first; nothing was written.
 * - `cursor_lost`: the table has rows but no snapshot in its history carries the cursor.
 * - `catalog`: the Iceberg catalog or storage failed (the commit may be retried next run).
 *
 */
export const zImportErrorKind = z.enum([
    'config',
    'source',
    'type_conflict',
    'concurrent_import',
    'cursor_lost',
    'catalog'
]);

export const zImportSourceResult = z.object({
    source: z.string(),
    kind: zImportSourceKind.optional(),
    table: z.string(),
    status: z.enum([
        'imported',
        'up_to_date',
        'failed'
    ]),
    rows: z.int().gte(0),
    batches: z.int().gte(0),
    more: z.boolean().optional(),
    previous_cursor: z.string().optional(),
    cursor: z.string().optional(),
    snapshot_id: z.string().regex(/^-?[0-9]+$/).optional(),
    columns_added: z.array(z.string()).optional(),
    duration_ms: z.number().gte(0),
    error_kind: zImportErrorKind.optional(),
    message: z.string().optional()
});

export const zImportResult = z.object({
    results: z.array(zImportSourceResult)
});

/**
 * Where the import run in progress is (the source fields appear once it started one).
 */
export const zImportProgress = z.object({
    started_at: z.iso.datetime(),
    source: z.string().optional(),
    done: z.int().gte(0).optional(),
    sources: z.int().gte(0).optional(),
    batch: z.int().gte(1).optional(),
    max_batches: z.int().gte(1).optional(),
    rows: z.int().gte(0).optional(),
    cursor: z.string().optional()
});

export const zImportRun = z.object({
    id: z.int().gte(1),
    trigger: zRunTrigger,
    started_at: z.iso.datetime(),
    finished_at: z.iso.datetime(),
    results: z.array(zImportSourceResult)
});

export const zImportRuns = z.object({
    running: z.boolean(),
    current: zImportProgress.optional(),
    runs: z.array(zImportRun)
});

export const zErrorKind = z.enum([
    'not_found',
    'missing_token',
    'invalid_token',
    'conflict',
    'invalid_request',
    'internal'
]);

export const zErrorResponse = z.object({
    error: z.object({
        kind: zErrorKind,
        message: z.string()
    })
});

/**
 * Every component is healthy or degraded.
 */
export const zGetHealthResponse = zHealthReport;

export const zGetComponentHealthPath = z.object({
    component: zComponentName
});

/**
 * The component is healthy or degraded.
 */
export const zGetComponentHealthResponse = zComponentHealth;

export const zGetMetricsQuery = z.object({
    format: z.enum(['prometheus', 'json']).optional()
});

/**
 * Metrics over the last `window_seconds`. Prometheus names: `analytics_query_latency_ms`
 * (summary with quantiles 0.5/0.95/0.99, label `query_type`), `analytics_events_per_second`,
 * `analytics_events_total`, `analytics_buffer_fill_ratio` (label `table`),
 * `analytics_compaction_runs_total`, `analytics_compaction_files_rewritten_total`,
 * `analytics_compaction_bytes_rewritten_total`, `analytics_cache_hit_ratio` (label `cache`).
 *
 */
export const zGetMetricsResponse = zMetricsReport;

/**
 * The cost report for the current calendar month (UTC).
 */
export const zGetCostsResponse = zCostReport;

export const zFlushBuffersBody = zFlushRequest;

/**
 * The flushes that ran (one per table buffer).
 */
export const zFlushBuffersResponse = zFlushResult;

export const zGetMaintenanceQuery = z.object({
    limit: z.int().gte(1).lte(100).optional()
});

/**
 * The run in progress, if any, and the recent runs.
 */
export const zGetMaintenanceResponse = zMaintenanceRuns;

export const zRunMaintenanceBody = zMaintenanceRequest;

/**
 * What each task did, per table.
 */
export const zRunMaintenanceResponse = zMaintenanceResult;

export const zGetImportsQuery = z.object({
    limit: z.int().gte(1).lte(100).optional()
});

/**
 * The run in progress, if any, and the recent runs.
 */
export const zGetImportsResponse = zImportRuns;

export const zRunImportsBody = zImportRequest;

/**
 * What each source imported (also when some sources failed).
 */
export const zRunImportsResponse = zImportResult;
