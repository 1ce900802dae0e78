import type { Expected } from './fixture/engine-fixture.ts';

declare global {
  namespace Cloudflare {
    interface Env {
      QUERY_ENGINE_URL: string;
      ANALYTICS_QUERY_KEY: string;
      QUERY_PUBLIC: string;
      EXPECTED: Expected;
      CONTRACT_SDL: string;
    }
  }
}
