/**
 * The benchmark's Iceberg table: `default.page_views` as the collector
 * creates it (schema, hidden `hour(timestamp)` partitioning, SEED.md's table
 * properties), on a local-filesystem object store, written by the table
 * engine (`@analytics/iceberg` writeRows + appendFiles), one commit per day.
 *
 * `replayCatalog` lets the query engine see the table as it was after each
 * commit in turn (each commit's own metadata file), so rollups are built
 * incrementally, commit by commit, from a table written once and reused.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { TABLE_PROPERTIES } from '@analytics/events';
import {
  appendFiles,
  createTable,
  type DataFile,
  defaultTableEnv,
  type FileIO,
  fileIO,
  readMetadataFile,
  StoreCatalog,
  writeRows,
} from '@analytics/iceberg';
import { FsStore } from '@analytics/iceberg/node';
import type { LoadedMetadata } from '../../services/query-engine/src/rest-catalog-reader.ts';
import { DAY_MS, pageViewSchema, pageViews, START_MS } from './generate.ts';

export const TABLE = { namespace: ['default'], name: 'page_views' };
const BUCKET = 'analytics-source';
const LOCATION = `s3://${BUCKET}/events/page_views`;
/** Bump when the generator changes, so an old table is not reused. */
const GENERATOR = 'bench-query-v2';

/** The warehouse folder of one bucket and the FileIO over it. */
export function warehouse(dir: string): { root: string; store: FsStore; io: FileIO } {
  const root = join(dir, 'warehouse', BUCKET);
  const store = new FsStore(root);
  return { root, store, io: fileIO(store, `s3://${BUCKET}/`) };
}

/** Folder holding the table's data files (for the floor's glob). */
export function dataFolder(dir: string): string {
  return join(warehouse(dir).root, 'events', 'page_views', 'data');
}

/** Metadata file locations, oldest first: version 0 is the create, version k the k-th commit. */
function metadataFiles(dir: string): string[] {
  const folder = join(warehouse(dir).root, 'events', 'page_views', 'metadata');
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((n) => n.endsWith('.metadata.json'))
    .sort()
    .map((n) => `${LOCATION}/metadata/${n}`);
}

/** True when the folder holds a complete table of this shape written by this generator. */
export async function tableIsComplete(dir: string, events: number, days: number): Promise<boolean> {
  const files = metadataFiles(dir);
  if (files.length !== days + 1) return false;
  const m = await readMetadataFile(warehouse(dir).io, files.at(-1) as string);
  const head = m.snapshots.find((s) => s.snapshotId === m.currentSnapshotId);
  return (
    m.properties['bench.generator'] === GENERATOR &&
    head?.summary['total-records'] === String(Math.floor(events / days) * days)
  );
}

/** Progress of the write: rows so far, rows per second of writing, estimated time left. */
export interface WriteProgress {
  readonly rows: number;
  readonly total: number;
  readonly rowsPerSecond: number;
  readonly etaSeconds: number;
}

/**
 * Writes `days` days of `events / days` page views through the table engine
 * into a fresh table under `dir`: each day in chunks of `chunkRows` rows
 * (each chunk split into hour partitions by the writer), committed as one
 * append snapshot at the end of that day.
 */
export async function writeTable(
  dir: string,
  events: number,
  days: number,
  chunkRows: number,
  progress: (p: WriteProgress) => void,
): Promise<{ seconds: number; generateSeconds: number; rows: number; files: number; bytes: number }> {
  rmSync(join(dir, 'warehouse'), { recursive: true, force: true });
  const { io } = warehouse(dir);
  let clock = START_MS;
  const catalog = new StoreCatalog({ io, now: () => clock, newUuid: () => crypto.randomUUID() });
  const env = { ...defaultTableEnv(catalog, io), now: () => clock };
  await createTable(env, TABLE, {
    location: LOCATION,
    schema: pageViewSchema,
    partitionBy: [{ column: 'timestamp', transform: 'hour' }],
    properties: { ...TABLE_PROPERTIES, 'bench.generator': GENERATOR },
  });
  const perDay = Math.floor(events / days);
  const total = perDay * days;
  let written = 0;
  let files = 0;
  let bytes = 0;
  let generating = 0;
  const started = performance.now();
  for (let d = 0; d < days; d++) {
    const loaded = await catalog.loadTable(TABLE);
    const dayFiles: DataFile[] = [];
    for (let from = 0; from < perDay; from += chunkRows) {
      const to = Math.min(perDay, from + chunkRows);
      const g = performance.now();
      const rows = pageViews(d, perDay, from, to);
      generating += performance.now() - g;
      dayFiles.push(...(await writeRows(env, loaded.metadata, rows)));
      written += to - from;
      const seconds = (performance.now() - started) / 1000;
      const rowsPerSecond = written / seconds;
      progress({ rows: written, total, rowsPerSecond, etaSeconds: (total - written) / rowsPerSecond });
    }
    clock = START_MS + (d + 1) * DAY_MS;
    await appendFiles(env, TABLE, dayFiles, undefined, loaded);
    files += dayFiles.length;
    bytes += dayFiles.reduce((s, f) => s + Number(f.fileSizeInBytes), 0);
  }
  return {
    seconds: (performance.now() - started) / 1000,
    generateSeconds: generating / 1000,
    rows: written,
    files,
    bytes,
  };
}

/**
 * A catalog reader (the query engine's `CatalogReader`) over the written
 * table that serves the metadata of commit `commit` (0 = just created):
 * `advance()` moves to the next commit, as if the writer had just made it.
 */
export function replayCatalog(dir: string, commit: number) {
  const files = metadataFiles(dir);
  const { io } = warehouse(dir);
  let at = commit;
  return {
    get commits(): number {
      return files.length - 1;
    },
    advance(): void {
      at = Math.min(at + 1, files.length - 1);
    },
    async listTables() {
      return [TABLE];
    },
    // Read and parsed on every call, as the REST catalog reader does on every refresh.
    async loadTable(): Promise<LoadedMetadata> {
      const location = files[at] as string;
      return { metadataLocation: location, metadata: await readMetadataFile(io, location) };
    },
  };
}
