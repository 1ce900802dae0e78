/**
 * Apache Iceberg's REST Compatibility Kit (from Maven Central, see pom.xml)
 * against the catalog on the local stack. Every failure must be one of
 * known-failures.json (each with its reason, explained in docs/catalog.md);
 * a new failure, or fewer passes than recorded, fails this test.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { repoRoot, type StackHandle, startTestStack } from '../helpers/stack.ts';

const run = promisify(execFile);
const here = join(repoRoot, 'tests', 'rck');
/** Passing tests measured with this harness (RCK 1.10.0: 102 found, 7 aborted by assumptions). */
const MIN_PASSED = 83;

let stack: StackHandle;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.dispose();
});

it('passes the REST Compatibility Kit except the documented failures', { timeout: 600_000 }, async () => {
  const { stdout } = await run(
    process.execPath,
    [join(here, 'run-rck.mjs'), stack.url, 'analytics:analytics-secret'],
    {
      timeout: 590_000,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const summary = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {
    found: number;
    passed: number;
    failed: number;
    aborted: number;
    failures: { test: string; message: string }[];
  };
  console.info(
    `RCK: ${summary.passed} passed, ${summary.failed} failed, ${summary.aborted} aborted of ${summary.found}`,
  );
  const known = JSON.parse(readFileSync(join(here, 'known-failures.json'), 'utf8')) as Record<string, string>;
  const unexpected = summary.failures.filter((f) => !(f.test in known));
  expect(unexpected).toEqual([]);
  expect(summary.failed).toBe(summary.failures.length);
  expect(summary.passed).toBeGreaterThanOrEqual(MIN_PASSED);
});
