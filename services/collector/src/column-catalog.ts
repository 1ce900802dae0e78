import type { ColumnCatalog } from '@analytics/events';
import type { Env } from './env.ts';
import { CatalogColumns } from './iceberg/catalog-columns.ts';
import { RestTableCatalog } from './iceberg/rest-table-catalog.ts';

let shared: { key: string; columns: ColumnCatalog } | undefined;
let installed: ColumnCatalog | undefined;

/**
 * The isolate's `ColumnCatalog` (schema evolution on write): one per
 * catalog configuration, so its cache of open tables' schemas lives as long
 * as the isolate and a request with only known fields makes no catalog call.
 * Undefined without a CATALOG binding: open fields then stay in `properties`.
 */
export function columnCatalog(env: Env, maxOpenColumns: number): ColumnCatalog | undefined {
  if (installed !== undefined) return installed;
  if (env.CATALOG === undefined) return undefined;
  const key = `${env.CATALOG_CREDENTIAL ?? ''}\u0000${maxOpenColumns}`;
  if (shared?.key !== key)
    shared = {
      key,
      columns: new CatalogColumns({
        catalog: new RestTableCatalog(env.CATALOG, { credential: env.CATALOG_CREDENTIAL }),
        maxOpenColumns,
      }),
    };
  return shared.columns;
}

/** Replaces the isolate's column catalog (tests install one over an in-process catalog); undefined restores it. */
export function useColumnCatalog(columns: ColumnCatalog | undefined): void {
  installed = columns;
}
