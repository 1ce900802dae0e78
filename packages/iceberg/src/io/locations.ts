/**
 * Table files are named by full URIs in metadata (`s3://bucket/wh/t/…`) but
 * stored by key in one `ObjectStore`. A `FileIO` pairs a store with the URI
 * prefix its keys live under, and maps between the two.
 */
import { IcebergError } from '../errors.ts';
import type { ObjectStore } from './storage.ts';

/** A store and the URI its keys are relative to (e.g. `s3://analytics-source/` or `/tmp/wh/`). */
export interface FileIO {
  readonly store: ObjectStore;
  readonly root: string;
}

/** Creates a FileIO; the root gets a trailing slash. */
export function fileIO(store: ObjectStore, root: string): FileIO {
  return { store, root: root.endsWith('/') ? root : `${root}/` };
}

/** The store key of a URI, or `invalid-argument` when the URI is outside the store's root. */
export function keyOf(io: FileIO, uri: string): string {
  if (uri.startsWith(io.root)) return uri.slice(io.root.length);
  // s3a:// and s3n:// are aliases of s3:// written by Hadoop-based engines.
  const normalized = uri.replace(/^s3[an]:\/\//, 's3://');
  if (normalized.startsWith(io.root)) return normalized.slice(io.root.length);
  throw new IcebergError('invalid-argument', `Location ${uri} is outside the store root ${io.root}`, {
    uri,
    root: io.root,
  });
}

/** The URI of a store key. */
export function uriOf(io: FileIO, key: string): string {
  return io.root + key;
}

/** Reads a file by URI; `not-found` when absent. */
export async function readFile(io: FileIO, uri: string): Promise<Uint8Array> {
  const bytes = await io.store.get(keyOf(io, uri));
  if (!bytes) throw new IcebergError('not-found', `Failed to open input stream for file: ${uri}`, { uri });
  return bytes;
}
