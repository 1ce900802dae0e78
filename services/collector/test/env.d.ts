import type { Env as CollectorEnv } from '../src/env.ts';

// `env` of cloudflare:test is the collector's Env.
declare global {
  namespace Cloudflare {
    interface Env extends CollectorEnv {
      /** A service binding to this Worker's TrustedIngest entrypoint, as another Worker would have. */
      readonly ANALYTICS: Fetcher;
    }
  }
}
