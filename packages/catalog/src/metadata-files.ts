import { parseTableMetadata, serializeTableMetadata, type TableMetadata } from '@analytics/iceberg';
import { CatalogError } from './errors.ts';
import { type Buckets, resolveObject } from './object-locations.ts';

const VERSIONED = /\/(\d+)-[^/]*\.metadata\.json$/;

/** The version number in a `<NNNNN>-<uuid>.metadata.json` name, or -1 for other names. */
export function metadataVersion(location: string): number {
  const m = VERSIONED.exec(location);
  return m?.[1] !== undefined ? Number.parseInt(m[1], 10) : -1;
}

/**
 * Where the next metadata file goes (Java naming, ICEBERG.md §1.8):
 * `<location>/metadata/<NNNNN>-<uuid>.metadata.json`, or `.gz.metadata.json`
 * when `write.metadata.compression-codec` is gzip. Honours
 * `write.metadata.path` when the table sets it.
 */
export function nextMetadataLocation(
  metadata: TableMetadata,
  previousLocation: string | undefined,
  uuid: string,
): string {
  const version = previousLocation === undefined ? 0 : metadataVersion(previousLocation) + 1;
  const dir =
    metadata.properties['write.metadata.path'] ?? `${metadata.location.replace(/\/+$/, '')}/metadata`;
  const gzip = (metadata.properties['write.metadata.compression-codec'] ?? 'none').toLowerCase() === 'gzip';
  return `${dir}/${String(version).padStart(5, '0')}-${uuid}${gzip ? '.gz' : ''}.metadata.json`;
}

async function transform(
  bytes: Uint8Array,
  stream: CompressionStream | DecompressionStream,
): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

/**
 * Reads and writes metadata files. Files are immutable, so parsed metadata is
 * cached by location; the cache is per instance (one per Durable Object).
 */
export class MetadataFiles {
  readonly #cache = new Map<string, TableMetadata>();
  constructor(
    readonly buckets: Buckets,
    readonly cacheSize = 64,
  ) {}

  /** The metadata at `location`; a `not-found` CatalogError when the file is missing. */
  async read(location: string): Promise<TableMetadata> {
    const hit = this.#cache.get(location);
    if (hit) return hit;
    const { store, key } = resolveObject(this.buckets, location);
    let bytes = await store.get(key);
    if (!bytes) {
      throw new CatalogError('not-found', `Failed to open input stream for file: ${location}`, { location });
    }
    if (location.endsWith('.gz.metadata.json') || (bytes[0] === 0x1f && bytes[1] === 0x8b)) {
      bytes = await transform(bytes, new DecompressionStream('gzip'));
    }
    const metadata = parseTableMetadata(new TextDecoder().decode(bytes));
    this.#remember(location, metadata);
    return metadata;
  }

  /** Writes a new metadata file; never overwrites (a clash is a `commit-state-unknown` fault). */
  async write(location: string, metadata: TableMetadata): Promise<number> {
    const { store, key } = resolveObject(this.buckets, location);
    let bytes: Uint8Array = new TextEncoder().encode(serializeTableMetadata(metadata));
    if (location.endsWith('.gz.metadata.json')) bytes = await transform(bytes, new CompressionStream('gzip'));
    await store.put(key, bytes, { ifNoneMatch: '*', contentType: 'application/json' });
    this.#remember(location, metadata);
    return bytes.length;
  }

  /** Best-effort delete of files no longer referenced (e.g. trimmed from `metadata-log`). */
  async delete(locations: readonly string[]): Promise<void> {
    const byStore = new Map<Buckets extends ReadonlyMap<string, infer S> ? S : never, string[]>();
    for (const location of locations) {
      const { store, key } = resolveObject(this.buckets, location);
      byStore.set(store, [...(byStore.get(store) ?? []), key]);
      this.#cache.delete(location);
    }
    for (const [store, keys] of byStore) await store.delete(keys);
  }

  #remember(location: string, metadata: TableMetadata): void {
    this.#cache.delete(location);
    this.#cache.set(location, metadata);
    if (this.#cache.size > this.cacheSize) {
      const oldest = this.#cache.keys().next().value;
      if (oldest !== undefined) this.#cache.delete(oldest);
    }
  }
}
