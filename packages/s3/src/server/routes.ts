/**
 * Routing S3 requests to operations: method, bucket/key shape and
 * sub-resource query parameters decide the operation and its R2 price class.
 */
import { getBucketLocation, headBucket } from './bucket-operations.ts';
import { listObjectsV1, listObjectsV2 } from './list-objects.ts';
import {
  abortMultipartUpload,
  completeMultipartUpload,
  createMultipartUpload,
  uploadPart,
} from './multipart.ts';
import { getObject, headObject } from './object-read.ts';
import { copyObject, deleteObject, deleteObjects, putObject } from './object-write.ts';
import type { OperationClass, S3Context } from './s3-context.ts';
import { S3Error } from './s3-error.ts';

/** Sub-resources we recognise but do not serve; asking for one is a 501, not a listing. */
const UNSUPPORTED_SUBRESOURCES = [
  'acl',
  'accelerate',
  'analytics',
  'cors',
  'encryption',
  'intelligent-tiering',
  'inventory',
  'lifecycle',
  'logging',
  'metrics',
  'notification',
  'object-lock',
  'ownershipControls',
  'policy',
  'policyStatus',
  'publicAccessBlock',
  'replication',
  'requestPayment',
  'restore',
  'retention',
  'legal-hold',
  'select',
  'tagging',
  'torrent',
  'versioning',
  'versions',
  'website',
  'attributes',
];

/** An S3 operation ready to run. */
export interface Route {
  readonly operation: string;
  readonly operationClass: OperationClass;
  readonly run: (ctx: S3Context) => Promise<Response> | Response;
}

/** A route that answers 501 NotImplemented. */
export function notImplemented(operation: string): Route {
  return {
    operation,
    operationClass: 'free',
    run: () => {
      throw new S3Error('not-implemented', `${operation} is not implemented by this endpoint`);
    },
  };
}

/** The operation for a bucket-level request (`/<bucket>`). */
export function bucketRoute(method: string, query: URLSearchParams): Route {
  const unsupported = UNSUPPORTED_SUBRESOURCES.find((s) => query.has(s));
  if (unsupported) return notImplemented(`bucket ?${unsupported}`);
  switch (method) {
    case 'HEAD':
      return { operation: 'HeadBucket', operationClass: 'B', run: headBucket };
    case 'GET':
      if (query.has('location'))
        return { operation: 'GetBucketLocation', operationClass: 'B', run: getBucketLocation };
      if (query.has('uploads')) return notImplemented('ListMultipartUploads');
      if (query.get('list-type') === '2')
        return { operation: 'ListObjectsV2', operationClass: 'A', run: listObjectsV2 };
      return { operation: 'ListObjects', operationClass: 'A', run: listObjectsV1 };
    case 'POST':
      if (query.has('delete'))
        return { operation: 'DeleteObjects', operationClass: 'free', run: deleteObjects };
      return notImplemented('POST on a bucket');
    case 'PUT':
      return notImplemented('CreateBucket');
    case 'DELETE':
      return notImplemented('DeleteBucket');
    default:
      return notImplemented(`${method} on a bucket`);
  }
}

/** The operation for an object-level request (`/<bucket>/<key>`). */
export function objectRoute(method: string, query: URLSearchParams, headers: Headers): Route {
  const unsupported = UNSUPPORTED_SUBRESOURCES.find((s) => query.has(s));
  if (unsupported) return notImplemented(`object ?${unsupported}`);
  const uploadId = query.get('uploadId');
  switch (method) {
    case 'GET':
      if (uploadId !== null) return notImplemented('ListParts');
      return { operation: 'GetObject', operationClass: 'B', run: getObject };
    case 'HEAD':
      return { operation: 'HeadObject', operationClass: 'B', run: headObject };
    case 'PUT': {
      const copySource = headers.get('x-amz-copy-source');
      if (uploadId !== null) {
        if (copySource !== null) return notImplemented('UploadPartCopy');
        return { operation: 'UploadPart', operationClass: 'A', run: (ctx) => uploadPart(ctx, uploadId) };
      }
      if (copySource !== null)
        return { operation: 'CopyObject', operationClass: 'A', run: (ctx) => copyObject(ctx, copySource) };
      return { operation: 'PutObject', operationClass: 'A', run: putObject };
    }
    case 'POST':
      if (query.has('uploads'))
        return { operation: 'CreateMultipartUpload', operationClass: 'A', run: createMultipartUpload };
      if (uploadId !== null) {
        return {
          operation: 'CompleteMultipartUpload',
          operationClass: 'A',
          run: (ctx) => completeMultipartUpload(ctx, uploadId),
        };
      }
      return notImplemented('POST on an object');
    case 'DELETE':
      if (uploadId !== null) {
        return {
          operation: 'AbortMultipartUpload',
          operationClass: 'free',
          run: (ctx) => abortMultipartUpload(ctx, uploadId),
        };
      }
      return { operation: 'DeleteObject', operationClass: 'free', run: deleteObject };
    default:
      return {
        operation: method,
        operationClass: 'free',
        run: () => {
          throw new S3Error('method-not-allowed', `${method} is not allowed`);
        },
      };
  }
}
