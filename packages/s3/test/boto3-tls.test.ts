import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3Handler } from '../src/index.ts';
import { MemoryBucket } from '../src/testing/memory-bucket.ts';
import { type RunningServer, serve } from './support/node-server.ts';
import { runPython } from './support/python.ts';

describe('boto3 over HTTPS (aws-chunked uploads with trailing checksums)', () => {
  let server: RunningServer;
  let dir: string;
  const modes = new Set<string>();
  const bucket = new MemoryBucket();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 's3-tls-'));
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-subj',
        '/CN=127.0.0.1',
        '-days',
        '1',
        '-keyout',
        key,
        '-out',
        cert,
      ],
      {
        stdio: 'ignore',
      },
    );
    const handler = createS3Handler({
      buckets: (name) => (name === 'b' ? bucket : undefined),
      credentials: (id) => (id === 'k' ? 's' : undefined),
      basePath: '/s3',
    });
    server = await serve(
      async (request) => {
        const mode = request.headers.get('x-amz-content-sha256');
        if (mode) modes.add(/^[0-9a-f]{64}$/.test(mode) ? '<sha256>' : mode);
        return handler(request);
      },
      { key: await readFile(key, 'utf8'), cert: await readFile(cert, 'utf8') },
    );
  });

  afterAll(async () => {
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('decodes STREAMING-UNSIGNED-PAYLOAD-TRAILER bodies for put_object and multipart parts', async () => {
    const report = await runPython<{ small: string; big_same: boolean }>('boto3_tls_scenario.py', {
      endpoint: `${server.origin}/s3`,
      bucket: 'b',
      access_key: 'k',
      secret_key: 's',
    });
    expect(report).toEqual({ small: 'hello over tls', big_same: true });
    expect(modes).toContain('STREAMING-UNSIGNED-PAYLOAD-TRAILER');
    const stored = await bucket.head('tls/small.txt');
    expect(stored?.size).toBe(14);
    expect(stored?.httpMetadata?.contentEncoding).toBeUndefined();
  });
});
