import type { CatalogEnv } from '../src/catalog-env.ts';

declare global {
  namespace Cloudflare {
    interface Env extends CatalogEnv {}
  }
}
