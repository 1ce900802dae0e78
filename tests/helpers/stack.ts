/**
 * End-to-end tests start the real local stack (every Worker under wrangler dev
 * with local R2 and Durable Object storage, plus the Node query engine) on free
 * ports in a temporary data folder. `kill()` SIGKILLs it (crash tests);
 * `restart()` starts it again on the same port and data.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error: plain ESM script shared with `npm start`, no type declarations
import { freePort, root, startStack } from '../../scripts/stack.mjs';

export interface StackHandle {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** Everything the stack printed so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
  kill(): Promise<void>;
  restart(): Promise<void>;
  /** Stops the stack and removes its data folder. */
  dispose(): Promise<void>;
}

export interface StackOptions {
  /** Overrides for service vars declared in their wrangler.jsonc / dev.vars.json (e.g. flush intervals). */
  readonly vars?: Record<string, string>;
  /** Reuse an existing data folder. */
  readonly dataDir?: string;
}

interface RunningStack {
  url: string;
  stop(): Promise<void>;
  kill(): Promise<void>;
}

/** The repository root, for tests that need paths (e.g. the Python venv). */
export const repoRoot: string = root;

/** The Python interpreter of the tools venv (created by `npm test` / scripts/python-env.mjs). */
export const venvPython: string = join(root, '.venv', 'bin', 'python');

export async function startTestStack(options: StackOptions = {}): Promise<StackHandle> {
  let port: number = await freePort();
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'analytics-stack-'));
  let log = '';
  const start = (): Promise<RunningStack> =>
    startStack({
      port,
      dataDir,
      vars: options.vars ?? {},
      logLevel: 'warn',
      log: (chunk: Buffer | string) => {
        log += chunk.toString();
        if (log.length > 2_000_000) log = log.slice(-1_000_000);
      },
    }).catch((err: unknown) => {
      throw new Error(`the stack did not start: ${String(err)}\n--- output ---\n${log.slice(-8000)}`);
    });
  let current: RunningStack | undefined;
  try {
    current = await start();
  } catch (err) {
    // The public port itself was taken between picking and binding it (a restart keeps its port,
    // a first start need not): once more on another.
    if (!/Address already in use/i.test(String(err))) throw err;
    port = await freePort();
    current = await start();
  }
  return {
    url: current.url,
    port,
    dataDir,
    output: () => log,
    async stop() {
      await current?.stop();
      current = undefined;
    },
    async kill() {
      await current?.kill();
      current = undefined;
    },
    async restart() {
      await current?.stop();
      current = await start();
    },
    async dispose() {
      await current?.stop();
      current = undefined;
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
