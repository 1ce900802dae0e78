import type { Env as CollectorEnv } from '../src/env.ts';

// `env` of cloudflare:test is the collector's Env.
declare global {
  namespace Cloudflare {
    interface Env extends CollectorEnv {}
  }
}
