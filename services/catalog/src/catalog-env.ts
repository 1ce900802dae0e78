import type { CatalogDurableObject } from './catalog-durable-object.ts';

/**
 * Bindings and settings of the catalog Worker (wrangler.jsonc `vars`, secrets
 * on Cloudflare). Documented in docs/catalog.md.
 */
export interface CatalogEnv {
  readonly CATALOG: DurableObjectNamespace<CatalogDurableObject>;
  /** analytics-source: raw event tables. */
  readonly SOURCE: R2Bucket;
  /** analytics-processed: dbt output. */
  readonly PROCESSED: R2Bucket;
  /** analytics-catalog: catalog state. */
  readonly CATALOG_BUCKET: R2Bucket;
  /** `production` turns off the local default credential and token secret. */
  readonly ENVIRONMENT?: string;
  readonly WAREHOUSE?: string;
  readonly WAREHOUSE_LOCATION?: string;
  /** JSON list of credentials and grants (secret). */
  readonly CATALOG_TOKENS?: string;
  /** `client_id:client_secret` of an admin client (secret); local default `analytics:analytics-secret`. */
  readonly CATALOG_CREDENTIAL?: string;
  /** HMAC key for issued tokens (secret). */
  readonly CATALOG_TOKEN_SECRET?: string;
  readonly CATALOG_TOKEN_TTL_SECONDS?: string;
  /** S3-compatible endpoint engines use for data files (R2's S3 API, or the stack's `/s3`). */
  readonly S3_ENDPOINT?: string;
  readonly S3_ACCESS_KEY_ID?: string;
  readonly S3_SECRET_ACCESS_KEY?: string;
  readonly S3_REGION?: string;
  readonly R2_PRICE_STORAGE_GB_MONTH?: string;
  readonly R2_PRICE_CLASS_A_PER_MILLION?: string;
  readonly R2_PRICE_CLASS_B_PER_MILLION?: string;
}
