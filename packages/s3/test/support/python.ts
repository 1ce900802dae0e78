/** Run a Python script from test/python with the repository's .venv and JSON on stdin/stdout. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
/** The repository virtualenv interpreter. */
export const PYTHON = `${root}.venv/bin/python`;

/** Run `test/python/<script>` with `input` as JSON on stdin; parse its stdout as JSON. */
export async function runPython<T>(script: string, input: unknown): Promise<T> {
  const path = fileURLToPath(new URL(`../python/${script}`, import.meta.url));
  const child = spawn(PYTHON, [path], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, AWS_EC2_METADATA_DISABLED: 'true' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  child.stdin.end(JSON.stringify(input));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`${script} exited ${code}:\n${stderr}`);
  try {
    return JSON.parse(stdout) as T;
  } catch {
    throw new Error(`${script} printed no JSON:\n${stdout}\n${stderr}`);
  }
}
