// The local stack: every Worker under one `wrangler dev` (workerd, local R2 and
// Durable Object storage persisted in one data folder) behind the router's
// single origin, plus the Node query engine. Used by `npm start` and by the
// end-to-end tests (tests/helpers/stack.ts), which start it on free ports in a
// temporary folder and may SIGKILL and restart it.
//
// wrangler applies `--var` only to the first Worker of a multi-config session,
// so each service's configuration is copied into the data folder with its
// `vars` merged from, in order: the committed wrangler.jsonc, the service's
// committed `dev.vars.json` (local defaults for values that are secrets on
// Cloudflare), the process environment (for keys the service declares), then
// the stack-wide values (origin, S3 endpoint and keys) and the caller's overrides.

import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';

export const root = resolve(dirname(new URL(import.meta.url).pathname), '..');

/** Worker services in start order; the first one is the public origin. */
export const WORKERS = ['router', 'collector', 'catalog', 'api', 'health', 'maintenance', 'pipeline'];

/**
 * Local-only values every service sees: the key pair of the local S3 endpoint
 * (the router verifies it, the catalog vends it to engines, the query engine
 * uses it). On Cloudflare these are secrets holding R2 API credentials.
 */
export const LOCAL_SHARED_VARS = {
  S3_ACCESS_KEY_ID: process.env.S3_ACCESS_KEY_ID ?? 'analytics-local',
  S3_SECRET_ACCESS_KEY: process.env.S3_SECRET_ACCESS_KEY ?? 'analytics-local-secret',
  S3_REGION: 'auto',
};

/** Asks the OS for a free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolvePort(port));
    });
  });
}

function readJson(path) {
  return existsSync(path) ? parseJsonc(readFileSync(path, 'utf8')) : {};
}

/**
 * Writes the per-run copy of one service's wrangler configuration and returns its path.
 * Relative paths in the configuration (main, assets, migrations) are made absolute.
 */
export function materialiseConfig(name, configDir, vars) {
  const serviceDir = join(root, 'services', name);
  const config = readJson(join(serviceDir, 'wrangler.jsonc'));
  const defaults = readJson(join(serviceDir, 'dev.vars.json'));
  const declared = new Set([...Object.keys(config.vars ?? {}), ...Object.keys(defaults)]);
  const merged = { ...(config.vars ?? {}), ...defaults };
  for (const key of declared) {
    if (process.env[key] !== undefined) merged[key] = process.env[key];
  }
  // Stack-wide facts (the origin, the S3 endpoint and its local keys) and test
  // overrides apply to every service, declared or not.
  Object.assign(merged, vars);
  const copy = { ...config, vars: merged };
  delete copy.$schema;
  if (copy.main) copy.main = join(serviceDir, copy.main);
  if (copy.assets?.directory)
    copy.assets = { ...copy.assets, directory: join(serviceDir, copy.assets.directory) };
  if (copy.tsconfig) copy.tsconfig = join(serviceDir, copy.tsconfig);
  const path = join(configDir, `${name}.json`);
  writeFileSync(path, JSON.stringify(copy, null, 2));
  return path;
}

/** Polls `url` until it answers (any status) or the deadline passes. */
async function waitFor(url, timeoutMs, isAlive) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error(`stack process exited while waiting for ${url}`);
    try {
      // wrangler dev's proxy holds requests while the runtime (re)starts: bound each try,
      // so a runtime that never comes up ends in this function's error, not a hung caller.
      const res = await fetch(url, {
        signal: AbortSignal.timeout(Math.max(1, Math.min(15_000, deadline - Date.now()))),
      });
      await res.arrayBuffer();
      return;
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${url}: ${lastError}`);
}

function spawnGroup(cmd, args, opts, log) {
  const child = spawn(cmd, args, { ...opts, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d) => log(d));
  child.stderr.on('data', (d) => log(d));
  return child;
}

/**
 * Starts the stack. Options: `port` (public origin), `dataDir` (persisted state),
 * `vars` (overrides for any service's declared vars), `log` (receives output
 * chunks; defaults to the console), `timeoutMs`.
 * Returns `{ url, port, dataDir, stop(), kill() }`: `stop` ends it gracefully,
 * `kill` sends SIGKILL to every process of the stack at once (crash tests).
 */
export async function startStack(options = {}) {
  const log = options.log ?? ((chunk) => process.stdout.write(chunk));
  for (let attempt = 1; ; attempt++) {
    let output = '';
    try {
      return await startStackOnce({
        ...options,
        log: (chunk) => {
          output = (output + chunk.toString()).slice(-20_000);
          log(chunk);
        },
      });
    } catch (err) {
      if (!lostPortRace(output, options.port ?? 8787, attempt)) throw err;
      log(
        `stack: a port was taken while starting; starting again (attempt ${attempt + 1} of ${START_ATTEMPTS})\n`,
      );
    }
  }
}

/** How many times a start that lost a port race is tried. */
const START_ATTEMPTS = 3;

/**
 * Whether a failed start is worth another: ports are picked free and bound a
 * moment later, by wrangler too (a socket per Worker), and another process
 * can take one in between. A fresh start picks fresh ones, except the public
 * port, which is the caller's: when that one is taken, starting again cannot
 * help (the caller may pick another).
 */
export function lostPortRace(output, publicPort, attempt) {
  if (attempt >= START_ATTEMPTS) return false;
  const taken = output.split('\n').filter((line) => /Address already in use/i.test(line));
  return taken.length > 0 && !taken.some((line) => line.includes(`:${publicPort})`));
}

/**
 * The environment of `wrangler dev`. Its local observability (a streaming tail
 * Worker that records a trace of every request, RPC and storage call) is off
 * unless asked for: it doubled the runtime's CPU per request, measured with
 * bench/ingest. `X_LOCAL_OBSERVABILITY=true npm start` turns it back on.
 */
export function wranglerEnv() {
  return {
    ...process.env,
    WRANGLER_SEND_METRICS: 'false',
    X_LOCAL_OBSERVABILITY: process.env.X_LOCAL_OBSERVABILITY ?? 'false',
  };
}

async function startStackOnce(options) {
  const port = options.port ?? 8787;
  const dataDir = resolve(options.dataDir ?? join(root, '.data'));
  const log = options.log ?? ((chunk) => process.stdout.write(chunk));
  const queryPort = options.queryPort ?? (await freePort());
  const inspectorPort = options.inspectorPort ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const configDir = join(dataDir, 'config');
  mkdirSync(configDir, { recursive: true });
  // The router serves Swagger UI from its static assets, copied out of node_modules.
  execFileSync(process.execPath, [join(root, 'services', 'router', 'scripts', 'vendor-assets.mjs')]);

  const vars = {
    ...LOCAL_SHARED_VARS,
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    S3_ENDPOINT: `http://127.0.0.1:${port}/s3`,
    QUERY_ENGINE_URL: `http://127.0.0.1:${queryPort}`,
    ...(options.vars ?? {}),
  };
  // A service joins the stack once it has an entry point; until then the router answers 503 for its routes.
  const configs = WORKERS.filter((w) => {
    const config = readJson(join(root, 'services', w, 'wrangler.jsonc'));
    return config.main && existsSync(join(root, 'services', w, config.main));
  }).map((w) => materialiseConfig(w, configDir, vars));

  const children = [];
  const alive = () => children.every((c) => c.exitCode === null && c.signalCode === null);
  const wranglerArgs = [
    join(root, 'node_modules', 'wrangler', 'bin', 'wrangler.js'),
    'dev',
    ...configs.flatMap((c) => ['-c', c]),
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--inspector-port',
    String(inspectorPort),
    '--persist-to',
    join(dataDir, 'state'),
    '--show-interactive-dev-session=false',
    '--log-level',
    options.logLevel ?? 'info',
  ];
  children.push(spawnGroup(process.execPath, wranglerArgs, { cwd: root, env: wranglerEnv() }, log));

  const queryMain = join(root, 'services', 'query-engine', 'src', 'main.ts');
  if (existsSync(queryMain)) {
    children.push(
      spawnGroup(
        process.execPath,
        [queryMain],
        {
          cwd: root,
          env: {
            ...process.env,
            ...vars,
            QUERY_ENGINE_PORT: String(queryPort),
            QUERY_ENGINE_CACHE_DIR: join(dataDir, 'query-cache'),
            CATALOG_URL: url,
          },
        },
        log,
      ),
    );
  }

  const kill = (signal) => {
    for (const c of children) {
      if (c.exitCode === null && c.signalCode === null) {
        try {
          process.kill(-c.pid, signal);
        } catch {
          // already gone
        }
      }
    }
  };
  const exited = () =>
    Promise.all(
      children.map((c) =>
        c.exitCode !== null || c.signalCode !== null ? null : new Promise((r) => c.once('exit', r)),
      ),
    );

  try {
    await waitFor(`${url}/health`, options.timeoutMs ?? 90_000, alive);
  } catch (err) {
    kill('SIGKILL');
    await exited();
    throw err;
  }

  return {
    url,
    port,
    queryPort,
    dataDir,
    /** Process group ids of the stack's processes (wrangler, query engine), for CPU accounting. */
    processGroups: children.map((c) => c.pid),
    /** Graceful stop: SIGINT, then SIGKILL after 10 s. */
    async stop() {
      kill('SIGINT');
      const timer = setTimeout(() => kill('SIGKILL'), 10_000);
      await exited();
      clearTimeout(timer);
    },
    /** Crash: SIGKILL to every process group of the stack. */
    async kill() {
      kill('SIGKILL');
      await exited();
    },
  };
}
