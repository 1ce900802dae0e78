import type { ObjectStore } from '@analytics/iceberg';
import { CatalogError } from './errors.ts';

/** Object stores by bucket name: the buckets this catalog may read and write. */
export type Buckets = ReadonlyMap<string, ObjectStore>;

/** An object addressed inside one of the catalog's buckets. */
export interface ObjectRef {
  readonly bucket: string;
  readonly key: string;
  readonly store: ObjectStore;
}

/** Splits `s3://bucket/key` (also `s3a://`, `r2://`) into bucket and key. */
export function parseObjectUri(uri: string): { bucket: string; key: string } {
  const m = /^(?:s3a?|r2):\/\/([^/]+)\/?(.*)$/.exec(uri);
  if (!m?.[1]) {
    throw new CatalogError('invalid-argument', `Invalid location ${uri}: expected s3://<bucket>/<path>`, {
      uri,
    });
  }
  return { bucket: m[1], key: m[2] ?? '' };
}

/** Resolves a URI onto one of the configured buckets, or fails naming the bucket. */
export function resolveObject(buckets: Buckets, uri: string): ObjectRef {
  const { bucket, key } = parseObjectUri(uri);
  const store = buckets.get(bucket);
  if (!store) {
    throw new CatalogError(
      'invalid-argument',
      `Invalid location ${uri}: bucket ${bucket} is not one of this catalog's buckets (${[...buckets.keys()].join(', ')})`,
      { uri },
    );
  }
  return { bucket, key, store };
}
