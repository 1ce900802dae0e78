/**
 * A cache of decoded manifest lists and manifests. Both are immutable once
 * written, so entries never go stale; the cache only bounds memory (LRU by
 * entry count).
 */
import { type FileIO, readFile } from '../io/locations.ts';
import { type ReadManifest, readManifest } from '../manifest/manifest.ts';
import type { ManifestFile } from '../manifest/manifest-file.ts';
import { readManifestList } from '../manifest/manifest-list.ts';

/** Reads manifest lists and manifests through an LRU cache keyed by path. */
export class ManifestCache {
  private readonly lists = new Map<string, Promise<ManifestFile[]>>();
  private readonly manifests = new Map<string, Promise<ReadManifest>>();
  hits = 0;
  misses = 0;

  private readonly maxEntries: number;

  constructor(maxEntries = 1000) {
    this.maxEntries = maxEntries;
  }

  /** The manifests of a manifest list. */
  manifestList(io: FileIO, path: string): Promise<ManifestFile[]> {
    return this.cached(this.lists, path, async () => readManifestList(await readFile(io, path)));
  }

  /** The entries of a manifest, with inheritance from its manifest-list entry applied. */
  manifest(io: FileIO, manifest: ManifestFile): Promise<ReadManifest> {
    // The inherited values come from the list entry, so they are part of the key.
    const key = `${manifest.manifestPath}#${manifest.sequenceNumber}#${manifest.addedSnapshotId}`;
    return this.cached(this.manifests, key, async () =>
      readManifest(await readFile(io, manifest.manifestPath), manifest),
    );
  }

  private cached<T>(map: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
    const hit = map.get(key);
    if (hit) {
      this.hits++;
      map.delete(key);
      map.set(key, hit);
      return hit;
    }
    this.misses++;
    const p = load();
    map.set(key, p);
    p.catch(() => map.delete(key));
    while (map.size > this.maxEntries) map.delete(map.keys().next().value as string);
    return p;
  }
}
