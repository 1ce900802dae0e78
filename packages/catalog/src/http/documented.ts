import { zIcebergErrorResponse } from '@analytics/generated/iceberg-rest-catalog/zod';
import { contentJson, type HonoOpenAPIRouterType, OpenAPIRoute, type OpenAPIRouteSchema } from 'chanfana';
import type { Context } from 'hono';
import type { CatalogEnv } from './catalog-app.ts';

/** The chanfana-wrapped app the catalog's routes are registered on. */
export type DocumentedApp = HonoOpenAPIRouterType<CatalogEnv>;

/** A route handler: the catalog parses bodies itself (lossless JSON), so chanfana only documents. */
export type CatalogHandler = (c: Context<CatalogEnv>) => Response | Promise<Response>;

/** The error responses of contracts/iceberg-rest-catalog.yaml, by status (all `IcebergErrorResponse`). */
const ERROR_DESCRIPTIONS: Record<string, string> = {
  '400': 'Malformed request (BadRequestException or IllegalArgumentException).',
  '401': 'Missing, malformed or expired bearer token (NotAuthorizedException).',
  '403': 'The principal lacks the privilege (ForbiddenException).',
  '404': 'The namespace or table does not exist.',
  '406': 'Unsupported operation.',
  '409': 'Conflict: already exists, not empty, or a failed commit requirement.',
  '419': 'Authentication timeout.',
  '422': 'Unprocessable entity.',
  '500': 'Commit state unknown.',
  '502': 'Commit state unknown.',
  '503': 'Service unavailable.',
  '504': 'Commit state unknown.',
  '5XX': 'Server error.',
};

/** Error responses for the given statuses, as the contract declares them. */
export function errorResponses(...statuses: string[]): OpenAPIRouteSchema['responses'] {
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: ERROR_DESCRIPTIONS[s] ?? 'Error.', ...contentJson(zIcebergErrorResponse) },
    ]),
  );
}

/**
 * Registers `handler` on `method path`, described by `schema` in the served
 * OpenAPI document. chanfana never validates these requests (the handler
 * never asks it to): bodies carry 63-bit ids and go through the lossless codec.
 */
export function documented(
  app: DocumentedApp,
  method: 'get' | 'post' | 'delete' | 'head',
  path: string,
  schema: OpenAPIRouteSchema,
  handler: CatalogHandler,
): void {
  class Route extends OpenAPIRoute {
    override schema = schema;
    override async handle(c: Context<CatalogEnv>): Promise<Response> {
      return handler(c);
    }
  }
  if (method === 'head') app.on('HEAD', path, Route);
  else app[method](path, Route);
}
