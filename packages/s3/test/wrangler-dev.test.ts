import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPython } from './support/python.ts';

/**
 * The S3 handler inside `wrangler dev` (workerd serving real HTTP, local R2 on
 * disk), driven by pyarrow and DuckDB over the network: proves that workerd's
 * HTTP layer keeps what the clients need (HEAD Content-Length, 206/304/416,
 * streaming bodies, multipart).
 */
const root = fileURLToPath(new URL('../../../', import.meta.url));
const worker = fileURLToPath(new URL('./workers/worker.ts', import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function nodeBinary(): string {
  // wrangler needs Node >= 22; the node@24 devDependency provides it when the test runner's node is older.
  const local = join(root, 'node_modules', '.bin', 'node');
  return Number(process.versions.node.split('.')[0]) >= 22 || !existsSync(local) ? process.execPath : local;
}

describe('pyarrow, DuckDB and boto3 against the S3 handler in wrangler dev', () => {
  let dir: string;
  let child: ChildProcess | undefined;
  let port: number;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 's3-wrangler-'));
    await writeFile(
      join(dir, 'wrangler.jsonc'),
      JSON.stringify({
        name: 's3-endpoint-test',
        main: worker,
        compatibility_date: '2026-10-01',
        compatibility_flags: ['nodejs_compat'],
        r2_buckets: [{ binding: 'BUCKET', bucket_name: 'analytics-source' }],
      }),
    );
    port = await freePort();
    const wrangler = join(root, 'node_modules', 'wrangler', 'bin', 'wrangler.js');
    child = spawn(
      nodeBinary(),
      [
        wrangler,
        'dev',
        '-c',
        join(dir, 'wrangler.jsonc'),
        '--ip',
        '127.0.0.1',
        '--port',
        String(port),
        '--persist-to',
        join(dir, 'state'),
        '--show-interactive-dev-session=false',
      ],
      {
        cwd: dir,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
      },
    );
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`wrangler dev did not start:\n${output}`)), 90_000);
      const onData = (d: Buffer) => {
        output += d.toString();
        if (output.includes('Ready on')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child?.stdout?.on('data', onData);
      child?.stderr?.on('data', onData);
      child?.on('exit', (code) => reject(new Error(`wrangler dev exited ${code}:\n${output}`)));
    });
  }, 120_000);

  afterAll(async () => {
    if (child?.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes, lists, range-reads and deletes Parquet; a wrong secret gets 403', async () => {
    const report = await runPython<{
      arrow_roundtrip: boolean;
      arrow_listing: [string, number][];
      arrow_size: number;
      arrow_big_same: boolean;
      arrow_after_delete: boolean;
      duck_written: [number, number];
      duck_reads_arrow: [number, number];
      arrow_reads_duck: number;
      duck_wrong_secret: string | null;
    }>('pyarrow_duckdb_scenario.py', {
      host: `127.0.0.1:${port}`,
      base_path: '/s3',
      bucket: 'analytics-source',
      access_key: 'local',
      secret_key: 'local-secret',
    });
    expect(report.arrow_roundtrip).toBe(true);
    expect(report.arrow_listing.map(([path, size]) => [path, size > 0])).toEqual([
      ['analytics-source/arrow/part-0.parquet', true],
      ['analytics-source/arrow/part-1.parquet', true],
    ]);
    expect(report.arrow_listing[0]?.[1]).toBe(report.arrow_size);
    expect(report.arrow_big_same).toBe(true);
    expect(report.arrow_after_delete).toBe(true);
    expect(report.duck_written).toEqual([300000, (300000 * 299999) / 2]);
    expect(report.duck_reads_arrow).toEqual([200010, 199999]);
    expect(report.arrow_reads_duck).toBe(300000);
    expect(report.duck_wrong_secret).toMatch(/403/);
  });

  it('serves boto3: conditional reads and writes, ranges, listings, multipart and presigned URLs', async () => {
    const report = await runPython<{
      range: { body: string; content_range: string; status: number };
      range_416: { code: string; status: number };
      if_none_match_304: { code: string; status: number };
      conditional_put_412: { code: string; status: number };
      head: { length: number; etag: string };
      v2_pages: number[];
      multipart: { same: boolean; etag: string };
      presigned: string;
      wrong_secret: { code: string; status: number };
    }>('boto3_scenario.py', {
      endpoint: `http://127.0.0.1:${port}/s3`,
      bucket: 'analytics-source',
      access_key: 'local',
      secret_key: 'local-secret',
      tmpdir: dir,
    });
    expect(report.range).toEqual({ body: '2345', content_range: 'bytes 2-5/20', status: 206 });
    expect(report.range_416).toEqual({ code: 'InvalidRange', status: 416 });
    expect(report.if_none_match_304).toEqual({ code: '304', status: 304 });
    expect(report.conditional_put_412).toEqual({ code: 'PreconditionFailed', status: 412 });
    expect(report.head.length).toBe(20);
    expect(report.v2_pages).toEqual([3, 3, 3, 2]);
    expect(report.multipart.same).toBe(true);
    expect(report.multipart.etag).toMatch(/-3"$/);
    expect(report.presigned).toBe('0123456789abcdefghij');
    expect(report.wrong_secret).toEqual({ code: 'SignatureDoesNotMatch', status: 403 });
  });
});
