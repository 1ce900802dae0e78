/**
 * Runs the Python readers of tests/e2e/python (PyIceberg, DuckDB) with the
 * tools venv `npm test` creates, and parses the JSON line each prints last.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot, venvPython } from './stack.ts';

const run = promisify(execFile);

/** Runs `tests/e2e/python/<script>` with `args`; rejects with its stderr when it fails or prints no JSON. */
export async function pythonJson<T>(
  script: string,
  args: readonly string[],
  timeoutMs = 240_000,
): Promise<T> {
  const { stdout } = await run(venvPython, [join(repoRoot, 'tests', 'e2e', 'python', script), ...args], {
    timeout: timeoutMs,
    maxBuffer: 256 * 1024 * 1024,
  }).catch((err: { stderr?: string; message: string }) => {
    throw new Error(`${script} failed: ${err.message}\n${(err.stderr ?? '').slice(-3000)}`);
  });
  const last = stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(last) as T;
  } catch {
    throw new Error(`${script} printed no JSON line last: ${stdout.slice(-1000)}`);
  }
}
