import { fromHono } from 'chanfana';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import type { Env } from './env.ts';
import { IngestRoute } from './ingest-route.ts';
import { registerOpsRoutes } from './ops-routes.ts';

/**
 * CORS for `/events` on the public entrypoint: browser trackers post from the
 * sites they measure, other origins than the collector's. Any origin may send
 * (no cookies are involved: `*` never carries credentials); a preflight is
 * answered for keyed requests (`X-API-Key` is not a CORS-safelisted header)
 * and cached for a day, and every answer, errors included, is readable by the
 * page, so a tracker can tell a retryable failure from a rejection.
 */
const eventsCors = cors({
  origin: '*',
  allowMethods: ['POST'],
  allowHeaders: ['Content-Type', 'X-API-Key'],
  maxAge: 86_400,
});

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
  if (!options.trusted) hono.use('/events', eventsCors);
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
