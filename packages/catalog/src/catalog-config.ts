import type { CatalogContext } from './catalog-context.ts';
import { CatalogError } from './errors.ts';
import { storageProperties } from './storage-access.ts';

/**
 * Every route this catalog serves, as `GET /v1/config` advertises them. Clients
 * treat the list as complete (PyIceberg raises for anything missing), so it must
 * match the routes exactly.
 */
export const SUPPORTED_ENDPOINTS = [
  'GET /v1/{prefix}/namespaces',
  'POST /v1/{prefix}/namespaces',
  'GET /v1/{prefix}/namespaces/{namespace}',
  'HEAD /v1/{prefix}/namespaces/{namespace}',
  'DELETE /v1/{prefix}/namespaces/{namespace}',
  'POST /v1/{prefix}/namespaces/{namespace}/properties',
  'GET /v1/{prefix}/namespaces/{namespace}/tables',
  'POST /v1/{prefix}/namespaces/{namespace}/tables',
  'GET /v1/{prefix}/namespaces/{namespace}/tables/{table}',
  'HEAD /v1/{prefix}/namespaces/{namespace}/tables/{table}',
  'POST /v1/{prefix}/namespaces/{namespace}/tables/{table}',
  'DELETE /v1/{prefix}/namespaces/{namespace}/tables/{table}',
  'POST /v1/{prefix}/namespaces/{namespace}/register',
  'POST /v1/{prefix}/namespaces/{namespace}/tables/{table}/metrics',
  'POST /v1/{prefix}/tables/rename',
  'POST /v1/{prefix}/transactions/commit',
] as const;

/**
 * `GET /v1/config`: no prefix; the warehouse's name in defaults; FileIO
 * settings (S3 endpoint and keys) as overrides so a client needs only the URI
 * and its credential. An unknown `warehouse` is a 404.
 */
export function catalogConfig(ctx: CatalogContext, warehouse: string | undefined): Record<string, unknown> {
  if (warehouse !== undefined && warehouse !== '' && warehouse !== ctx.warehouse.name) {
    throw new CatalogError(
      'not-found',
      `Warehouse does not exist: ${warehouse} (this catalog serves ${ctx.warehouse.name})`,
      {
        warehouse,
      },
    );
  }
  return {
    defaults: { warehouse: ctx.warehouse.name },
    overrides: ctx.storage ? storageProperties(ctx.storage) : {},
    endpoints: [...SUPPORTED_ENDPOINTS],
  };
}
