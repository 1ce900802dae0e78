/** Bindings of the test Worker (vitest.workers.config.ts). */
declare namespace Cloudflare {
  interface Env {
    BUCKET: R2Bucket;
  }
}
