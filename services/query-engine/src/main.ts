/**
 * `npm start` entry of the query engine. Shared packages use TypeScript
 * syntax Node's default type stripping cannot run (parameter properties), so
 * this file — plain erasable TypeScript — starts `server-main.ts` in a child
 * Node with `--experimental-transform-types`, forwarding output and signals.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const child = spawn(
  process.execPath,
  [
    '--experimental-transform-types',
    '--disable-warning=ExperimentalWarning',
    fileURLToPath(new URL('./server-main.ts', import.meta.url)),
  ],
  { stdio: 'inherit', env: process.env },
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => {
  process.exit(code ?? (signal ? 1 : 0));
});
