/**
 * The local stack's start (scripts/stack.mjs) tries again when it lost a port
 * race: a port picked free was taken before wrangler bound it. The messages
 * below are wrangler's own, as printed in a CI run where another test process
 * took the socket of one Worker. And the environment it runs `wrangler dev` in.
 */
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM script shared with `npm start`, no type declarations
import { lostPortRace, wranglerEnv } from '../scripts/stack.mjs';

const PUBLIC = 39105;
const workerSocket =
  '\u001b[31m✘ \u001b[41;31m[\u001b[41;97mERROR\u001b[41;31m]\u001b[0m \u001b[1mAddress already in use (socket "direct:1:default"). Please check that you are not already running a server on this address or specify a different port with --port.\u001b[0m\n';
const publicSocket = `✘ [ERROR] Address already in use (127.0.0.1:${PUBLIC}). Please check that you are not already running a server on this address or specify a different port with --port.\n`;

describe('a stack start that failed', () => {
  it('is tried again when a port of its own choosing was taken, at most three times in all', () => {
    expect(lostPortRace(`query engine listening\n${workerSocket}`, PUBLIC, 1)).toBe(true);
    expect(lostPortRace(workerSocket, PUBLIC, 2)).toBe(true);
    expect(lostPortRace(workerSocket, PUBLIC, 3)).toBe(false);
  });

  it('is not tried again when the caller’s public port is taken, or for any other failure', () => {
    expect(lostPortRace(publicSocket, PUBLIC, 1)).toBe(false);
    expect(lostPortRace(`${workerSocket}${publicSocket}`, PUBLIC, 1)).toBe(false);
    expect(lostPortRace('✘ [ERROR] Build failed with 1 error\n', PUBLIC, 1)).toBe(false);
  });
});

describe("wrangler dev's environment", () => {
  const before = process.env.X_LOCAL_OBSERVABILITY;
  afterEach(() => {
    if (before === undefined) delete process.env.X_LOCAL_OBSERVABILITY;
    else process.env.X_LOCAL_OBSERVABILITY = before;
  });

  it('turns local observability off unless asked for, and sends no metrics', () => {
    delete process.env.X_LOCAL_OBSERVABILITY;
    expect(wranglerEnv()).toMatchObject({ X_LOCAL_OBSERVABILITY: 'false', WRANGLER_SEND_METRICS: 'false' });
    process.env.X_LOCAL_OBSERVABILITY = 'true';
    expect(wranglerEnv().X_LOCAL_OBSERVABILITY).toBe('true');
  });

  it('passes the rest of the environment through', () => {
    expect(wranglerEnv().PATH).toBe(process.env.PATH);
  });
});
