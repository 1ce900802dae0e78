/**
 * @analytics/s3: SigV4, an S3-compatible endpoint over R2 buckets, and an S3
 * client implementing the engine's ObjectStore port.
 *
 * Entry points: `.` (everything), `./server` (the endpoint; no table-engine
 * import, so Workers that only serve S3 stay small), `./sigv4`, `./store`
 * (S3Store; imports `@analytics/iceberg`), `./testing` (MemoryBucket).
 */
export * from './s3-store.ts';
export * from './server/index.ts';
export * from './sigv4/index.ts';
