import type { Env as RouterEnv } from '../src/index.ts';

declare global {
  namespace Cloudflare {
    interface Env extends RouterEnv {}
  }
}
