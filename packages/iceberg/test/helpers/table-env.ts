/** Test environment for table operations: a store-backed catalog, a stepping clock, instant backoff. */
import { StoreCatalog } from '../../src/catalog/store-catalog.ts';
import { fileIO } from '../../src/io/locations.ts';
import { MemoryStore } from '../../src/io/memory-store.ts';
import type { ObjectStore } from '../../src/io/storage.ts';
import { loadParquetWasmNode } from '../../src/parquet/parquet-wasm-node.ts';
import { ManifestCache } from '../../src/scan/manifest-cache.ts';
import { randomSnapshotId, type TableEnv } from '../../src/table/table-env.ts';

await loadParquetWasmNode();

/** A clock that advances 1 s per reading, from 2024-01-01. */
export function steppingClock(start = Date.UTC(2024, 0, 1)): () => number {
  let t = start;
  return () => {
    t += 1000;
    return t;
  };
}

/** A TableEnv over `store` (memory by default) with its keys under `root`. */
export function testEnv(
  options: { store?: ObjectStore; root?: string; now?: () => number } = {},
): TableEnv & { waits: number[] } {
  const store = options.store ?? new MemoryStore();
  const io = fileIO(store, options.root ?? 's3://warehouse/');
  const now = options.now ?? steppingClock();
  const newUuid = () => crypto.randomUUID();
  const waits: number[] = [];
  return {
    catalog: new StoreCatalog({ io, now, newUuid }),
    io,
    now,
    newUuid,
    newSnapshotId: randomSnapshotId,
    sleep: async (ms) => {
      waits.push(ms);
      await new Promise((r) => setTimeout(r, 0));
    },
    random: Math.random,
    cache: new ManifestCache(),
    waits,
  };
}
