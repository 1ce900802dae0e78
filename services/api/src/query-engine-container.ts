import { DurableObject } from 'cloudflare:workers';

/** Settings the container needs, from the API Worker's vars and secrets. */
export interface ContainerEnv {
  readonly CATALOG_URL?: string;
  readonly CATALOG_CREDENTIAL?: string;
  readonly S3_ENDPOINT?: string;
  readonly S3_ACCESS_KEY_ID?: string;
  readonly S3_SECRET_ACCESS_KEY?: string;
}

const PORT = 8080;

/**
 * The query engine (services/query-engine/Dockerfile) as a Cloudflare
 * Container: a Durable Object whose `ctx.container` runs the image. The API
 * Worker forwards engine calls here when `QUERY_ENGINE_CONTAINER` is bound
 * (wrangler.containers.jsonc); one named instance keeps the disk cache and
 * rollups warm. Not exercised by the local tests (no container runtime).
 */
export class QueryEngineContainer extends DurableObject<ContainerEnv> {
  override async fetch(request: Request): Promise<Response> {
    const container = this.ctx.container;
    if (!container) return new Response('This Durable Object has no container configured.', { status: 500 });
    if (!container.running) {
      container.start({
        enableInternet: true,
        env: {
          QUERY_ENGINE_PORT: String(PORT),
          CATALOG_URL: this.env.CATALOG_URL ?? '',
          CATALOG_CREDENTIAL: this.env.CATALOG_CREDENTIAL ?? '',
          S3_ENDPOINT: this.env.S3_ENDPOINT ?? '',
          S3_ACCESS_KEY_ID: this.env.S3_ACCESS_KEY_ID ?? '',
          S3_SECRET_ACCESS_KEY: this.env.S3_SECRET_ACCESS_KEY ?? '',
        },
      });
    }
    // The process needs a moment to listen after a cold start: retry connection errors briefly.
    for (let attempt = 0; ; attempt++) {
      try {
        // The cast bridges the DOM and workers-types `Request` declarations (both are in the lib set).
        return await container.getTcpPort(PORT).fetch(request.clone() as unknown as Request);
      } catch (e) {
        if (attempt >= 40) throw e;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  }
}
