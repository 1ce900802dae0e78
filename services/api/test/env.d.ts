import type { Expected } from './fixture/engine-fixture.ts';

declare global {
  namespace Cloudflare {
    interface Env {
      QUERY_ENGINE_URL: string;
      EXPECTED: Expected;
      CONTRACT_SDL: string;
    }
  }
}
