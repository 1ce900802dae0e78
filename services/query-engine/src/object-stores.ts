import type { ObjectStore } from '@analytics/iceberg';

/**
 * Object stores by bucket: `s3://bucket/key` URIs resolve to
 * `(storeFor(bucket), key)`. In production each is an S3 store on R2's S3 API;
 * locally the stack's `/s3` endpoint; in tests a memory or file store.
 */
export type StoreForBucket = (bucket: string) => ObjectStore;

/** Split an `s3://bucket/key` (or s3a/s3n) URI into bucket and key. */
export function splitS3Uri(uri: string): { bucket: string; key: string } {
  const m = /^s3[an]?:\/\/([^/]+)\/(.+)$/.exec(uri);
  if (!m) throw new Error(`Not an s3:// URI: ${uri}`);
  return { bucket: m[1] as string, key: m[2] as string };
}

/** Read a whole object by URI; throws when it does not exist. */
export async function readUri(stores: StoreForBucket, uri: string): Promise<Uint8Array> {
  const { bucket, key } = splitS3Uri(uri);
  const bytes = await stores(bucket).get(key);
  if (!bytes) throw new Error(`Object ${uri} does not exist`);
  return bytes;
}
