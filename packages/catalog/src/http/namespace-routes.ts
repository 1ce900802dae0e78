import {
  zCreateNamespaceBody,
  zCreateNamespaceHeaders,
  zCreateNamespaceResponse2,
  zDropNamespaceHeaders,
  zDropNamespacePath,
  zListNamespacesQuery,
  zListNamespacesResponse2,
  zLoadNamespaceMetadataPath,
  zLoadNamespaceMetadataResponse,
  zNamespaceExistsPath,
  zUpdatePropertiesBody,
  zUpdatePropertiesHeaders,
  zUpdatePropertiesPath,
  zUpdatePropertiesResponse,
} from '@analytics/generated/iceberg-rest-catalog/zod';
import { contentJson } from 'chanfana';
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
import { type CatalogHandler, type DocumentedApp, documented, errorResponses } from './documented.ts';
import { jsonResponse, readJsonBody } from './json-body.ts';

/** The `{namespace}` path parameter as levels. */
export function namespaceParam(raw: string | undefined): Namespace {
  return parseNamespacePath(raw ?? '');
}

const TAGS = ['Catalog API'];
const COMMON = ['400', '401', '403', '419', '503', '5XX'];

/** Namespace routes of the REST spec: list, create, load, exists (HEAD), drop, update properties. */
export function registerNamespaceRoutes(app: DocumentedApp, ctx: CatalogContext): void {
  documented(
    app,
    'get',
    '/v1/namespaces',
    {
      tags: TAGS,
      operationId: 'listNamespaces',
      summary: 'List namespaces, optionally under a parent',
      request: { query: zListNamespacesQuery },
      responses: {
        '200': { description: 'The namespaces.', ...contentJson(zListNamespacesResponse2) },
        ...errorResponses(...COMMON, '404'),
      },
    },
    (c) => {
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
    },
  );

  documented(
    app,
    'post',
    '/v1/namespaces',
    {
      tags: TAGS,
      operationId: 'createNamespace',
      summary: 'Create a namespace',
      request: {
        headers: zCreateNamespaceHeaders,
        body: { required: true, ...contentJson(zCreateNamespaceBody) },
      },
      responses: {
        '200': { description: 'The namespace.', ...contentJson(zCreateNamespaceResponse2) },
        ...errorResponses(...COMMON, '406', '409'),
      },
    },
    async (c) => {
      const request = parseCreateNamespace(await readJsonBody(c.req.raw));
      const record = createNamespace(ctx, c.get('caller'), request.namespace, request.properties);
      return jsonResponse({ namespace: record.namespace, properties: record.properties });
    },
  );

  // Hono answers HEAD with the GET route; the handler tells the two apart by method.
  const loadOrExists: CatalogHandler = (c) => {
    const record = loadNamespace(ctx, c.get('caller'), namespaceParam(c.req.param('namespace')));
    if (c.req.method === 'HEAD') return new Response(null, { status: 204 });
    return jsonResponse({ namespace: record.namespace, properties: record.properties });
  };
  documented(
    app,
    'get',
    '/v1/namespaces/:namespace',
    {
      tags: TAGS,
      operationId: 'loadNamespaceMetadata',
      summary: 'Load a namespace and its properties',
      request: { params: zLoadNamespaceMetadataPath },
      responses: {
        '200': { description: 'The namespace.', ...contentJson(zLoadNamespaceMetadataResponse) },
        ...errorResponses(...COMMON, '404'),
      },
    },
    loadOrExists,
  );
  documented(
    app,
    'head',
    '/v1/namespaces/:namespace',
    {
      tags: TAGS,
      operationId: 'namespaceExists',
      summary: 'Check that a namespace exists',
      request: { params: zNamespaceExistsPath },
      responses: { '204': { description: 'It exists.' }, ...errorResponses(...COMMON, '404') },
    },
    loadOrExists,
  );

  documented(
    app,
    'delete',
    '/v1/namespaces/:namespace',
    {
      tags: TAGS,
      operationId: 'dropNamespace',
      summary: 'Drop an empty namespace',
      request: { params: zDropNamespacePath, headers: zDropNamespaceHeaders },
      responses: { '204': { description: 'Dropped.' }, ...errorResponses(...COMMON, '404', '409') },
    },
    (c) => {
      dropNamespace(ctx, c.get('caller'), namespaceParam(c.req.param('namespace')));
      return new Response(null, { status: 204 });
    },
  );

  documented(
    app,
    'post',
    '/v1/namespaces/:namespace/properties',
    {
      tags: TAGS,
      operationId: 'updateProperties',
      summary: 'Set and remove namespace properties',
      request: {
        params: zUpdatePropertiesPath,
        headers: zUpdatePropertiesHeaders,
        body: { required: true, ...contentJson(zUpdatePropertiesBody) },
      },
      responses: {
        '200': { description: 'What changed.', ...contentJson(zUpdatePropertiesResponse) },
        ...errorResponses(...COMMON, '404', '406', '422'),
      },
    },
    async (c) => {
      const request = parseUpdateNamespaceProperties(await readJsonBody(c.req.raw));
      const result = updateNamespaceProperties(
        ctx,
        c.get('caller'),
        namespaceParam(c.req.param('namespace')),
        request.removals,
        request.updates,
      );
      return jsonResponse(result);
    },
  );
}
