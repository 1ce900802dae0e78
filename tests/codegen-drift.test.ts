import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;
const committed = join(root, 'generated');
const fresh = mkdtempSync(join(tmpdir(), 'codegen-drift-'));

/** Every file under `dir` (relative paths, sorted), skipping node_modules and tool caches (`.turbo`). */
function files(dir: string): string[] {
  const found: string[] = [];
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else found.push(relative(dir, path));
    }
  };
  walk(dir);
  return found.sort();
}

afterAll(() => rmSync(fresh, { recursive: true, force: true }));

describe('generated/', () => {
  it('is exactly what `npm run codegen` writes from contracts/', () => {
    // `npx node` is the Node 24 of the devDependencies, which runs codegen.ts as `npm run codegen` does.
    const run = spawnSync('npx', ['node', 'codegen.ts', '--out', fresh], { cwd: root, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);

    const expected = files(fresh);
    const actual = files(committed);
    const missing = expected.filter((f) => !actual.includes(f)).map((f) => `missing from generated/: ${f}`);
    const extra = actual.filter((f) => !expected.includes(f)).map((f) => `not produced by codegen: ${f}`);
    const changed = expected
      .filter((f) => actual.includes(f))
      .filter((f) => readFileSync(join(fresh, f), 'utf8') !== readFileSync(join(committed, f), 'utf8'))
      .map((f) => `differs from a fresh codegen: ${f}`);
    const drift = [...missing, ...extra, ...changed];
    expect(drift, `generated/ is stale; run \`npm run codegen\` and commit:\n${drift.join('\n')}`).toEqual(
      [],
    );
  });
});
