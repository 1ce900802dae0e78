import {
  zListType,
  zMapType,
  zSchema,
  zStructField,
  zStructType,
  zType,
} from '@analytics/generated/iceberg-rest-catalog/zod';
import { zodToOpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { fromHono } from 'chanfana';
import { Hono } from 'hono';
import { type AuthSettings, authenticate } from '../auth/authenticate.ts';
import type { Caller, CatalogContext } from '../catalog-context.ts';
import { CatalogError } from '../errors.ts';
import { registerAuthRoutes } from './auth-routes.ts';
import { errorResponse } from './error-response.ts';
import { catalogMetrics, registerHealthRoutes } from './health-routes.ts';
import { registerNamespaceRoutes } from './namespace-routes.ts';
import { correctOpenApiDocument } from './openapi-document.ts';
import { type OpsOptions, registerAuditRoute, registerConfigRoute, registerCostRoute } from './ops-routes.ts';
import { registerTableRoutes } from './table-routes.ts';

const RECURSIVE_SCHEMAS = {
  Schema: zSchema,
  Type: zType,
  StructType: zStructType,
  StructField: zStructField,
  ListType: zListType,
  MapType: zMapType,
};

// The schema types are recursive (struct → field → type → struct). Naming the generated instances
// for the OpenAPI generator makes it emit $refs to components instead of recursing forever.
for (const [refId, schema] of Object.entries(RECURSIVE_SCHEMAS)) {
  if (!zodToOpenAPIRegistry.has(schema)) zodToOpenAPIRegistry.add(schema, { _internal: { refId } });
}

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
 * (`/v1/config`, `/v1/namespaces/...`), documented by chanfana at
 * `/openapi.json` and `/docs` (contracts/iceberg-rest-catalog.yaml). Also
 * `/v1/costs` (ops contract) and `/v1/audit`. Runtime-agnostic: the Durable
 * Object hosts it in workerd, tests call it in Node.
 */
export function createCatalogApp(options: CatalogAppOptions): Hono<CatalogEnv> {
  const hono = new Hono<CatalogEnv>();
  hono.onError((err) => errorResponse(err));
  hono.use('/openapi.json', async (c, next) => {
    await next();
    const doc = correctOpenApiDocument(await c.res.json());
    c.res = new Response(JSON.stringify(doc), { headers: { 'content-type': 'application/json' } });
  });
  const app = fromHono(hono, {
    openapiVersion: '3.1',
    docs_url: '/docs',
    openapi_url: '/openapi.json',
    passthroughErrors: true,
    schema: {
      info: { title: 'Iceberg REST catalog (analytics)', version: '1.0.0' },
      security: [{ OAuth2: ['catalog'] }, { BearerAuth: [] }],
    },
  });
  app.registry.registerComponent('securitySchemes', 'OAuth2', {
    type: 'oauth2',
    flows: { clientCredentials: { tokenUrl: '/v1/oauth/tokens', scopes: { catalog: 'Access the catalog' } } },
  });
  app.registry.registerComponent('securitySchemes', 'BearerAuth', { type: 'http', scheme: 'bearer' });

  registerHealthRoutes(hono, options.catalog, catalogMetrics());
  registerAuthRoutes(app, options.auth);
  registerCostRoute(hono, options.catalog, options.ops ?? {});
  hono.use('/v1/*', async (c, next) => {
    const principal = await authenticate(c.req.header('authorization'), options.auth);
    const requestId = c.req.header('x-request-id') ?? c.req.header('cf-ray') ?? options.catalog.newUuid();
    c.set('caller', { principal, requestId });
    await next();
  });
  registerConfigRoute(app, options.catalog);
  registerNamespaceRoutes(app, options.catalog);
  registerTableRoutes(app, options.catalog);
  registerAuditRoute(hono, options.catalog);
  hono.notFound((c) =>
    errorResponse(
      new CatalogError('not-found', `No route for ${c.req.method} ${new URL(c.req.url).pathname}`, {}),
    ),
  );
  return hono;
}
