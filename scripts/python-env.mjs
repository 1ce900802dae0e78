// Creates (or refreshes) .venv with the Python tools the interop tests drive:
// PyIceberg, DuckDB with its iceberg extension from PyPI, dbt-duckdb, and
// schemathesis. Re-installs only when tests/python/requirements.txt changes.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function venvPython(root) {
  return join(root, '.venv', 'bin', 'python');
}

export function ensurePythonEnv(root) {
  const reqFile = join(root, 'tests', 'python', 'requirements.txt');
  const stamp = join(root, '.venv', '.requirements.sha256');
  const want = createHash('sha256').update(readFileSync(reqFile)).digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want) {
    console.log('python env up to date');
    return;
  }
  const run = (cmd, args) => {
    const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`);
  };
  if (!existsSync(venvPython(root))) run('python3', ['-m', 'venv', '.venv']);
  run(venvPython(root), ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '-r', reqFile]);
  writeFileSync(stamp, want);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  ensurePythonEnv(new URL('..', import.meta.url).pathname);
}
