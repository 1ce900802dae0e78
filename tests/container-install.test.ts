/**
 * The query engine's Cloudflare Container image, without Docker: no machine
 * this project runs on has a Docker engine, so the image itself is never
 * built here. This test does what the Dockerfile does after its base image:
 * copies the build context its COPY lines name (files git does not ignore), runs its
 * `npm ci` line, deletes what its `rm -rf` deletes, then starts its CMD with
 * its ENV (host and port moved to loopback and a free port) and queries
 * DuckDB through the engine. What it cannot check is the base image.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM script shared with `npm start`, no type declarations
import { freePort } from '../scripts/stack.mjs';
import { repoRoot } from './helpers/stack.ts';

const dockerfile = readFileSync(join(repoRoot, 'services', 'query-engine', 'Dockerfile'), 'utf8')
  .replace(/\\\n/g, ' ')
  .split('\n')
  .filter((line) => !line.trim().startsWith('#'));

function instruction(name: string): string[] {
  return dockerfile.filter((l) => l.startsWith(`${name} `)).map((l) => l.slice(name.length + 1).trim());
}

const work = mkdtempSync(join(tmpdir(), 'query-engine-image-'));
const app = join(work, 'app');
let engine: ChildProcess | undefined;

afterAll(() => {
  engine?.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

describe('the query engine container image contents', () => {
  it('install as the Dockerfile installs them and answer SQL on DuckDB', async () => {
    // COPY <sources...> <dest>: the working tree's files git does not ignore (no node_modules,
    // no local state), as a build from this checkout would see them.
    const tracked = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
      cwd: repoRoot,
      encoding: 'utf8',
    })
      .split('\0')
      .filter((f) => f !== '' && existsSync(join(repoRoot, f)));
    for (const copy of instruction('COPY')) {
      const sources = copy.split(/\s+/).slice(0, -1);
      for (const source of sources) {
        const prefix = source.replace(/^\.\//, '');
        for (const file of tracked.filter((f) => f === prefix || f.startsWith(prefix))) {
          mkdirSync(dirname(join(app, file)), { recursive: true });
          cpSync(join(repoRoot, file), join(app, file));
        }
      }
    }
    const run = instruction('RUN').join(' && ');
    const install = run.split('&&').map((s) => s.trim());
    const npmCi = install.find((s) => s.startsWith('npm ci'));
    const removal = install.find((s) => s.startsWith('rm -rf'));
    expect(npmCi, 'the Dockerfile installs with npm ci').toBeDefined();
    execFileSync('npm', [...npmCi!.split(/\s+/).slice(1), '--no-audit', '--no-fund'], {
      cwd: app,
      stdio: 'pipe',
    });
    for (const path of removal?.split(/\s+/).slice(2) ?? [])
      rmSync(join(app, path), { recursive: true, force: true });

    const env: Record<string, string> = {};
    for (const line of instruction('ENV'))
      for (const [, key, value] of line.matchAll(/(\w+)=(\S+)/g)) env[key!] = value!;
    const port = String(await freePort());
    Object.assign(env, {
      QUERY_ENGINE_HOST: '127.0.0.1',
      QUERY_ENGINE_PORT: port,
      QUERY_ENGINE_CACHE_DIR: join(work, 'cache'),
    });
    const cmd = JSON.parse(instruction('CMD')[0]!) as string[];
    expect(cmd[0]).toBe('node');
    let output = '';
    engine = spawn(process.execPath, cmd.slice(1), {
      cwd: app,
      env: { PATH: process.env.PATH ?? '', HOME: work, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    engine.stdout?.on('data', (d) => {
      output += d;
    });
    engine.stderr?.on('data', (d) => {
      output += d;
    });

    const url = `http://127.0.0.1:${port}`;
    let health: Response | undefined;
    for (let i = 0; i < 120 && health === undefined; i++) {
      if (engine.exitCode !== null) break;
      health = await fetch(`${url}/health`).catch(() => undefined);
      if (health === undefined) await new Promise((r) => setTimeout(r, 250));
    }
    expect(health?.status, `the engine did not come up:\n${output}`).toBe(200);
    const answer = await fetch(`${url}/v1/sql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'SELECT 6 * 7 AS answer' }),
    });
    expect(answer.status).toBe(200);
    expect(JSON.stringify(await answer.json())).toContain('42');
  }, 180_000);
});
