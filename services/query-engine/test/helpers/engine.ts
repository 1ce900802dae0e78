import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { openLockedDuckDB } from '../../src/duckdb-setup.ts';
import { localFiles } from '../../src/file-resolver.ts';
import { MemoryTableSource } from '../../src/memory-table-source.ts';
import { QueryEngine } from '../../src/query-engine.ts';

/** A query engine over an in-memory table source and a temporary directory of Parquet files. */
export interface TestEngine {
  readonly engine: QueryEngine;
  readonly source: MemoryTableSource;
  readonly dir: string;
  /** An unlocked DuckDB for writing test files and computing expected answers independently. */
  readonly writer: DuckDBInstance;
  close(): void;
}

/** Build a `TestEngine`; `timeoutMs` defaults to 5 s. */
export async function testEngine(
  options: { timeoutMs?: number; maxRows?: number } = {},
): Promise<TestEngine> {
  const dir = mkdtempSync(join(tmpdir(), 'query-engine-'));
  const source = new MemoryTableSource();
  const instance = await openLockedDuckDB({ allowedDirectories: [dir], threads: 2 });
  const engine = new QueryEngine({
    instance,
    source,
    files: localFiles([dir]),
    timeoutMs: options.timeoutMs ?? 5_000,
    maxRows: options.maxRows ?? 1_000,
    refreshIntervalMs: 0,
    now: () => Date.now(),
  });
  const writer = await DuckDBInstance.create(':memory:');
  return {
    engine,
    source,
    dir,
    writer,
    close() {
      instance.closeSync();
      writer.closeSync();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
