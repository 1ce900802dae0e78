/**
 * Write benchmark: 1,000,000 page-view rows through our Parquet writer
 * (rows → Arrow → parquet-wasm → bytes + Iceberg metrics), against DuckDB's
 * `COPY … TO … (FORMAT parquet, COMPRESSION snappy)` of the same rows in the
 * same run. Run with `npx node bench/write/run.ts [rows]`.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, DuckDBTimestampTZValue } from '@duckdb/node-api';
import { tableToIPC } from 'apache-arrow';
import type { ObjectInfo, ObjectStore } from '../../packages/iceberg/src/io/storage.ts';
import { footerMetrics } from '../../packages/iceberg/src/metrics/footer-metrics.ts';
import { rowsToArrow } from '../../packages/iceberg/src/parquet/encode-parquet-file.ts';
import { parquetWasm } from '../../packages/iceberg/src/parquet/parquet-wasm.ts';
import { loadParquetWasmNode } from '../../packages/iceberg/src/parquet/parquet-wasm-node.ts';
import { canonicalStruct } from '../../packages/iceberg/src/parquet/row-values.ts';
import { writeDataFiles } from '../../packages/iceberg/src/parquet/write-data-files.ts';
import { generatePageViews, type PageView, pageViewSchema } from './page-views.ts';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const log = (msg: string) => process.stderr.write(`[bench:write] ${msg}\n`);
const mb = (bytes: number) => bytes / (1024 * 1024);
const seconds = (start: number) => (performance.now() - start) / 1000;
/** CPU seconds (user + system, all threads of this process, DuckDB's included) since `start`. */
const cpuSince = (start: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1e6;
};

/** Holds written objects in memory so the benchmark measures encoding, not the disk. */
class MemoryStore implements ObjectStore {
  readonly objects = new Map<string, Uint8Array>();
  async get(key: string) {
    return this.objects.get(key);
  }
  async head(key: string) {
    const o = this.objects.get(key);
    return o ? { key, size: o.length } : undefined;
  }
  async put(key: string, body: Uint8Array): Promise<ObjectInfo> {
    this.objects.set(key, body);
    return { key, size: body.length };
  }
  async delete(keys: readonly string[]) {
    for (const k of keys) this.objects.delete(k);
  }
  async *list() {}
}

async function ourWriter(rows: readonly PageView[]) {
  const store = new MemoryStore();
  let n = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  const files = await writeDataFiles({
    store,
    schema: pageViewSchema,
    properties: { 'write.parquet.compression-codec': 'snappy' },
    rows: rows as unknown as Record<string, unknown>[],
    locate: () => {
      const key = `data/${String(n++).padStart(5, '0')}.parquet`;
      return { key, path: `s3://bench/${key}` };
    },
  });
  const elapsed = seconds(start);
  const cpuSeconds = cpuSince(cpu);
  const bytes = files.reduce((s, f) => s + Number(f.fileSizeInBytes), 0);
  return { elapsed, cpuSeconds, bytes, files: files.length };
}

/** Times each stage once, to show where the writer spends its time. */
function breakdown(rows: readonly PageView[]) {
  const stages: [string, number][] = [];
  let t = process.cpuUsage();
  const lap = (name: string) => {
    stages.push([name, cpuSince(t)]);
    t = process.cpuUsage();
  };
  const canonical = rows.map((r) =>
    canonicalStruct(pageViewSchema.fields, r as unknown as Record<string, unknown>),
  );
  lap('canonicalise rows');
  const { table } = rowsToArrow(pageViewSchema, canonical);
  lap('build Arrow columns + metrics');
  const ipc = tableToIPC(table, 'stream');
  lap('Arrow IPC encode');
  const wasm = parquetWasm();
  const wasmTable = wasm.Table.fromIPCStream(ipc);
  lap('IPC into wasm');
  const props = new wasm.WriterPropertiesBuilder().setCompression(wasm.Compression.SNAPPY).build();
  const bytes = wasm.writeParquet(wasmTable, props);
  lap('parquet-wasm writeParquet');
  footerMetrics(bytes);
  lap('footer read (hyparquet)');
  return stages;
}

async function duckdbCopy(rows: readonly PageView[], dir: string) {
  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  const columns = pageViewSchema.fields
    .map(
      (f) =>
        `"${f.name}" ${f.type.type === 'timestamptz' ? 'TIMESTAMPTZ' : f.type.type === 'int' ? 'INTEGER' : 'VARCHAR'}`,
    )
    .join(', ');
  await db.run(`CREATE TABLE page_views (${columns})`);
  const appender = await db.createAppender('page_views');
  const names = pageViewSchema.fields.map((f) => f.name as keyof PageView);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    for (const name of names) {
      const v = row[name];
      if (v === null) appender.appendNull();
      else if (typeof v === 'bigint') appender.appendTimestampTZ(new DuckDBTimestampTZValue(v));
      else if (typeof v === 'number') appender.appendInteger(v);
      else appender.appendVarchar(v);
    }
    appender.endRow();
    if ((i + 1) % 250_000 === 0) log(`loading DuckDB ${i + 1}/${rows.length}`);
  }
  appender.closeSync();
  const threads = (await db.runAndReadAll(`SELECT current_setting('threads') AS t`)).getRowObjectsJS()[0]!.t;
  const path = join(dir, 'duckdb.parquet');
  log('DuckDB COPY …');
  const cpu = process.cpuUsage();
  const start = performance.now();
  await db.run(`COPY page_views TO '${path}' (FORMAT parquet, COMPRESSION snappy)`);
  const elapsed = seconds(start);
  const cpuSeconds = cpuSince(cpu);
  const bytes = (await stat(path)).size;
  db.closeSync();
  instance.closeSync();
  return { elapsed, cpuSeconds, bytes, threads };
}

async function main() {
  await loadParquetWasmNode();
  log(`generating ${ROWS} page views (seed 42)…`);
  const rows: PageView[] = [];
  for (let done = 0; done < ROWS; done += 250_000) {
    const chunk = generatePageViews(Math.min(250_000, ROWS - done), 42 + done);
    for (const row of chunk) rows.push(row);
    log(`generated ${rows.length}/${ROWS}`);
  }
  log('warming up both writers on 20,000 rows…');
  await ourWriter(rows.slice(0, 20_000));

  log(`our writer: ${ROWS} rows → Parquet (snappy)…`);
  const ours = await ourWriter(rows);
  const rssMb = process.resourceUsage().maxRSS / 1024;
  log(`our writer done in ${ours.elapsed.toFixed(2)} s`);

  log('stage breakdown (one more pass)…');
  const stages = breakdown(rows);

  const dir = await mkdtemp(join(tmpdir(), 'bench-write-'));
  try {
    const duck = await duckdbCopy(rows, dir);
    const oursRate = ROWS / ours.elapsed;
    const duckRate = ROWS / duck.elapsed;
    const lines = [
      `rows: ${ROWS} page views, ${pageViewSchema.fields.length} columns, snappy`,
      `machine: ${cpus().length} cpus, ${cpus()[0]?.model ?? 'unknown'}; node ${process.version}; load average at end ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
      `ours:   ${ours.elapsed.toFixed(2)} s wall, ${ours.cpuSeconds.toFixed(2)} s CPU, ${Math.round(oursRate).toLocaleString('en-US')} rows/s, ${mb(ours.bytes).toFixed(1)} MB Parquet in ${ours.files} file(s), ${(mb(ours.bytes) / ours.elapsed).toFixed(1)} MB/s, peak RSS ${rssMb.toFixed(0)} MB`,
      `duckdb: ${duck.elapsed.toFixed(2)} s wall, ${duck.cpuSeconds.toFixed(2)} s CPU, ${Math.round(duckRate).toLocaleString('en-US')} rows/s, ${mb(duck.bytes).toFixed(1)} MB Parquet, ${(mb(duck.bytes) / duck.elapsed).toFixed(1)} MB/s (COPY only, threads=${duck.threads})`,
      `ratio:  ours/duckdb throughput = ${(oursRate / duckRate).toFixed(3)} wall (duckdb ${(duckRate / oursRate).toFixed(1)}x faster); CPU time ours/duckdb = ${(ours.cpuSeconds / duck.cpuSeconds).toFixed(2)}`,
      'stages of our writer (separate pass, CPU seconds):',
      ...stages.map(([name, s]) => `  ${name.padEnd(32)} ${s.toFixed(2)} s`),
    ];
    console.log(lines.join('\n'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
