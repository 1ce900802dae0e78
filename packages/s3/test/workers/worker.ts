/** The Worker under test: the S3 handler mounted at /s3 over the R2 binding, counting operations by class. */
import { createS3Handler, type S3OperationEvent } from '../../src/index.ts';

export interface Env {
  BUCKET: R2Bucket;
}

/** Operations served, readable by the tests (same isolate). */
export const served: S3OperationEvent[] = [];

export default {
  fetch(request: Request, env: Env): Promise<Response> {
    const handler = createS3Handler({
      buckets: (name) => (name === 'analytics-source' ? env.BUCKET : undefined),
      bucketNames: () => ['analytics-source'],
      credentials: (id) => (id === 'local' ? 'local-secret' : undefined),
      basePath: '/s3',
      onOperation: (event) => served.push(event),
    });
    return handler(request);
  },
} satisfies ExportedHandler<Env>;
