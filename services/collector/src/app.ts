import { fromHono } from 'chanfana';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import type { Env } from './env.ts';
import { handleIngest, IngestRoute } from './ingest-route.ts';
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
  hono.onError((error, c) => c.json(...unavailable(error)));
  return {
    /**
     * `POST /events` goes straight to its handler, the rest through hono and
     * chanfana: routing, middleware and the route instance cost about as much
     * CPU per request as reading a 100-event body. The answers are the same
     * either way (CORS header and 503 included; tests post through both).
     */
    fetch(request: Request, env: Env, ctx: ExecutionContext): Response | Promise<Response> {
      if (request.method === 'POST' && pathOf(request.url) === '/events')
        return ingestDirect(request, env, options.trusted);
      return app.fetch(request, env, ctx);
    },
    /** The chanfana app (its OpenAPI document and every route). */
    app,
  };
}

async function ingestDirect(request: Request, env: Env, trusted: boolean): Promise<Response> {
  let response: Response;
  try {
    response = await handleIngest(request, env, trusted);
  } catch (error) {
    response = Response.json(...unavailable(error));
  }
  // What `eventsCors` adds to an answer that is not a preflight.
  if (!trusted) response.headers.set('access-control-allow-origin', '*');
  return response;
}

/** Storing failed (a buffer unreachable): nothing was acknowledged, so the sender may retry as is. */
function unavailable(error: unknown): [{ error: { kind: 'unavailable'; message: string } }, { status: 503 }] {
  console.error('collector error', error);
  const message = error instanceof Error ? error.message : String(error);
  return [
    { error: { kind: 'unavailable', message: `events not stored, retry: ${message}` } },
    { status: 503 },
  ];
}

/** The path of an absolute URL, without parsing the rest of it. */
function pathOf(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  if (start < 0) return '/';
  const query = url.indexOf('?', start);
  return query < 0 ? url.slice(start) : url.slice(start, query);
}
