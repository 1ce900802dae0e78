/**
 * Turns a data file URI from a scan plan into a path DuckDB can read locally.
 * `local-files.ts` passes local paths through; `file-cache.ts` downloads
 * objects (S3) into a bounded on-disk cache.
 */
export interface FileResolver {
  /** Local paths for `uris`, in the same order. */
  resolve(uris: readonly string[]): Promise<string[]>;
  /** Directories DuckDB must be allowed to read (all resolved paths lie under them). */
  readonly directories: readonly string[];
}

/** A resolver for files that are already on local disk under `directories`. */
export function localFiles(directories: readonly string[]): FileResolver {
  return {
    directories,
    async resolve(uris) {
      return uris.map((u) => (u.startsWith('file://') ? new URL(u).pathname : u));
    },
  };
}
