import { Hono } from 'hono';
import { type AuthSettings, authenticate } from '../auth/authenticate.ts';
import type { Principal } from '../auth/grants.ts';
import type { Caller, CatalogContext } from '../catalog-context.ts';
import { CatalogError } from '../errors.ts';
import { registerAuthRoutes } from './auth-routes.ts';
import { errorResponse } from './error-response.ts';
import { registerNamespaceRoutes } from './namespace-routes.ts';
import { type OpsOptions, registerCostRoute, registerOpsRoutes } from './ops-routes.ts';
import { registerTableRoutes } from './table-routes.ts';

/** Per-request values the routes read. */
export type CatalogEnv = { Variables: { caller: Caller } };

/** What the HTTP app needs: the catalog, authentication, and the ops surface's options. */
export interface CatalogAppOptions {
  readonly catalog: CatalogContext;
  readonly auth: AuthSettings;
  readonly ops?: OpsOptions;
}

/**
 * The Iceberg REST catalog as a Hono app, served without a prefix
 * (`/v1/config`, `/v1/namespaces/...`). Runtime-agnostic: the Durable Object
 * hosts it in workerd, tests call `app.request()` in Node.
 */
export function createCatalogApp(options: CatalogAppOptions): Hono<CatalogEnv> {
  const app = new Hono<CatalogEnv>();
  app.onError((err) => errorResponse(err));
  registerAuthRoutes(app, options.auth);
  registerCostRoute(app, options.catalog, options.ops ?? {});

  app.use('/v1/*', async (c, next) => {
    const principal: Principal = await authenticate(c.req.header('authorization'), options.auth);
    const requestId = c.req.header('x-request-id') ?? c.req.header('cf-ray') ?? options.catalog.newUuid();
    c.set('caller', { principal, requestId });
    await next();
  });

  registerNamespaceRoutes(app, options.catalog);
  registerTableRoutes(app, options.catalog);
  registerOpsRoutes(app, options.catalog, options.ops ?? {});
  app.notFound((c) =>
    errorResponse(
      new CatalogError('not-found', `No route for ${c.req.method} ${new URL(c.req.url).pathname}`, {}),
    ),
  );
  return app;
}
