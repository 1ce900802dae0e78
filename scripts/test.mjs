#!/usr/bin/env node
// The one test command (`npm test`): format + lint, typecheck, the Python
// tool environment the interop tests use, then every Vitest project (Node and
// workerd). Ends with a plain "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePythonEnv } from './python-env.mjs';

const root = new URL('..', import.meta.url).pathname;

function step(title, cmd, args, opts = {}) {
  console.log(`\n▶ ${title}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) {
    console.error(`✖ ${title} failed (${secs}s)`);
    return false;
  }
  console.log(`✔ ${title} (${secs}s)`);
  return true;
}

let ok = step('format and lint (biome)', 'npx', ['biome', 'check', '.']);
ok =
  step('typecheck (tsc, every workspace)', 'npx', [
    'turbo',
    'run',
    'typecheck',
    '--continue',
    '--output-logs=errors-only',
  ]) && ok;
ok = step('typecheck (tsc, tests, bench and codegen)', 'npx', ['tsc', '-p', 'tests/tsconfig.json']) && ok;
console.log('\n▶ python tools (.venv)');
ensurePythonEnv(root);

const report = join(root, '.cache', 'vitest-report.json');
rmSync(report, { force: true });
const passedVitest = step('tests (vitest: node + workerd projects)', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
]);
ok = passedVitest && ok;

let passed = 0;
let failed = 0;
try {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed = json.numPassedTests;
  failed =
    json.numFailedTests +
    (json.numTotalTestSuites > 0 && json.success === false && json.numFailedTests === 0 ? 1 : 0);
} catch {
  failed += 1;
}
if (!ok && failed === 0) failed = 1;
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);
