/**
 * An S3-compatible HTTP endpoint over R2 buckets: path-style requests
 * (`<basePath>/<bucket>/<key>`), SigV4 verified against configured keys,
 * S3 XML errors, and every served operation reported with its R2 price class.
 */

import { uriDecode } from '../sigv4/encoding.ts';
import { SigV4Error } from '../sigv4/sigv4-error.ts';
import { verifyRequest } from '../sigv4/verify-request.ts';
import { listBuckets } from './bucket-operations.ts';
import type { R2BucketLike } from './r2-bucket-like.ts';
import { fromR2Error } from './r2-errors.ts';
import { readRequestBody } from './request-body.ts';
import { bucketRoute, notImplemented, objectRoute, type Route } from './routes.ts';
import type { OperationClass, S3Context, S3OperationEvent } from './s3-context.ts';
import { errorResponse, fromSigV4Error, S3Error } from './s3-error.ts';

/** Configuration of an S3 endpoint. */
export interface S3HandlerOptions {
  /** The bucket for a name, or `undefined` (→ NoSuchBucket). */
  readonly buckets: (name: string) => R2BucketLike | undefined;
  /** Secret access key for an access key id, or `undefined` (→ InvalidAccessKeyId). */
  readonly credentials: (accessKeyId: string) => string | undefined | Promise<string | undefined>;
  /** Path the endpoint is mounted at, e.g. `/s3`; default the root. */
  readonly basePath?: string;
  /** Bucket names for ListBuckets (default: none listed). */
  readonly bucketNames?: () => readonly string[];
  /** Server clock for signature time checks (default `() => new Date()`). */
  readonly clock?: () => Date;
  /** Request id source for `x-amz-request-id` (default `crypto.randomUUID`). */
  readonly requestId?: () => string;
  /** Called once per request with the S3 operation, its R2 class and the status. */
  readonly onOperation?: (event: S3OperationEvent) => void;
  /**
   * Decide whether a verified caller may perform an operation (default: any
   * known key may do anything). Lets a catalog vend keys scoped to a bucket or
   * a table's prefix; `false` answers 403 AccessDenied.
   */
  readonly authorize?: (request: S3AuthorizationRequest) => boolean | Promise<boolean>;
  /**
   * Regions accepted in the credential scope. Default as R2: `auto`, with
   * `us-east-1` and the empty region as aliases; others are refused so a
   * client misconfigured for R2 fails locally too.
   */
  readonly regions?: readonly string[];
  /** Allowed clock skew (default 15 minutes). */
  readonly maxSkewMs?: number;
}

/** The regions R2's S3 API accepts: `auto`, and `us-east-1` or empty as aliases. */
export const R2_REGIONS: readonly string[] = ['auto', 'us-east-1', ''];

/** What `authorize` is asked about one request. */
export interface S3AuthorizationRequest {
  readonly accessKeyId: string;
  /** `x-amz-security-token` (signed), for temporary credentials. */
  readonly sessionToken?: string;
  readonly operation: string;
  readonly operationClass: OperationClass;
  /** Empty for service-level requests. */
  readonly bucket: string;
  /** Object key; empty for bucket-level requests. */
  readonly key: string;
  /** The `prefix` of list requests. */
  readonly prefix?: string;
  /** The source of CopyObject, as `bucket/key`. */
  readonly copySource?: string;
}

function normaliseBase(basePath: string | undefined): string {
  if (!basePath || basePath === '/') return '';
  return `/${basePath.replace(/^\/+|\/+$/g, '')}`;
}

/** Build the request handler: `(Request) => Promise<Response>`. */
export function createS3Handler(options: S3HandlerOptions): (request: Request) => Promise<Response> {
  const base = normaliseBase(options.basePath);
  const clock = options.clock ?? (() => new Date());
  const newRequestId = options.requestId ?? (() => crypto.randomUUID());

  return async (request) => {
    const requestId = newRequestId();
    const url = new URL(request.url);
    const resource = url.pathname;
    let route: Route | undefined;
    let bucketName: string | undefined;
    let response: Response;
    try {
      if (base && url.pathname !== base && !url.pathname.startsWith(`${base}/`)) {
        throw new S3Error('invalid-request', `Path ${url.pathname} is outside the S3 endpoint at ${base}`);
      }
      const path = url.pathname.slice(base.length).replace(/^\//, '');
      const slash = path.indexOf('/');
      bucketName = uriDecode(slash < 0 ? path : path.slice(0, slash));
      const key = slash < 0 ? '' : uriDecode(path.slice(slash + 1));
      const method = request.method.toUpperCase();
      route =
        bucketName === ''
          ? method === 'GET'
            ? {
                operation: 'ListBuckets',
                operationClass: 'A',
                run: () => listBuckets(options.bucketNames?.() ?? []),
              }
            : notImplemented(`${method} on the service`)
          : key === ''
            ? bucketRoute(method, url.searchParams)
            : objectRoute(method, url.searchParams, request.headers);

      let verified: Awaited<ReturnType<typeof verifyRequest>>;
      try {
        verified = await verifyRequest(request, {
          credentials: options.credentials,
          now: clock(),
          ...(options.maxSkewMs !== undefined ? { maxSkewMs: options.maxSkewMs } : {}),
        });
      } catch (error) {
        if (error instanceof SigV4Error) throw fromSigV4Error(error);
        throw error;
      }

      const regions = options.regions ?? R2_REGIONS;
      if (!regions.includes(verified.region)) {
        throw new S3Error(
          'authorization-header-malformed',
          `The authorization header is malformed; the region '${verified.region}' is wrong; expecting '${regions[0] ?? 'auto'}'`,
          { Region: regions[0] ?? 'auto' },
        );
      }
      if (options.authorize) {
        const token =
          request.headers.get('x-amz-security-token') ?? url.searchParams.get('X-Amz-Security-Token');
        const prefix = url.searchParams.get('prefix');
        const copySource = request.headers.get('x-amz-copy-source');
        const allowed = await options.authorize({
          accessKeyId: verified.accessKeyId,
          ...(token !== null ? { sessionToken: token } : {}),
          operation: route.operation,
          operationClass: route.operationClass,
          bucket: bucketName,
          key,
          ...(prefix !== null ? { prefix } : {}),
          ...(copySource !== null ? { copySource: uriDecode(copySource.replace(/^\//, '')) } : {}),
        });
        if (!allowed) {
          throw new S3Error(
            'access-denied',
            `Access key ${verified.accessKeyId} may not ${route.operation} here`,
            {
              AWSAccessKeyId: verified.accessKeyId,
            },
          );
        }
      }
      const bucket = bucketName === '' ? undefined : options.buckets(bucketName);
      if (bucketName !== '' && !bucket) {
        throw new S3Error('no-such-bucket', 'The specified bucket does not exist', {
          BucketName: bucketName,
        });
      }
      let body: Promise<Uint8Array> | undefined;
      const ctx: S3Context = {
        request,
        url,
        bucketName,
        bucket: bucket as R2BucketLike,
        key,
        body: () => {
          body ??= readRequestBody(request, verified.payload);
          return body;
        },
        bucketByName: options.buckets,
      };
      response = await route.run(ctx);
    } catch (error) {
      const s3Error =
        fromR2Error(error) ??
        (error instanceof S3Error
          ? error
          : new S3Error(
              'internal-error',
              error instanceof Error ? error.message : String(error),
              {},
              { cause: error },
            ));
      response = errorResponse(s3Error, { method: request.method, resource, requestId });
    }
    response.headers.set('x-amz-request-id', requestId);
    if (route && options.onOperation) {
      options.onOperation({
        operation: route.operation,
        operationClass: route.operationClass,
        ...(bucketName ? { bucket: bucketName } : {}),
        status: response.status,
      });
    }
    return response;
  };
}
