import { DuckDBInstance } from '@duckdb/node-api';

/** Limits for the DuckDB instance the engine runs. */
export interface DuckDBSetup {
  /** Directories holding data files (the file cache); the only paths SQL may read. */
  readonly allowedDirectories: readonly string[];
  readonly threads?: number;
  /** e.g. `'1GB'`. */
  readonly memoryLimit?: string;
}

/**
 * Opens an in-memory DuckDB locked down for untrusted SELECTs: no extension
 * loading or auto-install, no file access outside the data-file directories,
 * no network, and the configuration locked so SQL cannot undo any of it.
 * The second lock after `sql-safety.ts` (which refuses such SQL up front).
 */
export async function openLockedDuckDB(setup: DuckDBSetup): Promise<DuckDBInstance> {
  const instance = await DuckDBInstance.create(':memory:', {
    threads: String(setup.threads ?? 2),
    memory_limit: setup.memoryLimit ?? '2GB',
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  });
  const c = await instance.connect();
  try {
    // Footers of immutable files never change, so caching their metadata is safe.
    await c.run("SET TimeZone = 'UTC'");
    await c.run('SET parquet_metadata_cache = true');
    const dirs = setup.allowedDirectories.map((d) => (d.endsWith('/') ? d : `${d}/`));
    await c.run(`SET allowed_directories = [${dirs.map((d) => `'${d.replaceAll("'", "''")}'`).join(', ')}]`);
    await c.run('SET enable_external_access = false');
    await c.run('SET allow_community_extensions = false');
    await c.run('SET lock_configuration = true');
  } finally {
    c.closeSync();
  }
  return instance;
}
