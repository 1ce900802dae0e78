#!/usr/bin/env node
// `npm run bench [name…]`: runs the benchmarks one after another (write, ingest,
// query, compaction by default), each printing its figures and the ratio against the
// baseline it measures in the same run. Results go to bench/RESULTS.md by hand,
// with the date and machine.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

const here = dirname(new URL(import.meta.url).pathname);
const all = ['write', 'ingest', 'query', 'compaction'];
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length ? wanted : all;
let failed = 0;
for (const name of names) {
  const script = join(here, name, 'run.ts');
  if (!existsSync(script)) {
    console.error(`no benchmark named ${name} (have: ${all.join(', ')})`);
    failed++;
    continue;
  }
  console.log(`\n━━ bench/${name} ━━`);
  const r = spawnSync(process.execPath, [script], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
