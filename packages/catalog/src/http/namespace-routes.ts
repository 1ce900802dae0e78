import type { Hono } from 'hono';
import type { CatalogContext } from '../catalog-context.ts';
import { type Namespace, parseNamespacePath } from '../identifiers.ts';
import {
  createNamespace,
  dropNamespace,
  listNamespaces,
  loadNamespace,
  updateNamespaceProperties,
} from '../namespace-operations.ts';
import { parsePaging } from '../paging.ts';
import { parseCreateNamespace, parseUpdateNamespaceProperties } from '../requests.ts';
import type { CatalogEnv } from './catalog-app.ts';
import { jsonResponse, readJsonBody } from './json-body.ts';

/** The `{namespace}` path parameter as levels. */
export function namespaceParam(raw: string | undefined): Namespace {
  return parseNamespacePath(raw ?? '');
}

/** Namespace routes of the REST spec: list, create, load, exists (HEAD), drop, update properties. */
export function registerNamespaceRoutes(app: Hono<CatalogEnv>, ctx: CatalogContext): void {
  app.get('/v1/namespaces', (c) => {
    const parent = c.req.query('parent');
    const result = listNamespaces(
      ctx,
      c.get('caller'),
      parent ? parseNamespacePath(parent) : [],
      parsePaging(c.req.query('pageToken'), c.req.query('pageSize')),
    );
    return jsonResponse({
      namespaces: result.namespaces,
      ...(result.nextPageToken !== undefined ? { 'next-page-token': result.nextPageToken } : {}),
    });
  });

  app.post('/v1/namespaces', async (c) => {
    const request = parseCreateNamespace(await readJsonBody(c.req.raw));
    const record = createNamespace(ctx, c.get('caller'), request.namespace, request.properties);
    return jsonResponse({ namespace: record.namespace, properties: record.properties });
  });

  // Hono answers HEAD with the GET route; the method tells the two apart.
  app.get('/v1/namespaces/:namespace', (c) => {
    const record = loadNamespace(ctx, c.get('caller'), namespaceParam(c.req.param('namespace')));
    if (c.req.method === 'HEAD') return new Response(null, { status: 204 });
    return jsonResponse({ namespace: record.namespace, properties: record.properties });
  });

  app.delete('/v1/namespaces/:namespace', (c) => {
    dropNamespace(ctx, c.get('caller'), namespaceParam(c.req.param('namespace')));
    return new Response(null, { status: 204 });
  });

  app.post('/v1/namespaces/:namespace/properties', async (c) => {
    const request = parseUpdateNamespaceProperties(await readJsonBody(c.req.raw));
    const result = updateNamespaceProperties(
      ctx,
      c.get('caller'),
      namespaceParam(c.req.param('namespace')),
      request.removals,
      request.updates,
    );
    return jsonResponse(result);
  });
}
