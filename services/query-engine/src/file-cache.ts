import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FileResolver } from './file-resolver.ts';
import type { StoreForBucket } from './object-stores.ts';
import { readUri } from './object-stores.ts';

/** Hit/miss counts and size of the cache. */
export interface FileCacheStats {
  hits: number;
  misses: number;
  bytes: number;
  files: number;
}

/**
 * A bounded on-disk cache of data files for DuckDB to read. Iceberg data files
 * are immutable (a path is never rewritten), so a file is keyed by its URI and
 * never revalidated. Least recently used files are evicted past `maxBytes`;
 * a file a query is about to read is touched first, so it is not the one evicted.
 * Local paths (not s3://) pass through untouched.
 */
export class FileCache implements FileResolver {
  readonly directories: readonly string[];
  readonly stats: FileCacheStats = { hits: 0, misses: 0, bytes: 0, files: 0 };
  readonly #dir: string;
  readonly #stores: StoreForBucket;
  readonly #maxBytes: number;
  /** path → size, in least-recently-used-first order (Map keeps insertion order). */
  readonly #entries = new Map<string, number>();
  readonly #inflight = new Map<string, Promise<string>>();

  constructor(options: { dir: string; stores: StoreForBucket; maxBytes: number }) {
    this.#dir = options.dir;
    this.#stores = options.stores;
    this.#maxBytes = options.maxBytes;
    this.directories = [options.dir];
    mkdirSync(options.dir, { recursive: true });
    // Files from an earlier run are still valid: adopt them.
    for (const name of readdirSync(options.dir)) {
      if (!name.endsWith('.parquet')) continue;
      const path = join(options.dir, name);
      const size = statSync(path).size;
      this.#entries.set(path, size);
      this.stats.bytes += size;
    }
    this.stats.files = this.#entries.size;
  }

  async resolve(uris: readonly string[]): Promise<string[]> {
    const out = await Promise.all(uris.map((u) => this.#one(u)));
    this.#evict(new Set(out));
    return out;
  }

  #one(uri: string): Promise<string> {
    if (!/^s3[an]?:\/\//.test(uri))
      return Promise.resolve(uri.startsWith('file://') ? new URL(uri).pathname : uri);
    const path = join(this.#dir, `${createHash('sha256').update(uri).digest('hex').slice(0, 40)}.parquet`);
    const size = this.#entries.get(path);
    if (size !== undefined) {
      this.stats.hits++;
      this.#entries.delete(path);
      this.#entries.set(path, size);
      return Promise.resolve(path);
    }
    let pending = this.#inflight.get(path);
    if (!pending) {
      this.stats.misses++;
      pending = (async () => {
        const bytes = await readUri(this.#stores, uri);
        const tmp = `${path}.${process.pid}.tmp`;
        writeFileSync(tmp, bytes);
        renameSync(tmp, path);
        this.#entries.set(path, bytes.byteLength);
        this.stats.bytes += bytes.byteLength;
        this.stats.files = this.#entries.size;
        return path;
      })().finally(() => this.#inflight.delete(path));
      this.#inflight.set(path, pending);
    }
    return pending;
  }

  #evict(keep: ReadonlySet<string>): void {
    for (const [path, size] of this.#entries) {
      if (this.stats.bytes <= this.#maxBytes) break;
      if (keep.has(path)) continue;
      try {
        unlinkSync(path);
      } catch {
        // already gone
      }
      this.#entries.delete(path);
      this.stats.bytes -= size;
    }
    this.stats.files = this.#entries.size;
  }
}
