import { fromHono } from 'chanfana';
import { Hono } from 'hono';
import type { Env } from './env.ts';
import { IngestRoute } from './ingest-route.ts';
import { registerOpsRoutes } from './ops-routes.ts';

/**
 * The collector's HTTP surface: `POST /events` (contracts/ingest.yaml), its
 * OpenAPI document at `/openapi.json` and docs at `/docs`. `trusted` is true
 * for the service-binding entrypoint, where no X-API-Key is needed.
 */
export function collectorApp(options: { trusted: boolean }) {
  const hono = new Hono<{ Bindings: Env; Variables: { trusted: boolean } }>();
  hono.use('*', async (c, next) => {
    c.set('trusted', options.trusted);
    await next();
  });
  const app = fromHono(hono, {
    openapiVersion: '3.1',
    docs_url: '/docs',
    openapi_url: '/openapi.json',
    schema: { info: { title: 'Analytics ingest API', version: '1.0.0' } },
  });
  app.registry.registerComponent('securitySchemes', 'ApiKey', {
    type: 'apiKey',
    in: 'header',
    name: 'X-API-Key',
    description:
      'The ingest key (ANALYTICS_API_KEY or COLLECTOR_API_KEYS). Not needed over a service binding, nor for projects that accept anonymous events (ANONYMOUS_PROJECTS).',
  });
  app.post('/events', IngestRoute);
  registerOpsRoutes(hono, options.trusted);
  hono.onError((error, c) => {
    console.error('collector error', error);
    // Storing failed (a buffer unreachable): nothing was acknowledged, so the sender may retry as is.
    return c.json(
      { error: { kind: 'unavailable', message: `events not stored, retry: ${error.message}` } },
      503,
    );
  });
  return app;
}
