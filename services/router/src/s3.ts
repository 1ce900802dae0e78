import { createS3Handler, type R2BucketLike } from '@analytics/s3/server';

/** The catalog's RPC entrypoint that keeps R2 operation counts for `/v1/costs`. */
export interface OperationRecorder {
  recordOperations(service: string, classA: number, classB: number): Promise<void>;
}

/** The R2 buckets the S3 endpoint exposes, the key pair it checks, and where it reports operations. */
export interface S3Env {
  SOURCE: R2BucketLike;
  PROCESSED: R2BucketLike;
  CATALOG_BUCKET: R2BucketLike;
  CATALOG: Fetcher & OperationRecorder;
  S3_ACCESS_KEY_ID?: string;
  S3_SECRET_ACCESS_KEY?: string;
}

/**
 * The S3-compatible endpoint at `/s3`: path-style requests over the same R2
 * buckets the Workers use, SigV4-verified against the configured key pair, so
 * engines (PyIceberg, DuckDB, Spark, the query engine) reach local storage the
 * way they reach R2's own S3 API in production. Every request's R2 operation
 * class is reported to the catalog for the cost report.
 */
export async function handleS3(
  env: S3Env,
  request: Request,
  waitUntil: (p: Promise<unknown>) => void,
): Promise<Response> {
  const buckets: Record<string, R2BucketLike> = {
    'analytics-source': env.SOURCE,
    'analytics-processed': env.PROCESSED,
    'analytics-catalog': env.CATALOG_BUCKET,
  };
  let classA = 0;
  let classB = 0;
  const handler = createS3Handler({
    basePath: '/s3',
    buckets: (name) => buckets[name],
    bucketNames: () => Object.keys(buckets),
    credentials: (id) =>
      env.S3_ACCESS_KEY_ID && id === env.S3_ACCESS_KEY_ID ? env.S3_SECRET_ACCESS_KEY : undefined,
    onOperation: (event) => {
      if (event.operationClass === 'A') classA++;
      else if (event.operationClass === 'B') classB++;
    },
  });
  const response = await handler(request);
  if (classA || classB) {
    waitUntil(
      Promise.resolve(env.CATALOG.recordOperations('s3-endpoint', classA, classB)).catch((err: unknown) => {
        console.warn(`could not report R2 operations to the catalog: ${String(err)}`);
      }),
    );
  }
  return response;
}
