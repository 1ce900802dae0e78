import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3Handler, type S3OperationEvent } from '../src/index.ts';
import { MemoryBucket } from '../src/testing/memory-bucket.ts';
import { type RunningServer, serve } from './support/node-server.ts';
import { runPython } from './support/python.ts';

interface Boto3Report {
  buckets: string[];
  put_etag: string;
  md5: string;
  get: { body: string; content_type: string; metadata: Record<string, string>; length: number };
  head: { length: number; etag: string };
  range: { body: string; content_range: string; status: number };
  suffix: { body: string; content_range: string };
  open_range: string;
  range_416: { code: string; status: number };
  if_none_match_304: { code: string; status: number };
  if_match_412: { code: string; status: number };
  if_match_ok: string;
  no_such_key: { code: string; status: number };
  no_such_bucket: { code: string; status: number };
  head_missing: { code: string; status: number };
  conditional_put_412: { code: string; status: number };
  conditional_put_new: string;
  copy: string;
  v2_pages: number[];
  v2_keys: string[];
  v2_delimited: { keys: string[]; prefixes: string[]; key_count: number; truncated: boolean };
  v2_delimited_paged: string[];
  v2_start_after: string[];
  v1_keys: string[];
  deleted: string[];
  after_delete: string[];
  delete_missing_ok: number;
  multipart: { same: boolean; etag: string; size: number };
  presigned: string;
  presigned_tampered: { status: number; body: string };
  wrong_secret: { code: string; status: number };
  wrong_secret_put: { code: string; status: number };
}

describe('boto3 against the S3 handler over a memory bucket', () => {
  let server: RunningServer;
  let dir: string;
  let report: Boto3Report;
  const events: S3OperationEvent[] = [];
  const payloadModes = new Set<string>();
  const checksumHeaders = new Set<string>();

  beforeAll(async () => {
    const bucket = new MemoryBucket();
    const handler = createS3Handler({
      buckets: (name) => (name === 'analytics-source' ? bucket : undefined),
      bucketNames: () => ['analytics-source'],
      credentials: (id) => (id === 'local-key' ? 'local-secret' : undefined),
      basePath: '/s3',
      onOperation: (e) => events.push(e),
    });
    server = await serve(async (request) => {
      payloadModes.add(
        request.headers.get('x-amz-content-sha256')?.replace(/^[0-9a-f]{64}$/, '<sha256>') ?? '<none>',
      );
      for (const [name] of request.headers) if (name.startsWith('x-amz-checksum-')) checksumHeaders.add(name);
      return handler(request);
    });
    dir = await mkdtemp(join(tmpdir(), 's3-boto3-'));
    report = await runPython<Boto3Report>('boto3_scenario.py', {
      endpoint: `${server.origin}/s3`,
      bucket: 'analytics-source',
      access_key: 'local-key',
      secret_key: 'local-secret',
      tmpdir: dir,
    });
  });

  afterAll(async () => {
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('lists buckets, puts and gets with metadata and an MD5 etag like R2', () => {
    expect(report.buckets).toEqual(['analytics-source']);
    expect(report.put_etag).toBe(`"${report.md5}"`);
    expect(report.get).toEqual({
      body: '0123456789abcdefghij',
      content_type: 'text/plain',
      metadata: { owner: 's3-test' },
      length: 20,
    });
    expect(report.head).toEqual({ length: 20, etag: `"${report.md5}"` });
  });

  it('serves byte ranges, suffix ranges and 416 for unsatisfiable ones', () => {
    expect(report.range).toEqual({ body: '2345', content_range: 'bytes 2-5/20', status: 206 });
    expect(report.suffix).toEqual({ body: 'hij', content_range: 'bytes 17-19/20' });
    expect(report.open_range).toBe('fghij');
    expect(report.range_416).toEqual({ code: 'InvalidRange', status: 416 });
  });

  it('answers conditional reads with 304 and 412', () => {
    expect(report.if_none_match_304).toEqual({ code: '304', status: 304 });
    expect(report.if_match_412).toEqual({ code: 'PreconditionFailed', status: 412 });
    expect(report.if_match_ok).toBe('0123456789abcdefghij');
  });

  it('rejects If-None-Match: * puts on existing keys and accepts them on new ones', () => {
    expect(report.conditional_put_412).toEqual({ code: 'PreconditionFailed', status: 412 });
    expect(report.conditional_put_new).toBe('first');
  });

  it('names missing keys and buckets', () => {
    expect(report.no_such_key).toEqual({ code: 'NoSuchKey', status: 404 });
    expect(report.no_such_bucket).toEqual({ code: 'NoSuchBucket', status: 404 });
    expect(report.head_missing).toEqual({ code: '404', status: 404 });
  });

  it('copies objects', () => {
    expect(report.copy).toBe('0123456789abcdefghij');
  });

  it('pages ListObjectsV2 and v1 through every key in order', () => {
    const all = [
      'list/+plus&amp',
      ...Array.from({ length: 7 }, (_, i) => `list/a/0${i}.bin`),
      'list/b/x',
      'list/c',
      'list/d/y/z',
    ];
    expect(report.v2_keys).toEqual(all);
    expect(report.v2_pages).toEqual([3, 3, 3, 2]);
    expect(report.v1_keys).toEqual(all);
  });

  it('rolls keys up into CommonPrefixes with a delimiter, also across pages', () => {
    expect(report.v2_delimited).toEqual({
      keys: ['list/+plus&amp', 'list/c'],
      prefixes: ['list/a/', 'list/b/', 'list/d/'],
      key_count: 5,
      truncated: false,
    });
    expect(report.v2_delimited_paged).toEqual(['list/+plus&amp', 'list/a/', 'list/b/', 'list/c', 'list/d/']);
    expect(report.v2_start_after).toEqual(['list/a/05.bin', 'list/a/06.bin']);
  });

  it('deletes in batches and singly', () => {
    expect(report.deleted).toEqual(Array.from({ length: 7 }, (_, i) => `list/a/0${i}.bin`));
    expect(report.after_delete).toEqual([]);
    expect(report.delete_missing_ok).toBe(204);
  });

  it('completes a 3-part multipart upload from upload_file', () => {
    expect(report.multipart.same).toBe(true);
    expect(report.multipart.size).toBe(12 * 1024 * 1024 + 12345);
    expect(report.multipart.etag).toMatch(/^"[0-9a-f]{32}-3"$/);
  });

  it('serves presigned URLs and refuses tampered ones', () => {
    expect(report.presigned).toBe('0123456789abcdefghij');
    expect(report.presigned_tampered.status).toBe(403);
    expect(report.presigned_tampered.body).toContain('<Code>SignatureDoesNotMatch</Code>');
  });

  it('answers a wrong secret with 403 SignatureDoesNotMatch', () => {
    expect(report.wrong_secret).toEqual({ code: 'SignatureDoesNotMatch', status: 403 });
    expect(report.wrong_secret_put).toEqual({ code: 'SignatureDoesNotMatch', status: 403 });
  });

  it('reports every operation with its R2 class', () => {
    const classOf = (op: string) => events.find((e) => e.operation === op)?.operationClass;
    expect(classOf('PutObject')).toBe('A');
    expect(classOf('ListObjectsV2')).toBe('A');
    expect(classOf('UploadPart')).toBe('A');
    expect(classOf('CompleteMultipartUpload')).toBe('A');
    expect(classOf('GetObject')).toBe('B');
    expect(classOf('HeadObject')).toBe('B');
    expect(classOf('DeleteObjects')).toBe('free');
    expect(events.filter((e) => e.operation === 'UploadPart' && e.status === 200)).toHaveLength(3);
  });

  it('verified the signed payload hashes and CRC32 checksums boto3 sends over plain HTTP', () => {
    // Presigned URLs carry no x-amz-content-sha256 (<none>); everything else is hashed.
    // A botocore upgrade that switches modes over HTTP shows up here.
    expect([...payloadModes].sort()).toEqual(['<none>', '<sha256>']);
    expect([...checksumHeaders]).toContain('x-amz-checksum-crc32');
  });
});
