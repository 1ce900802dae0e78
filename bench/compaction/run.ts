/**
 * Compaction benchmark: a table of many small page-view files (written
 * through the engine into a local-filesystem store) compacted by
 * `compactTable` end to end, against DuckDB rewriting the same Parquet files
 * into one file in the same run. Our side runs in a child process so its
 * peak RSS is its own. Run with
 * `npx node bench/compaction/run.ts [--files 200] [--rows-per-file 13000] [--hours 8] [--max-group-mb 2] [--heap-mb 128]`.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { StoreCatalog } from '../../packages/iceberg/src/catalog/store-catalog.ts';
import { fileIO } from '../../packages/iceberg/src/io/locations.ts';
import { FsStore, loadParquetWasmNode } from '../../packages/iceberg/src/node.ts';
import { planFiles } from '../../packages/iceberg/src/scan/plan-files.ts';
import { appendRows } from '../../packages/iceberg/src/table/append.ts';
import { compactTable } from '../../packages/iceberg/src/table/compact-table.ts';
import { createTable } from '../../packages/iceberg/src/table/create-table.ts';
import { defaultTableEnv, type TableEnv } from '../../packages/iceberg/src/table/table-env.ts';
import { EVENT_TABLE_PROPERTIES } from '../../packages/iceberg/src/table/table-properties.ts';
import { generatePageViews, pageViewSchema } from '../write/page-views.ts';

const { values: args } = parseArgs({
  options: {
    files: { type: 'string', default: '200' },
    'rows-per-file': { type: 'string', default: '13000' },
    hours: { type: 'string', default: '8' },
    'max-group-mb': { type: 'string', default: '2' },
    // V8 old-space limit of the compacting process, to check a group fits a Worker-sized heap.
    'heap-mb': { type: 'string' },
    compact: { type: 'string' }, // internal: the child process compacting the table in this folder
  },
});
const FILES = Number(args.files);
const ROWS_PER_FILE = Number(args['rows-per-file']);
const HOURS = Number(args.hours);
const MAX_GROUP_BYTES = Math.round(Number(args['max-group-mb']) * 1024 * 1024);
const id = { namespace: ['bench'], name: 'page_views' };
const HOUR_US = 3_600_000_000n;
const DAY_US = 24n * HOUR_US;
const T0 = 1_767_225_600_000_000n; // 2026-01-01T00:00:00Z

const log = (msg: string) => process.stderr.write(`[bench:compaction] ${msg}\n`);
const mb = (bytes: number) => bytes / (1024 * 1024);
const seconds = (start: number) => (performance.now() - start) / 1000;
/** CPU seconds (user + system, all threads of this process, DuckDB's included) since `start`. */
const cpuSince = (start: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1e6;
};

function envAt(dir: string): TableEnv {
  const io = fileIO(new FsStore(dir), `${dir}/`);
  return defaultTableEnv(
    new StoreCatalog({ io, now: () => Date.now(), newUuid: () => crypto.randomUUID() }),
    io,
  );
}

/** One append per file: each file's rows squeezed into one hour so it lands in one partition. */
async function buildTable(dir: string): Promise<string[]> {
  const env = envAt(dir);
  await createTable(env, id, {
    location: `${dir}/wh/bench/page_views`,
    schema: pageViewSchema,
    partitionBy: [{ column: 'timestamp', transform: 'hour' }],
    properties: EVENT_TABLE_PROPERTIES,
  });
  const start = performance.now();
  for (let f = 0; f < FILES; f++) {
    const hourStart = T0 + BigInt(f % HOURS) * HOUR_US;
    const rows = generatePageViews(ROWS_PER_FILE, 1000 + f, T0).map((r) => ({
      ...r,
      timestamp: hourStart + ((((r.timestamp - T0) % DAY_US) + DAY_US) % DAY_US) / 24n,
    }));
    await appendRows(env, id, rows as unknown as Record<string, unknown>[]);
    if ((f + 1) % 20 === 0 || f + 1 === FILES)
      log(`built ${f + 1}/${FILES} files (${seconds(start).toFixed(0)} s)`);
  }
  const { metadata } = await env.catalog.loadTable(id);
  const plan = await planFiles(env.io, metadata);
  return plan.tasks.map((t) => t.file.filePath);
}

/** The child: compacts the table and prints its figures as JSON. */
async function compactChild(dir: string) {
  await loadParquetWasmNode();
  const env = envAt(dir);
  const rssBeforeMb = process.memoryUsage().rss / (1024 * 1024);
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = await compactTable(env, id, {
    maxGroupBytes: MAX_GROUP_BYTES,
    onProgress: (p) =>
      log(
        `group ${p.group}/${p.groups}: ${p.filesRewritten} files, ${mb(p.bytesRewritten).toFixed(1)} MB rewritten (${seconds(start).toFixed(0)} s)`,
      ),
  });
  const elapsed = seconds(start);
  const heap = (await import('node:v8')).getHeapStatistics();
  process.stdout.write(
    JSON.stringify({
      elapsed,
      cpuSeconds: cpuSince(cpu),
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      rssBeforeMb,
      heapLimitMb: heap.heap_size_limit / (1024 * 1024),
      groups: result?.groups ?? 0,
      failures: result?.failures.length ?? 0,
      filesRewritten: result?.filesRewritten ?? 0,
      filesAdded: result?.filesAdded ?? 0,
      bytesRewritten: result?.bytesRewritten ?? 0,
    }),
  );
}

interface OurFigures {
  elapsed: number;
  cpuSeconds: number;
  maxRssMb: number;
  rssBeforeMb: number;
  heapLimitMb: number;
  groups: number;
  failures: number;
  filesRewritten: number;
  filesAdded: number;
  bytesRewritten: number;
}

function runChild(dir: string): Promise<OurFigures> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        ...(args['heap-mb'] ? [`--max-old-space-size=${args['heap-mb']}`] : []),
        new URL(import.meta.url).pathname,
        '--compact',
        dir,
        '--max-group-mb',
        String(args['max-group-mb']),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0
        ? resolve(JSON.parse(out) as OurFigures)
        : reject(new Error(`compaction exited with ${code ?? signal} (out of heap? see above)`)),
    );
  });
}

async function duckdbRewrite(files: readonly string[], out: string) {
  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  const threads = (await db.runAndReadAll(`SELECT current_setting('threads') AS t`)).getRowObjectsJS()[0]!.t;
  const list = files.map((f) => `'${f}'`).join(', ');
  const cpu = process.cpuUsage();
  const start = performance.now();
  await db.run(
    `COPY (SELECT * FROM read_parquet([${list}])) TO '${out}' (FORMAT parquet, COMPRESSION snappy)`,
  );
  const elapsed = seconds(start);
  const cpuSeconds = cpuSince(cpu);
  db.closeSync();
  instance.closeSync();
  return { elapsed, cpuSeconds, bytes: (await stat(out)).size, threads };
}

async function main() {
  await loadParquetWasmNode();
  const dir = await mkdtemp(join(tmpdir(), 'bench-compaction-'));
  try {
    log(`building a table of ${FILES} files × ${ROWS_PER_FILE} page views over ${HOURS} hourly partitions…`);
    const files = await buildTable(dir);
    let inputBytes = 0;
    for (const f of files) inputBytes += (await stat(f)).size;
    log(`table: ${files.length} files, ${mb(inputBytes).toFixed(1)} MB`);

    log('DuckDB: COPY (SELECT * FROM read_parquet([...])) TO one file…');
    const duck = await duckdbRewrite(files, join(dir, 'duckdb.parquet'));
    log(`DuckDB done in ${duck.elapsed.toFixed(2)} s`);

    log(`ours: compactTable, groups of at most ${mb(MAX_GROUP_BYTES).toFixed(1)} MB input (child process)…`);
    const ours = await runChild(dir);

    const oursMbS = mb(ours.bytesRewritten) / ours.elapsed;
    const duckMbS = mb(inputBytes) / duck.elapsed;
    const oursMbCpu = mb(ours.bytesRewritten) / ours.cpuSeconds;
    const duckMbCpu = mb(inputBytes) / duck.cpuSeconds;
    console.log(
      [
        `input: ${files.length} files, ${mb(inputBytes).toFixed(1)} MB Parquet (snappy), ${(FILES * ROWS_PER_FILE).toLocaleString('en-US')} page views, ${HOURS} hourly partitions`,
        `machine: ${cpus().length} cpus, ${cpus()[0]?.model ?? 'unknown'}; node ${process.version}; load average at end ${loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')}`,
        `ours:   ${ours.elapsed.toFixed(2)} s wall, ${ours.cpuSeconds.toFixed(2)} s CPU; ${ours.groups} groups (${ours.failures} failed), ${ours.filesRewritten} files → ${ours.filesAdded}; ${oursMbS.toFixed(2)} MB/s and ${(ours.filesRewritten / ours.elapsed).toFixed(2)} files/s of input (wall), ${oursMbCpu.toFixed(2)} MB per CPU second; peak RSS ${ours.maxRssMb.toFixed(0)} MB (${ours.rssBeforeMb.toFixed(0)} MB before the first group, V8 heap limit ${ours.heapLimitMb.toFixed(0)} MB); ${((oursMbS * 60) / 1024).toFixed(2)} GB/minute (goal 1)`,
        `duckdb: ${duck.elapsed.toFixed(2)} s wall, ${duck.cpuSeconds.toFixed(2)} s CPU (threads=${duck.threads}); ${files.length} files → 1 (${mb(duck.bytes).toFixed(1)} MB); ${duckMbS.toFixed(2)} MB/s and ${(files.length / duck.elapsed).toFixed(2)} files/s of input (wall), ${duckMbCpu.toFixed(2)} MB per CPU second`,
        `ratio:  ours/duckdb throughput = ${(oursMbS / duckMbS).toFixed(3)} wall (duckdb ${(duckMbS / oursMbS).toFixed(1)}x faster); CPU time per MB ours/duckdb = ${(duckMbCpu / oursMbCpu).toFixed(2)}`,
      ].join('\n'),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (args.compact) await compactChild(args.compact);
else await main();
