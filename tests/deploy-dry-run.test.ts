/**
 * Every Worker bundles for Cloudflare: `wrangler deploy --dry-run` builds each
 * service exactly as a deploy would (bundling, wasm modules, bindings), without
 * an account.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/stack.ts';

const services = readdirSync(join(repoRoot, 'services')).filter(
  (s) =>
    existsSync(join(repoRoot, 'services', s, 'wrangler.jsonc')) &&
    existsSync(join(repoRoot, 'services', s, 'src', 'index.ts')),
);
const out = mkdtempSync(join(tmpdir(), 'dry-run-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('wrangler deploy --dry-run', () => {
  it('finds the Worker services', () => {
    expect(services).toEqual(
      expect.arrayContaining(['router', 'health', 'catalog', 'maintenance', 'pipeline']),
    );
  });

  it.each(services)('bundles %s', (service) => {
    const outdir = join(out, service);
    const r = spawnSync(
      process.execPath,
      [
        join(repoRoot, 'node_modules', 'wrangler', 'bin', 'wrangler.js'),
        'deploy',
        '--dry-run',
        '--outdir',
        outdir,
        '-c',
        join('services', service, 'wrangler.jsonc'),
      ],
      {
        cwd: repoRoot,
        encoding: 'utf8',
        env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true' },
      },
    );
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    const bundle = readdirSync(outdir).find((f) => f.endsWith('.js'));
    expect(bundle).toBeDefined();
    expect(statSync(join(outdir, bundle!)).size).toBeGreaterThan(1000);
  });
});
