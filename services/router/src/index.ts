import { dashboardPage } from '@analytics/dashboard';
import { Hono } from 'hono';
import { DOC_SLUGS, docsPage } from './docs.ts';
import { routeFor, type ServiceBinding } from './routes.ts';
import { handleS3, type S3Env } from './s3.ts';

/** Bindings of the router (see wrangler.jsonc). */
export interface Env extends S3Env {
  SOURCE: R2Bucket;
  PROCESSED: R2Bucket;
  CATALOG_BUCKET: R2Bucket;
  COLLECTOR: Fetcher;
  API: Fetcher;
  HEALTH: Fetcher;
  MAINTENANCE: Fetcher;
  ASSETS: Fetcher;
  PUBLIC_URL: string;
}

/** Forwards a request to a service; a service that is down answers 503 instead of an exception. */
async function forward(env: Env, service: ServiceBinding, request: Request): Promise<Response> {
  try {
    return await env[service].fetch(request);
  } catch (err) {
    return Response.json(
      {
        error: {
          message: `service ${service.toLowerCase()} is unavailable: ${String(err)}`,
          type: 'ServiceUnavailable',
          code: 503,
        },
      },
      { status: 503 },
    );
  }
}

const app = new Hono<{ Bindings: Env }>();

app.get('/', (c) => c.html(dashboardPage()));
app.get('/docs', (c) => c.html(docsPage()));
app.get('/docs/:slug{[a-z]+\\.json}', async (c) => {
  const service = DOC_SLUGS[c.req.param('slug').replace(/\.json$/, '')];
  if (!service) return c.json({ error: { message: 'no such document', type: 'NotFound', code: 404 } }, 404);
  return forward(c.env, service, new Request(new URL('/openapi.json', c.req.url)));
});
app.get('/vendor/*', (c) => c.env.ASSETS.fetch(c.req.raw));
app.get('/tracker.js', (c) => c.env.ASSETS.fetch(c.req.raw));
app.get('/dashboard/*', (c) => c.env.ASSETS.fetch(c.req.raw));
app.all('/s3', (c) => handleS3(c.env, c.req.raw, (p) => c.executionCtx.waitUntil(p)));
app.all('/s3/*', (c) => handleS3(c.env, c.req.raw, (p) => c.executionCtx.waitUntil(p)));

app.all('*', (c) => {
  const service = routeFor(new URL(c.req.url).pathname);
  if (!service) {
    return c.json(
      {
        error: {
          message: `no route for ${c.req.method} ${new URL(c.req.url).pathname}`,
          type: 'NotFound',
          code: 404,
        },
      },
      404,
    );
  }
  return forward(c.env, service, c.req.raw);
});

/**
 * Ingest traffic is most of what the single origin carries: `POST /events`
 * goes straight to the collector, before the app's routing.
 */
export default {
  fetch(request: Request, env: Env, ctx: ExecutionContext): Response | Promise<Response> {
    const path = new URL(request.url).pathname;
    if (path === '/events' || path.startsWith('/events/')) return forward(env, 'COLLECTOR', request);
    return app.fetch(request, env, ctx);
  },
} satisfies ExportedHandler<Env>;
