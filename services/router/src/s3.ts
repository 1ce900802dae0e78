import { createS3Handler, type R2BucketLike } from '@analytics/s3';

/** The R2 buckets the S3 endpoint exposes, by bucket name. */
export interface S3Env {
  SOURCE: R2Bucket;
  PROCESSED: R2Bucket;
  CATALOG_BUCKET: R2Bucket;
  S3_ACCESS_KEY_ID?: string;
  S3_SECRET_ACCESS_KEY?: string;
}

const handlers = new WeakMap<S3Env, (request: Request) => Promise<Response>>();

/**
 * The S3-compatible endpoint at `/s3`: path-style requests over the same R2
 * buckets the Workers use, SigV4-verified against the configured key pair, so
 * engines (PyIceberg, DuckDB, Spark, the query engine) reach local storage the
 * way they reach R2's own S3 API in production.
 */
export function s3Handler(env: S3Env): (request: Request) => Promise<Response> {
  let handler = handlers.get(env);
  if (!handler) {
    const buckets: Record<string, R2BucketLike> = {
      'analytics-source': env.SOURCE as unknown as R2BucketLike,
      'analytics-processed': env.PROCESSED as unknown as R2BucketLike,
      'analytics-catalog': env.CATALOG_BUCKET as unknown as R2BucketLike,
    };
    handler = createS3Handler({
      basePath: '/s3',
      buckets: (name) => buckets[name],
      bucketNames: () => Object.keys(buckets),
      credentials: (id) =>
        env.S3_ACCESS_KEY_ID && id === env.S3_ACCESS_KEY_ID ? env.S3_SECRET_ACCESS_KEY : undefined,
    });
    handlers.set(env, handler);
  }
  return handler;
}
