// Generated from contracts/ops.yaml by `npm run codegen`. Do not edit: change the contract and regenerate.

export type ClientOptions = {
    baseUrl: 'http://localhost:8787' | (string & {});
};

/**
 * `degraded`: working but slow or close to a limit; `unhealthy`: failing.
 */
export type HealthStatus = 'healthy' | 'degraded' | 'unhealthy';

/**
 * - `collector`, `catalog`, `api`, `maintenance`, `pipeline`: the Worker answers its `/healthz`
 * (maintenance and pipeline report the run in flight, if any, in `details`).
 * - `storage`: the raw-data R2 bucket answers a head request.
 * - `query-engine`: the DuckDB query engine answers its `/healthz`.
 *
 */
export type ComponentName = 'collector' | 'catalog' | 'api' | 'storage' | 'query-engine' | 'maintenance' | 'pipeline';

export type ComponentHealth = {
    name: ComponentName;
    status: HealthStatus;
    checked_at: string;
    /**
     * How long the probe took.
     */
    latency_ms: number;
    /**
     * Why the component is not healthy; absent when healthy.
     */
    message?: string;
    /**
     * Component-specific facts (e.g. buffered events, table count).
     */
    details?: {
        [key: string]: unknown;
    };
};

export type HealthReport = {
    /**
     * The worst component status.
     */
    status: HealthStatus;
    checked_at: string;
    /**
     * Deployed version.
     */
    version?: string;
    /**
     * One entry per component, in the order of `ComponentName`.
     */
    components: Array<ComponentHealth>;
};

export type QueryLatency = {
    /**
     * GraphQL root field (e.g. `eventCounts`, `timeTravel`) or `sql`.
     */
    query_type: string;
    count: number;
    p50_ms: number;
    p95_ms: number;
    p99_ms: number;
};

export type BufferMetrics = {
    table: string;
    events: number;
    bytes: number;
    /**
     * bytes / flush threshold bytes (0..1, may briefly exceed 1).
     */
    fill_ratio: number;
    oldest_event_age_seconds?: number;
};

export type CompactionMetrics = {
    runs_total: number;
    files_rewritten_total: number;
    bytes_rewritten_total: number;
    last_run_at?: string;
    last_duration_ms?: number;
    last_status?: 'succeeded' | 'failed';
};

export type CacheMetrics = {
    /**
     * e.g. `manifest`, `data-file`, `query-result`.
     */
    cache: string;
    hits: number;
    misses: number;
    hit_ratio: number;
};

export type MetricsReport = {
    generated_at: string;
    /**
     * Rates and percentiles cover this trailing window.
     */
    window_seconds: number;
    queries: Array<QueryLatency>;
    ingest: {
        events_per_second: number;
        events_total: number;
        rejected_total: number;
        duplicates_total: number;
    };
    buffers: Array<BufferMetrics>;
    compaction: CompactionMetrics;
    caches: Array<CacheMetrics>;
};

/**
 * The list prices the report uses (USD).
 */
export type CostPrices = {
    /**
     * R2 standard storage, e.g. 0.015.
     */
    storage_per_gb_month: number;
    /**
     * R2 class A operations (writes, lists), e.g. 4.50.
     */
    class_a_per_million: number;
    /**
     * R2 class B operations (reads), e.g. 0.36.
     */
    class_b_per_million: number;
    /**
     * Always 0 for R2.
     */
    egress_per_gb?: number;
};

export type TableStorageCost = {
    /**
     * Dot-separated namespace levels.
     */
    namespace: string;
    table: string;
    /**
     * analytics-source, analytics-processed or analytics-catalog.
     */
    bucket: string;
    /**
     * Data, delete, manifest and metadata files of every live snapshot.
     */
    bytes: number;
    files: number;
    /**
     * Month-to-date storage cost of this table.
     */
    cost: number;
};

export type OperationCost = {
    count: number;
    cost: number;
};

export type CostTotals = {
    storage: number;
    class_a: number;
    class_b: number;
    total: number;
};

export type CostReport = {
    currency: 'USD';
    /**
     * First instant of the current month (UTC).
     */
    period_start: string;
    /**
     * First instant of the next month (UTC).
     */
    period_end: string;
    generated_at: string;
    prices: CostPrices;
    storage: {
        total_bytes: number;
        tables: Array<TableStorageCost>;
    };
    operations: {
        class_a: OperationCost;
        class_b: OperationCost;
    };
    month_to_date: CostTotals;
    /**
     * Month to date scaled linearly to the whole month.
     */
    projected_monthly: CostTotals;
};

export type FlushRequest = {
    /**
     * Only this table's buffer (dot-separated namespace and name); all when omitted.
     */
    table?: string;
};

export type TableFlush = {
    table: string;
    events: number;
    /**
     * Parquet bytes written.
     */
    bytes: number;
    status: 'committed' | 'empty' | 'failed';
    /**
     * The committed snapshot id (64-bit, as a decimal string).
     */
    snapshot_id?: string;
    /**
     * Why the flush failed.
     */
    message?: string;
};

export type FlushResult = {
    flushes: Array<TableFlush>;
};

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
export type MaintenanceTask = 'tier-partitions' | 'compaction' | 'rewrite-manifests' | 'expire-snapshots' | 'remove-orphan-files';

export type MaintenanceRequest = {
    /**
     * Only this table (dot-separated namespace and name); all when omitted.
     */
    table?: string;
    /**
     * Which tasks, in this order; all of them, in the order of `MaintenanceTask`, when omitted.
     */
    tasks?: Array<MaintenanceTask>;
};

export type MaintenanceTaskResult = {
    table: string;
    task: MaintenanceTask;
    status: 'succeeded' | 'skipped' | 'failed';
    duration_ms: number;
    files_rewritten?: number;
    files_added?: number;
    /**
     * Input bytes of the data files rewritten (compaction, tier-partitions).
     */
    bytes_rewritten?: number;
    /**
     * Manifests merged into new ones (rewrite-manifests).
     */
    manifests_replaced?: number;
    /**
     * Manifests written by the merge (rewrite-manifests).
     */
    manifests_created?: number;
    snapshots_expired?: number;
    files_removed?: number;
    bytes_removed?: number;
    /**
     * The snapshot the task committed, if any (64-bit, as a decimal string).
     */
    snapshot_id?: string;
    message?: string;
};

export type MaintenanceResult = {
    results: Array<MaintenanceTaskResult>;
};

/**
 * What started a run: the service's cron trigger, or an operator's `POST`.
 */
export type RunTrigger = 'cron' | 'operator';

/**
 * Where the maintenance run in progress is (the task fields appear once it started one).
 */
export type MaintenanceProgress = {
    started_at: string;
    /**
     * The table being maintained.
     */
    table?: string;
    task?: MaintenanceTask;
    /**
     * Task runs (one per table and task) finished.
     */
    done?: number;
    /**
     * Task runs this run does.
     */
    total?: number;
    /**
     * Groups of the current task finished (compaction, tier-partitions).
     */
    group?: number;
    /**
     * Groups the current task has.
     */
    groups?: number;
};

export type MaintenanceRun = {
    id: number;
    trigger: RunTrigger;
    started_at: string;
    finished_at: string;
    results: Array<MaintenanceTaskResult>;
};

export type MaintenanceRuns = {
    running: boolean;
    /**
     * The run in progress; present only while `running`.
     */
    current?: MaintenanceProgress;
    /**
     * Finished runs, newest first.
     */
    runs: Array<MaintenanceRun>;
};

export type ImportRequest = {
    /**
     * Only this source (its configured `name`); all sources when omitted.
     */
    source?: string;
    /**
     * At most this many batches (commits) per source in this run, instead of each source's
     * configured `maxBatches`.
     *
     */
    max_batches?: number;
};

/**
 * - `d1`: a SQLite database bound to the pipeline Worker as Cloudflare D1.
 * - `libsql`: a Turso or self-hosted libSQL (`sqld`) database over Hrana HTTP (`/v2/pipeline`).
 * - `http`: an HTTP JSON API (URL template with the cursor, JSON path to the records).
 *
 */
export type ImportSourceKind = 'd1' | 'libsql' | 'http';

/**
 * - `config`: the source's configuration is invalid (named field and value in the message).
 * - `source`: the source failed or answered something unusable (HTTP status, SQL error).
 * - `type_conflict`: a source column's values do not fit the type of the table's column.
 * - `concurrent_import`: another run committed this source's cursor first; nothing was written.
 * - `cursor_lost`: the table has rows but no snapshot in its history carries the cursor.
 * - `catalog`: the Iceberg catalog or storage failed (the commit may be retried next run).
 *
 */
export type ImportErrorKind = 'config' | 'source' | 'type_conflict' | 'concurrent_import' | 'cursor_lost' | 'catalog';

export type ImportSourceResult = {
    /**
     * The source's configured `name` (`#<index>` for an entry without one).
     */
    source: string;
    /**
     * The source's kind; absent only for an invalid entry whose `kind` is missing or not one
     * of the kinds.
     *
     */
    kind?: ImportSourceKind;
    /**
     * The Iceberg table (dot-separated namespace and name), e.g. `imports.orders`. For an
     * invalid entry, its `table` when that is a valid name, otherwise its `name`.
     *
     */
    table: string;
    /**
     * `failed` may follow committed batches: their rows and cursor stay.
     */
    status: 'imported' | 'up_to_date' | 'failed';
    /**
     * Rows committed by this run.
     */
    rows: number;
    /**
     * Batches committed by this run (one Iceberg snapshot each).
     */
    batches: number;
    /**
     * The source still had rows after the last batch (the run stopped at `max_batches`).
     */
    more?: boolean;
    /**
     * The cursor the run started from (JSON text of the value): the table's, or the source's
     * `initialCursor` when nothing was imported yet; absent on a first import without
     * `initialCursor`, and for a source that failed before reading its table.
     *
     */
    previous_cursor?: string;
    /**
     * The cursor after the last committed batch (JSON text of the value).
     */
    cursor?: string;
    /**
     * The last snapshot committed (64-bit, as a decimal string).
     */
    snapshot_id?: string;
    /**
     * Columns added to the table by schema evolution in this run.
     */
    columns_added?: Array<string>;
    duration_ms: number;
    error_kind?: ImportErrorKind;
    /**
     * Why the source failed, or a note (e.g. rows held back for the next run).
     */
    message?: string;
};

export type ImportResult = {
    results: Array<ImportSourceResult>;
};

/**
 * Where the import run in progress is (the source fields appear once it started one).
 */
export type ImportProgress = {
    started_at: string;
    /**
     * The source being imported.
     */
    source?: string;
    /**
     * Sources finished before this one.
     */
    done?: number;
    /**
     * Sources this run imports (valid entries).
     */
    sources?: number;
    /**
     * The source's last committed batch in this run.
     */
    batch?: number;
    max_batches?: number;
    /**
     * Rows of this source committed by this run so far.
     */
    rows?: number;
    /**
     * The source's cursor after its last committed batch.
     */
    cursor?: string;
};

export type ImportRun = {
    id: number;
    trigger: RunTrigger;
    started_at: string;
    finished_at: string;
    results: Array<ImportSourceResult>;
};

export type ImportRuns = {
    running: boolean;
    /**
     * The run in progress; present only while `running`.
     */
    current?: ImportProgress;
    /**
     * Finished runs, newest first.
     */
    runs: Array<ImportRun>;
};

export type ErrorKind = 'not_found' | 'missing_token' | 'invalid_token' | 'conflict' | 'invalid_request' | 'internal';

export type ErrorResponse = {
    error: {
        kind: ErrorKind;
        message: string;
    };
};

export type GetHealthData = {
    body?: never;
    path?: never;
    query?: never;
    url: '/health';
};

export type GetHealthErrors = {
    /**
     * At least one component is unhealthy.
     */
    503: HealthReport;
};

export type GetHealthError = GetHealthErrors[keyof GetHealthErrors];

export type GetHealthResponses = {
    /**
     * Every component is healthy or degraded.
     */
    200: HealthReport;
};

export type GetHealthResponse = GetHealthResponses[keyof GetHealthResponses];

export type GetComponentHealthData = {
    body?: never;
    path: {
        component: ComponentName;
    };
    query?: never;
    url: '/health/{component}';
};

export type GetComponentHealthErrors = {
    /**
     * No such component.
     */
    404: ErrorResponse;
    /**
     * The component is unhealthy.
     */
    503: ComponentHealth;
};

export type GetComponentHealthError = GetComponentHealthErrors[keyof GetComponentHealthErrors];

export type GetComponentHealthResponses = {
    /**
     * The component is healthy or degraded.
     */
    200: ComponentHealth;
};

export type GetComponentHealthResponse = GetComponentHealthResponses[keyof GetComponentHealthResponses];

export type GetMetricsData = {
    body?: never;
    path?: never;
    query?: {
        /**
         * `json` forces JSON; `prometheus` forces the text format. Overrides Accept.
         */
        format?: 'prometheus' | 'json';
    };
    url: '/metrics';
};

export type GetMetricsResponses = {
    /**
     * Metrics over the last `window_seconds`. Prometheus names: `analytics_query_latency_ms`
     * (summary with quantiles 0.5/0.95/0.99, label `query_type`), `analytics_events_per_second`,
     * `analytics_events_total`, `analytics_buffer_fill_ratio` (label `table`),
     * `analytics_compaction_runs_total`, `analytics_compaction_files_rewritten_total`,
     * `analytics_compaction_bytes_rewritten_total`, `analytics_cache_hit_ratio` (label `cache`).
     *
     */
    200: MetricsReport;
};

export type GetMetricsResponse = GetMetricsResponses[keyof GetMetricsResponses];

export type GetCostsData = {
    body?: never;
    path?: never;
    query?: never;
    url: '/v1/costs';
};

export type GetCostsResponses = {
    /**
     * The cost report for the current calendar month (UTC).
     */
    200: CostReport;
};

export type GetCostsResponse = GetCostsResponses[keyof GetCostsResponses];

export type FlushBuffersData = {
    body?: FlushRequest;
    path?: never;
    query?: never;
    url: '/ops/flush';
};

export type FlushBuffersErrors = {
    /**
     * No bearer token.
     */
    401: ErrorResponse;
    /**
     * Wrong bearer token.
     */
    403: ErrorResponse;
    /**
     * The named table has no buffer.
     */
    404: ErrorResponse;
};

export type FlushBuffersError = FlushBuffersErrors[keyof FlushBuffersErrors];

export type FlushBuffersResponses = {
    /**
     * The flushes that ran (one per table buffer).
     */
    200: FlushResult;
};

export type FlushBuffersResponse = FlushBuffersResponses[keyof FlushBuffersResponses];

export type GetMaintenanceData = {
    body?: never;
    path?: never;
    query?: {
        /**
         * How many finished runs to list, newest first (20 when omitted).
         */
        limit?: number;
    };
    url: '/ops/maintenance';
};

export type GetMaintenanceErrors = {
    /**
     * `limit` is not an integer from 1 to 100.
     */
    400: ErrorResponse;
    /**
     * No bearer token.
     */
    401: ErrorResponse;
    /**
     * Wrong bearer token.
     */
    403: ErrorResponse;
};

export type GetMaintenanceError = GetMaintenanceErrors[keyof GetMaintenanceErrors];

export type GetMaintenanceResponses = {
    /**
     * The run in progress, if any, and the recent runs.
     */
    200: MaintenanceRuns;
};

export type GetMaintenanceResponse = GetMaintenanceResponses[keyof GetMaintenanceResponses];

export type RunMaintenanceData = {
    body?: MaintenanceRequest;
    path?: never;
    query?: never;
    url: '/ops/maintenance';
};

export type RunMaintenanceErrors = {
    /**
     * No bearer token.
     */
    401: ErrorResponse;
    /**
     * Wrong bearer token.
     */
    403: ErrorResponse;
    /**
     * The named table does not exist.
     */
    404: ErrorResponse;
    /**
     * Maintenance is already running for a requested table.
     */
    409: ErrorResponse;
};

export type RunMaintenanceError = RunMaintenanceErrors[keyof RunMaintenanceErrors];

export type RunMaintenanceResponses = {
    /**
     * What each task did, per table.
     */
    200: MaintenanceResult;
};

export type RunMaintenanceResponse = RunMaintenanceResponses[keyof RunMaintenanceResponses];

export type GetImportsData = {
    body?: never;
    path?: never;
    query?: {
        /**
         * How many finished runs to list, newest first (20 when omitted).
         */
        limit?: number;
    };
    url: '/ops/imports';
};

export type GetImportsErrors = {
    /**
     * `limit` is not an integer from 1 to 100.
     */
    400: ErrorResponse;
    /**
     * No bearer token.
     */
    401: ErrorResponse;
    /**
     * Wrong bearer token.
     */
    403: ErrorResponse;
};

export type GetImportsError = GetImportsErrors[keyof GetImportsErrors];

export type GetImportsResponses = {
    /**
     * The run in progress, if any, and the recent runs.
     */
    200: ImportRuns;
};

export type GetImportsResponse = GetImportsResponses[keyof GetImportsResponses];

export type RunImportsData = {
    body?: ImportRequest;
    path?: never;
    query?: never;
    url: '/ops/imports';
};

export type RunImportsErrors = {
    /**
     * The request body is not a valid ImportRequest.
     */
    400: ErrorResponse;
    /**
     * No bearer token.
     */
    401: ErrorResponse;
    /**
     * Wrong bearer token.
     */
    403: ErrorResponse;
    /**
     * No source of that name is configured.
     */
    404: ErrorResponse;
    /**
     * An import run is already in progress.
     */
    409: ErrorResponse;
    /**
     * The pipeline's source configuration (`IMPORT_SOURCES`) is not a JSON array.
     */
    500: ErrorResponse;
};

export type RunImportsError = RunImportsErrors[keyof RunImportsErrors];

export type RunImportsResponses = {
    /**
     * What each source imported (also when some sources failed).
     */
    200: ImportResult;
};

export type RunImportsResponse = RunImportsResponses[keyof RunImportsResponses];
