import type { PipelineEnv } from '../src/pipeline-state.ts';

// `env` of cloudflare:test is the pipeline's env, with the D1 database of wrangler.jsonc.
declare global {
  namespace Cloudflare {
    interface Env extends PipelineEnv {
      readonly APP_DB: D1Database;
    }
  }
}
