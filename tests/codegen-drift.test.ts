import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { postEvents } from '@analytics/generated/ingest';
import { zIngestResult } from '@analytics/generated/ingest/zod';
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

describe('the generated ingest SDK', () => {
  it('sends the API key and a batch body, and its zod schema accepts the contract-shaped answer', async () => {
    const seen: { key?: string | string[]; body?: unknown; type?: string } = {};
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        Object.assign(seen, {
          key: req.headers['x-api-key'],
          body: JSON.parse(body),
          type: req.headers['content-type'],
        });
        res.writeHead(202, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            accepted: 1,
            duplicates: 0,
            rejected: 0,
            events: [{ index: 0, event_id: '0f8fad5b-d9cb-469f-a165-70867728950e', status: 'accepted' }],
            errors: [],
          }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const events = [{ event_type: 'page_view', page_url: 'https://rawkode.academy/' }];
      const result = await postEvents({
        baseUrl: `http://127.0.0.1:${port}`,
        body: { events },
        auth: 'test-key',
      });
      expect(result.response?.status).toBe(202);
      expect(seen).toEqual({ key: 'test-key', body: { events }, type: 'application/json' });
      expect(zIngestResult.parse(result.data).accepted).toBe(1);
    } finally {
      server.close();
    }
  });
});
