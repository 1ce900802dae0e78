/**
 * The benchmark's Iceberg tables: `default.page_views` and
 * `default.video_events` as the collector creates them (schema, hidden
 * `hour(timestamp)` partitioning, SEED.md's table properties), on a
 * local-filesystem object store, written by the table engine
 * (`@analytics/iceberg` writeRows + appendFiles), one commit per day each.
 *
 * `replayCatalog` lets the query engine see the tables as they were after
 * each day's commits in turn (each commit's own metadata file), so rollups
 * are built incrementally, commit by commit, from tables written once and
 * reused.
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
  type Row,
  readMetadataFile,
  type Schema,
  StoreCatalog,
  writeRows,
} from '@analytics/iceberg';
import { FsStore } from '@analytics/iceberg/node';
import type { LoadedMetadata } from '../../services/query-engine/src/rest-catalog-reader.ts';
import type { TableName } from '../../services/query-engine/src/table-source.ts';
import { DAY_MS, pageViewSchema, pageViews, START_MS } from './generate.ts';
import { EVENTS_PER_PLAY, videoEventSchema, videoEventsOfDay } from './generate-video.ts';

const BUCKET = 'analytics-source';

/** One benchmark table: what it is called, its schema, and how a day of its rows is made. */
export interface BenchTable {
  readonly name: 'page_views' | 'video_events';
  readonly schema: Schema;
  /** Bump when the generator changes, so an old table is not reused. */
  readonly generator: string;
  /** Rows of day `d`, in chunks of about `chunkRows` rows. */
  chunks(d: number, chunkRows: number): Iterable<Row[]>;
  /** What the table's properties record of its size, to tell whether a written table can be reused. */
  readonly shape: string;
}

/** `default.page_views`: `events / days` page views a day. */
export function pageViewTable(events: number, days: number): BenchTable {
  const perDay = Math.floor(events / days);
  return {
    name: 'page_views',
    schema: pageViewSchema,
    generator: 'bench-query-v2',
    shape: `${perDay} a day`,
    *chunks(d, chunkRows) {
      for (let from = 0; from < perDay; from += chunkRows) {
        yield pageViews(d, perDay, from, Math.min(perDay, from + chunkRows));
      }
    },
  };
}

/** `default.video_events`: `playsPerDay` plays a day (about `EVENTS_PER_PLAY` events each). */
export function videoEventTable(playsPerDay: number): BenchTable {
  return {
    name: 'video_events',
    schema: videoEventSchema,
    generator: 'bench-video-v2',
    shape: `${playsPerDay} plays a day`,
    *chunks(d, chunkRows) {
      // Chunks of plays that make about `chunkRows` rows.
      const step = Math.max(1, Math.floor(chunkRows / EVENTS_PER_PLAY));
      for (let from = 0; from < playsPerDay; from += step) {
        yield videoEventsOfDay(d, playsPerDay, from, Math.min(playsPerDay, from + step));
      }
    },
  };
}

/** The catalog identifier of a benchmark table. */
export function tableId(t: BenchTable): TableName {
  return { namespace: ['default'], name: t.name };
}

function location(t: BenchTable): string {
  return `s3://${BUCKET}/events/${t.name}`;
}

/** The warehouse folder of one bucket and the FileIO over it. */
export function warehouse(dir: string): { root: string; store: FsStore; io: FileIO } {
  const root = join(dir, 'warehouse', BUCKET);
  const store = new FsStore(root);
  return { root, store, io: fileIO(store, `s3://${BUCKET}/`) };
}

/** Folder holding a table's data files (for the floor's glob). */
export function dataFolder(dir: string, t: BenchTable): string {
  return join(warehouse(dir).root, 'events', t.name, 'data');
}

/** Metadata file locations, oldest first: version 0 is the create, version k the k-th commit. */
function metadataFiles(dir: string, t: BenchTable): string[] {
  const folder = join(warehouse(dir).root, 'events', t.name, 'metadata');
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((n) => n.endsWith('.metadata.json'))
    .sort()
    .map((n) => `${location(t)}/metadata/${n}`);
}

/** True when the folder holds a complete table of this shape written by this generator. */
export async function tableIsComplete(dir: string, t: BenchTable, days: number): Promise<boolean> {
  const files = metadataFiles(dir, t);
  if (files.length !== days + 1) return false;
  const m = await readMetadataFile(warehouse(dir).io, files.at(-1) as string);
  // Tables of an earlier run recorded only the generator; their shape is the page views' total.
  const shape = m.properties['bench.shape'];
  const head = m.snapshots.find((s) => s.snapshotId === m.currentSnapshotId);
  const sameShape =
    shape === undefined
      ? t.name === 'page_views' &&
        head?.summary['total-records'] === String(Number.parseInt(t.shape, 10) * days)
      : shape === t.shape;
  return m.properties['bench.generator'] === t.generator && sameShape;
}

/** Progress of the write: rows so far, rows per second of writing. */
export interface WriteProgress {
  readonly rows: number;
  readonly day: number;
  readonly rowsPerSecond: number;
}

/** What writing one table took. */
export interface WriteResult {
  readonly seconds: number;
  readonly generateSeconds: number;
  readonly rows: number;
  readonly files: number;
  readonly bytes: number;
}

/**
 * Writes `days` days of `t`'s rows through the table engine into a fresh
 * table under `dir`: each day in chunks of about `chunkRows` rows (each chunk
 * split into hour partitions by the writer), committed as one append
 * snapshot at the end of that day.
 */
export async function writeTable(
  dir: string,
  t: BenchTable,
  days: number,
  chunkRows: number,
  progress: (p: WriteProgress) => void,
): Promise<WriteResult> {
  const { root, io } = warehouse(dir);
  // The table's files and its catalog pointer (StoreCatalog keeps one per table).
  rmSync(join(root, 'events', t.name), { recursive: true, force: true });
  rmSync(join(root, 'catalog', 'default', `${t.name}.json`), { force: true });
  const id = tableId(t);
  let clock = START_MS;
  const catalog = new StoreCatalog({ io, now: () => clock, newUuid: () => crypto.randomUUID() });
  const env = { ...defaultTableEnv(catalog, io), now: () => clock };
  await createTable(env, id, {
    location: location(t),
    schema: t.schema,
    partitionBy: [{ column: 'timestamp', transform: 'hour' }],
    properties: { ...TABLE_PROPERTIES, 'bench.generator': t.generator, 'bench.shape': t.shape },
  });
  let written = 0;
  let files = 0;
  let bytes = 0;
  let generating = 0;
  const started = performance.now();
  for (let d = 0; d < days; d++) {
    const loaded = await catalog.loadTable(id);
    const dayFiles: DataFile[] = [];
    let g = performance.now();
    for (const rows of t.chunks(d, chunkRows)) {
      generating += performance.now() - g;
      dayFiles.push(...(await writeRows(env, loaded.metadata, rows)));
      written += rows.length;
      progress({ rows: written, day: d, rowsPerSecond: written / ((performance.now() - started) / 1000) });
      g = performance.now();
    }
    clock = START_MS + (d + 1) * DAY_MS;
    await appendFiles(env, id, dayFiles, undefined, loaded);
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
 * tables that serves each table's metadata after its `commit`-th commit
 * (0 = just created): `advance()` moves every table to its next commit, as
 * if the writers had just made them (one commit a day per table).
 */
export function replayCatalog(dir: string, tables: readonly BenchTable[], commit: number) {
  const files = new Map(tables.map((t) => [t.name as string, metadataFiles(dir, t)]));
  const commits = Math.min(...[...files.values()].map((f) => f.length - 1));
  const { io } = warehouse(dir);
  let at = commit;
  return {
    get commits(): number {
      return commits;
    },
    advance(): void {
      at = Math.min(at + 1, commits);
    },
    async listTables(): Promise<TableName[]> {
      return tables.map(tableId);
    },
    // Read and parsed on every call, as the REST catalog reader does on every refresh.
    async loadTable(table: TableName): Promise<LoadedMetadata> {
      const location = files.get(table.name)?.[at];
      if (location === undefined) throw new Error(`no table ${table.name} in the benchmark warehouse`);
      return { metadataLocation: location, metadata: await readMetadataFile(io, location) };
    },
  };
}
