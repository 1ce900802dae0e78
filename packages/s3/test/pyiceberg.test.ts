import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3Handler } from '../src/index.ts';
import { MemoryBucket } from '../src/testing/memory-bucket.ts';
import { type RunningServer, serve } from './support/node-server.ts';
import { runPython } from './support/python.ts';

interface Report {
  snapshots: number;
  rows: number;
  filtered: number;
  metadata_location: string;
  data_files: string[];
  duck_rows: [number, number];
}

describe('PyIceberg and DuckDB iceberg_scan with table files behind the S3 endpoint', () => {
  let server: RunningServer;
  let dir: string;
  let report: Report;
  const bucket = new MemoryBucket();

  beforeAll(async () => {
    server = await serve(
      createS3Handler({
        buckets: (name) => (name === 'lake' ? bucket : undefined),
        credentials: (id) => (id === 'iceberg' ? 'iceberg-secret' : undefined),
        basePath: '/s3',
      }),
    );
    dir = await mkdtemp(join(tmpdir(), 's3-pyiceberg-'));
    const origin = new URL(server.origin);
    report = await runPython<Report>('pyiceberg_scenario.py', {
      endpoint: `${server.origin}/s3`,
      host_and_base: `${origin.host}/s3`,
      bucket: 'lake',
      access_key: 'iceberg',
      secret_key: 'iceberg-secret',
      tmpdir: dir,
    });
  });

  afterAll(async () => {
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('appends twice and scans with and without a filter', () => {
    expect(report.snapshots).toBe(2);
    expect(report.rows).toBe(1500);
    expect(report.filtered).toBe(300);
  });

  it('keeps metadata and data files in the bucket behind the endpoint', async () => {
    expect(report.metadata_location).toMatch(
      /^s3:\/\/lake\/warehouse\/web\/page_views\/metadata\/.*\.metadata\.json$/,
    );
    expect(report.data_files).toHaveLength(2);
    for (const file of [report.metadata_location, ...report.data_files]) {
      expect(await bucket.head(file.replace('s3://lake/', ''))).not.toBeNull();
    }
  });

  it('lets DuckDB read the same table over s3://', () => {
    expect(report.duck_rows).toEqual([1500, 1499]);
  });
});
