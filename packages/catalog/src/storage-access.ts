/**
 * How engines reach data files: the S3-compatible endpoint (R2's S3 API on
 * Cloudflare, the stack's `/s3` endpoint locally) and the key pair for it.
 */
export interface StorageAccess {
  readonly endpoint: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** `auto` for R2. */
  readonly region: string;
}

/** The FileIO properties PyIceberg, Java, DuckDB and Spark read (ICEBERG.md §5.7). */
export function storageProperties(access: StorageAccess): Record<string, string> {
  return {
    's3.endpoint': access.endpoint,
    's3.path-style-access': 'true',
    's3.access-key-id': access.accessKeyId,
    's3.secret-access-key': access.secretAccessKey,
    's3.region': access.region,
    'client.region': access.region,
    // PyIceberg (pyarrow) gives up on a request that moves no byte for 3 s by
    // default; the local S3 endpoint under test load can pause longer than that.
    's3.connect-timeout': '10',
    's3.request-timeout': '60',
  };
}
