import { WorkerEntrypoint } from 'cloudflare:workers';
import type { CatalogEnv } from './catalog-env.ts';

export { CatalogDurableObject } from './catalog-durable-object.ts';

/**
 * The catalog Worker: forwards every request to the warehouse's Catalog
 * Durable Object, and takes R2 operation reports from the other services over
 * RPC (`env.CATALOG_SERVICE.recordOperations(...)` through a service binding).
 */
export default class CatalogWorker extends WorkerEntrypoint<CatalogEnv> {
  #catalog() {
    return this.env.CATALOG.get(this.env.CATALOG.idFromName(this.env.WAREHOUSE ?? 'analytics'));
  }

  override fetch(request: Request): Promise<Response> {
    return this.#catalog().fetch(request);
  }

  /** Counts R2 operations `service` made (for `/v1/costs`). */
  async recordOperations(service: string, classA: number, classB: number): Promise<void> {
    await this.#catalog().recordOperations(service, classA, classB);
  }
}
