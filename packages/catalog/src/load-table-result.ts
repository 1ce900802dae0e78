import { type JsonValue, type TableMetadata, tableMetadataToJson } from '@analytics/iceberg';
import type { CatalogContext } from './catalog-context.ts';
import { parseObjectUri } from './object-locations.ts';
import { storageProperties } from './storage-access.ts';

/** Which snapshots a load returns (REST `snapshots` query parameter). */
export type SnapshotsMode = 'all' | 'refs';

/** Options of a table load that shape the response. */
export interface LoadOptions {
  readonly snapshots: SnapshotsMode;
  /** The client sent `X-Iceberg-Access-Delegation: vended-credentials`. */
  readonly vendCredentials: boolean;
}

/** Metadata with only the snapshots that a branch or tag points at (`snapshots=refs`). */
export function withReferencedSnapshotsOnly(m: TableMetadata): TableMetadata {
  const referenced = new Set(Object.values(m.refs).map((r) => r.snapshotId));
  return { ...m, snapshots: m.snapshots.filter((s) => referenced.has(s.snapshotId)) };
}

/**
 * A REST `LoadTableResult`. Storage credentials go into `config` and
 * `storage-credentials` (scoped to the table's bucket) only when the client asked
 * for vended credentials and the catalog has them.
 */
export function loadTableResult(
  ctx: CatalogContext,
  metadataLocation: string | undefined,
  metadata: TableMetadata,
  options: LoadOptions,
): { [key: string]: JsonValue } {
  const shown = options.snapshots === 'refs' ? withReferencedSnapshotsOnly(metadata) : metadata;
  const config: Record<string, string> = {};
  const result: { [key: string]: JsonValue } = {};
  if (metadataLocation !== undefined) result['metadata-location'] = metadataLocation;
  result.metadata = tableMetadataToJson(shown);
  if (options.vendCredentials && ctx.storage) {
    const props = storageProperties(ctx.storage);
    Object.assign(config, props);
    const { bucket } = parseObjectUri(metadata.location);
    result['storage-credentials'] = [{ prefix: `s3://${bucket}/`, config: props }];
  }
  result.config = config;
  return result;
}
