import type { BufferDurableObject } from './buffer-durable-object.ts';

/**
 * The collector's bindings and vars (wrangler.jsonc). Vars are strings;
 * `settings.ts` parses them once.
 */
export interface Env {
  /** One Buffer Durable Object per table shard (`<table>:<shard>`). */
  readonly BUFFER: DurableObjectNamespace<BufferDurableObject>;
  /** Bucket `analytics-source`: the event tables' data files. */
  readonly SOURCE: R2Bucket;
  /** The Iceberg REST catalog Worker. */
  readonly CATALOG?: Fetcher;
  /** `client_id:client_secret` (or `token:<bearer>`) the collector uses with the catalog (secret). */
  readonly CATALOG_CREDENTIAL?: string;
  /** Workers Analytics Engine dataset; data points are written only when bound. */
  readonly ANALYTICS_ENGINE?: AnalyticsEngineDataset;

  /** The local single ingest key (secret on Cloudflare). */
  readonly ANALYTICS_API_KEY?: string;
  /** JSON list of hashed keys with project scopes (secret on Cloudflare). */
  readonly COLLECTOR_API_KEYS?: string;
  /** Projects that accept events without X-API-Key, comma-separated, `*` for any; empty: none. */
  readonly ANONYMOUS_PROJECTS?: string;
  readonly FLUSH_INTERVAL_MS?: string;
  readonly FLUSH_MAX_BYTES?: string;
  readonly FLUSH_MAX_EVENTS?: string;
  readonly BUFFER_SHARDS?: string;
  readonly DEDUPE_WINDOW_MS?: string;
  readonly BOT_POLICY?: string;
  readonly MAX_BODY_BYTES?: string;
  readonly MAX_EVENTS_PER_BATCH?: string;
  readonly MAX_EVENT_BYTES?: string;
  /** Most columns schema evolution on write adds to one open table (`user_actions`, `custom_events`). */
  readonly MAX_OPEN_COLUMNS?: string;
}
