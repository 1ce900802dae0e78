/**
 * Everything table operations depend on, passed in: the catalog, the file
 * store, the clock, id generators, sleep and randomness (so tests control
 * time and concurrency without mocks).
 */
import type { Catalog } from '../catalog/catalog.ts';
import type { FileIO } from '../io/locations.ts';
import { ManifestCache } from '../scan/manifest-cache.ts';

/** Dependencies of the table operations. */
export interface TableEnv {
  readonly catalog: Catalog;
  readonly io: FileIO;
  readonly now: () => number;
  readonly newUuid: () => string;
  /** A new positive 63-bit snapshot id. */
  readonly newSnapshotId: () => bigint;
  readonly sleep: (ms: number) => Promise<void>;
  /** Uniform in [0, 1), for backoff jitter. */
  readonly random: () => number;
  readonly cache: ManifestCache;
}

/** A random positive 63-bit id, as Java derives it from a random UUID. */
export function randomSnapshotId(): bigint {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  const v = new DataView(bytes.buffer).getBigUint64(0) & 0x7fffffffffffffffn;
  return v === 0n ? 1n : v;
}

/** The production environment: real clock, crypto ids, timers. */
export function defaultTableEnv(catalog: Catalog, io: FileIO): TableEnv {
  return {
    catalog,
    io,
    now: () => Date.now(),
    newUuid: () => crypto.randomUUID(),
    newSnapshotId: randomSnapshotId,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: Math.random,
    cache: new ManifestCache(),
  };
}
