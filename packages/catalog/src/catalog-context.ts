import type { Principal } from './auth/grants.ts';
import type { MetadataFiles } from './metadata-files.ts';
import type { Buckets } from './object-locations.ts';
import type { StorageAccess } from './storage-access.ts';
import type { CatalogStore } from './store/catalog-store.ts';

/** Everything the catalog operations depend on, passed in (no globals). */
export interface CatalogContext {
  readonly store: CatalogStore;
  readonly buckets: Buckets;
  readonly files: MetadataFiles;
  /** Warehouse name (`GET /v1/config?warehouse=`) and the location tables default to. */
  readonly warehouse: { readonly name: string; readonly location: string };
  /** What engines need to reach data files; absent when not configured. */
  readonly storage?: StorageAccess;
  readonly nowMs: () => number;
  /** Random UUID (metadata file names, table uuids). */
  readonly newUuid: () => string;
  /**
   * Writes R2 operation counts the host tallies in memory to the journal;
   * called before usage is read, so a cost report counts every operation
   * reported before it. Hosts that write each report at once leave it out.
   */
  readonly writeUsage?: () => void;
}

/** Who is calling, and the request to file audit records under. */
export interface Caller {
  readonly principal: Principal;
  readonly requestId: string;
}
