import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3Handler, type S3OperationEvent } from '../src/index.ts';
import { MemoryBucket } from '../src/testing/memory-bucket.ts';
import { type RunningServer, serve } from './support/node-server.ts';
import { runPython } from './support/python.ts';

interface Report {
  arrow_roundtrip: boolean;
  arrow_listing: [string, number][];
  arrow_size: number;
  arrow_magic: string[];
  arrow_big_same: boolean;
  arrow_after_delete: boolean;
  duck_written: [number, number];
  duck_reads_arrow: [number, number];
  duck_glob: string[];
  arrow_reads_duck: number;
  duck_wrong_secret: string | null;
}

// Mounted at the root here; test/wrangler-dev.test.ts runs the same scenario with the endpoint at /s3.
for (const basePath of ['']) {
  describe(`pyarrow S3FileSystem and DuckDB httpfs (endpoint mounted at "${basePath || '/'}")`, () => {
    let server: RunningServer;
    let report: Report;
    const events: S3OperationEvent[] = [];

    beforeAll(async () => {
      const bucket = new MemoryBucket();
      const handler = createS3Handler({
        buckets: (name) => (name === 'lake' ? bucket : undefined),
        credentials: (id) => (id === 'duck' ? 'quack' : undefined),
        basePath,
        onOperation: (e) => events.push(e),
      });
      server = await serve(handler);
      report = await runPython<Report>('pyarrow_duckdb_scenario.py', {
        host: new URL(server.origin).host,
        base_path: basePath,
        bucket: 'lake',
        access_key: 'duck',
        secret_key: 'quack',
      });
    });

    afterAll(async () => {
      await server?.close();
    });

    it('pyarrow writes, lists, range-reads and deletes Parquet files', () => {
      expect(report.arrow_roundtrip).toBe(true);
      expect(report.arrow_listing.map(([path]) => path)).toEqual([
        'lake/arrow/part-0.parquet',
        'lake/arrow/part-1.parquet',
      ]);
      expect(report.arrow_listing[0]?.[1]).toBe(report.arrow_size);
      expect(report.arrow_magic).toEqual(['PAR1', 'PAR1']);
      expect(report.arrow_big_same).toBe(true);
      expect(report.arrow_after_delete).toBe(true);
    });

    it('DuckDB writes Parquet over s3:// and reads its own and pyarrow files', () => {
      expect(report.duck_written).toEqual([300000, (300000 * 299999) / 2]);
      expect(report.duck_reads_arrow).toEqual([200010, 199999]);
      expect(report.duck_glob).toEqual([
        's3://lake/arrow/part-0.parquet',
        's3://lake/arrow/part-1.parquet',
        's3://lake/duck/events.parquet',
      ]);
      expect(report.arrow_reads_duck).toBe(300000);
    });

    it('DuckDB with a wrong secret gets 403', () => {
      expect(report.duck_wrong_secret).toMatch(/403/);
      expect(events.some((e) => e.status === 403)).toBe(true);
    });

    it('took multipart uploads from both clients', () => {
      const counts: Record<string, number> = {};
      for (const e of events)
        counts[`${e.operation} ${e.status}`] = (counts[`${e.operation} ${e.status}`] ?? 0) + 1;
      console.log(basePath || '/', JSON.stringify(counts));
      expect(counts['CompleteMultipartUpload 200']).toBeGreaterThanOrEqual(1);
    });

    it('served ranged reads as GetObject (class B)', () => {
      const gets = events.filter((e) => e.operation === 'GetObject' && e.status === 206);
      expect(gets.length).toBeGreaterThan(3);
      expect(gets.every((e) => e.operationClass === 'B')).toBe(true);
    });
  });
}
