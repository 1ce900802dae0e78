/** Query engine settings, from the environment (see docs/query.md). */
export interface QueryEngineConfig {
  /** 127.0.0.1 locally; 0.0.0.0 inside the Container image. */
  readonly host: string;
  readonly port: number;
  readonly cacheDir: string;
  readonly cacheMaxBytes: number;
  readonly timeoutMs: number;
  readonly maxRows: number;
  readonly refreshIntervalMs: number;
  /** Least time between two saves of a table's rollups under `<cacheDir>/rollups`, ms. */
  readonly rollupSaveIntervalMs: number;
  /** Iceberg REST catalog root; without it the engine serves no tables. */
  readonly catalogUrl: string | undefined;
  readonly catalogToken: string | undefined;
  /** `client_id:client_secret` for the catalog's OAuth client-credentials grant. */
  readonly catalogCredential: string | undefined;
  readonly catalogWarehouse: string | undefined;
  readonly s3: {
    readonly endpoint: string | undefined;
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
    readonly region: string;
  };
  /** Where the collector lists events not yet flushed (realtime); optional. */
  readonly bufferedEventsUrl: string | undefined;
}

/** Read the configuration from environment variables, with local defaults. */
export function configFromEnv(env: Readonly<Record<string, string | undefined>>): QueryEngineConfig {
  const num = (name: string, fallback: number) => {
    const v = env[name];
    if (v === undefined || v === '') return fallback;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got ${v}`);
    return n;
  };
  return {
    host: env.QUERY_ENGINE_HOST || '127.0.0.1',
    port: num('QUERY_ENGINE_PORT', 8790),
    cacheDir: env.QUERY_ENGINE_CACHE_DIR ?? '.data/query-cache',
    cacheMaxBytes: num('QUERY_ENGINE_CACHE_MAX_BYTES', 4 * 1024 ** 3),
    timeoutMs: num('QUERY_TIMEOUT_MS', 10_000),
    maxRows: num('QUERY_MAX_ROWS', 10_000),
    refreshIntervalMs: num('QUERY_REFRESH_INTERVAL_MS', 1_000),
    rollupSaveIntervalMs: num('QUERY_ROLLUP_SAVE_INTERVAL_MS', 300_000),
    catalogUrl: env.CATALOG_URL || undefined,
    catalogToken: env.CATALOG_TOKEN || undefined,
    // The local stack's catalog admin client (services/catalog's local default); a secret on Cloudflare.
    catalogCredential:
      env.CATALOG_CREDENTIAL || (env.CATALOG_TOKEN ? undefined : 'analytics:analytics-secret'),
    catalogWarehouse: env.CATALOG_WAREHOUSE || undefined,
    s3: {
      endpoint: env.S3_ENDPOINT || undefined,
      accessKeyId: env.S3_ACCESS_KEY_ID ?? '',
      secretAccessKey: env.S3_SECRET_ACCESS_KEY ?? '',
      region: env.S3_REGION ?? 'auto',
    },
    bufferedEventsUrl: env.COLLECTOR_BUFFER_URL || undefined,
  };
}
