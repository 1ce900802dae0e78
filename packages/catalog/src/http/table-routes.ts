import {
  zCommitTransactionBody,
  zCommitTransactionHeaders,
  zCreateTableBody,
  zCreateTableHeaders,
  zCreateTablePath,
  zDropTableHeaders,
  zDropTablePath,
  zDropTableQuery,
  zListTablesPath,
  zListTablesQuery,
  zListTablesResponse2,
  zLoadTableHeaders,
  zLoadTablePath,
  zLoadTableQuery,
  zLoadTableResponse,
  zRegisterTableBody,
  zRegisterTableHeaders,
  zRegisterTablePath,
  zRenameTableBody,
  zRenameTableHeaders,
  zReportMetricsBody,
  zReportMetricsPath,
  zTableExistsPath,
  zUpdateTableBody,
  zUpdateTableHeaders,
  zUpdateTablePath,
  zUpdateTableResponse,
} from '@analytics/generated/iceberg-rest-catalog/zod';
import { tableMetadataToJson } from '@analytics/iceberg';
import { contentJson } from 'chanfana';
import { z } from 'zod';
import type { CatalogContext } from '../catalog-context.ts';
import { commitTable, commitTransaction } from '../commit-operations.ts';
import { CatalogError } from '../errors.ts';
import { assertTableName, type TableIdentifier } from '../identifiers.ts';
import { loadTableResult, type SnapshotsMode } from '../load-table-result.ts';
import { parsePaging } from '../paging.ts';
import {
  parseCommitTable,
  parseCommitTransaction,
  parseCreateTable,
  parseRegisterTable,
  parseRenameTable,
  parseReportMetrics,
} from '../requests.ts';
import {
  createTable,
  dropTable,
  listTables,
  loadTable,
  registerTable,
  renameTable,
} from '../table-operations.ts';
import { type CatalogHandler, type DocumentedApp, documented, errorResponses } from './documented.ts';
import { jsonResponse, readJsonBody } from './json-body.ts';
import { namespaceParam } from './namespace-routes.ts';

function tableParam(namespace: string | undefined, table: string | undefined): TableIdentifier {
  assertTableName(table);
  return { namespace: namespaceParam(namespace), name: table };
}

function snapshotsMode(raw: string | undefined): SnapshotsMode {
  if (raw === undefined || raw === 'all') return 'all';
  if (raw === 'refs') return 'refs';
  throw new CatalogError('invalid-argument', `Invalid snapshots ${raw}: use all or refs`, {});
}

function wantsVendedCredentials(header: string | undefined): boolean {
  return (header ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .includes('vended-credentials');
}

function booleanQuery(raw: string | undefined, name: string): boolean {
  // PyIceberg sends Python's `True`/`False`.
  const value = raw?.toLowerCase();
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  throw new CatalogError('invalid-argument', `Invalid ${name} ${raw}: use true or false`, {});
}

const TAGS = ['Catalog API'];
const COMMON = ['400', '401', '403', '419', '503', '5XX'];
const COMMIT_ERRORS = ['400', '401', '403', '404', '409', '419', '500', '502', '503', '504', '5XX'];

/** Table routes: list, create (staged too), load, exists, commit, drop, rename, register, metrics, transactions. */
export function registerTableRoutes(app: DocumentedApp, ctx: CatalogContext): void {
  documented(
    app,
    'get',
    '/v1/namespaces/:namespace/tables',
    {
      tags: TAGS,
      operationId: 'listTables',
      summary: 'List the tables of a namespace',
      request: { params: zListTablesPath, query: zListTablesQuery },
      responses: {
        '200': { description: 'The tables.', ...contentJson(zListTablesResponse2) },
        ...errorResponses(...COMMON, '404'),
      },
    },
    (c) => {
      const result = listTables(
        ctx,
        c.get('caller'),
        namespaceParam(c.req.param('namespace')),
        parsePaging(c.req.query('pageToken'), c.req.query('pageSize')),
      );
      return jsonResponse({
        identifiers: result.identifiers,
        ...(result.nextPageToken !== undefined ? { 'next-page-token': result.nextPageToken } : {}),
      });
    },
  );

  documented(
    app,
    'post',
    '/v1/namespaces/:namespace/tables',
    {
      tags: TAGS,
      operationId: 'createTable',
      summary: 'Create a table, or stage its creation',
      request: {
        params: zCreateTablePath,
        headers: zCreateTableHeaders,
        body: { required: true, ...contentJson(zCreateTableBody) },
      },
      responses: { '200': loadTableResponse(), ...errorResponses(...COMMON, '404', '409') },
    },
    async (c) => {
      const request = parseCreateTable(await readJsonBody(c.req.raw));
      const created = await createTable(
        ctx,
        c.get('caller'),
        namespaceParam(c.req.param('namespace')),
        request,
      );
      return jsonResponse(
        loadTableResult(ctx, created.metadataLocation, created.metadata, {
          snapshots: 'all',
          vendCredentials: wantsVendedCredentials(c.req.header('x-iceberg-access-delegation')),
        }),
      );
    },
  );

  documented(
    app,
    'post',
    '/v1/namespaces/:namespace/register',
    {
      tags: TAGS,
      operationId: 'registerTable',
      summary: 'Register an existing metadata file as a table',
      request: {
        params: zRegisterTablePath,
        headers: zRegisterTableHeaders,
        body: { required: true, ...contentJson(zRegisterTableBody) },
      },
      responses: { '200': loadTableResponse(), ...errorResponses(...COMMON, '404', '409') },
    },
    async (c) => {
      const request = parseRegisterTable(await readJsonBody(c.req.raw));
      const registered = await registerTable(
        ctx,
        c.get('caller'),
        namespaceParam(c.req.param('namespace')),
        request.name,
        request.metadataLocation,
        request.overwrite,
      );
      return jsonResponse(
        loadTableResult(ctx, registered.metadataLocation, registered.metadata, {
          snapshots: 'all',
          vendCredentials: wantsVendedCredentials(c.req.header('x-iceberg-access-delegation')),
        }),
      );
    },
  );

  const loadOrExists: CatalogHandler = async (c) => {
    const id = tableParam(c.req.param('namespace'), c.req.param('table'));
    const mode = snapshotsMode(c.req.query('snapshots'));
    const loaded = await loadTable(ctx, c.get('caller'), id);
    if (c.req.method === 'HEAD') return new Response(null, { status: 204 });
    const etag = `W/"${await digest(`${loaded.metadataLocation}|${mode}`)}"`;
    if (c.req.header('if-none-match') === etag) return new Response(null, { status: 304, headers: { etag } });
    return jsonResponse(
      loadTableResult(ctx, loaded.metadataLocation, loaded.metadata, {
        snapshots: mode,
        vendCredentials: wantsVendedCredentials(c.req.header('x-iceberg-access-delegation')),
      }),
      200,
      { etag },
    );
  };
  documented(
    app,
    'get',
    '/v1/namespaces/:namespace/tables/:table',
    {
      tags: TAGS,
      operationId: 'loadTable',
      summary: 'Load a table',
      request: { params: zLoadTablePath, headers: zLoadTableHeaders, query: zLoadTableQuery },
      responses: {
        '200': loadTableResponse(),
        '304': { description: 'Not modified since the ETag in If-None-Match.' },
        ...errorResponses(...COMMON, '404'),
      },
    },
    loadOrExists,
  );
  documented(
    app,
    'head',
    '/v1/namespaces/:namespace/tables/:table',
    {
      tags: TAGS,
      operationId: 'tableExists',
      summary: 'Check that a table exists',
      request: { params: zTableExistsPath },
      responses: { '204': { description: 'It exists.' }, ...errorResponses(...COMMON, '404') },
    },
    loadOrExists,
  );

  documented(
    app,
    'post',
    '/v1/namespaces/:namespace/tables/:table',
    {
      tags: TAGS,
      operationId: 'updateTable',
      summary: 'Commit requirements and updates to a table',
      request: {
        params: zUpdateTablePath,
        headers: zUpdateTableHeaders,
        body: { required: true, ...contentJson(zUpdateTableBody) },
      },
      responses: {
        '200': {
          description: 'The new metadata and its location.',
          headers: z.object({ etag: z.string().optional() }),
          ...contentJson(zUpdateTableResponse),
        },
        ...errorResponses(...COMMIT_ERRORS),
      },
    },
    async (c) => {
      const id = tableParam(c.req.param('namespace'), c.req.param('table'));
      const change = parseCommitTable(await readJsonBody(c.req.raw));
      const result = await commitTable(ctx, c.get('caller'), id, change);
      return jsonResponse({
        'metadata-location': result.metadataLocation,
        metadata: tableMetadataToJson(result.metadata),
      });
    },
  );

  documented(
    app,
    'delete',
    '/v1/namespaces/:namespace/tables/:table',
    {
      tags: TAGS,
      operationId: 'dropTable',
      summary: 'Drop a table, optionally purging its files',
      request: { params: zDropTablePath, headers: zDropTableHeaders, query: zDropTableQuery },
      responses: { '204': { description: 'Dropped.' }, ...errorResponses(...COMMON, '404') },
    },
    async (c) => {
      const id = tableParam(c.req.param('namespace'), c.req.param('table'));
      await dropTable(
        ctx,
        c.get('caller'),
        id,
        booleanQuery(c.req.query('purgeRequested'), 'purgeRequested'),
      );
      return new Response(null, { status: 204 });
    },
  );

  documented(
    app,
    'post',
    '/v1/namespaces/:namespace/tables/:table/metrics',
    {
      tags: TAGS,
      operationId: 'reportMetrics',
      summary: 'Accept a scan or commit metrics report',
      request: { params: zReportMetricsPath, body: { required: true, ...contentJson(zReportMetricsBody) } },
      responses: { '204': { description: 'Accepted.' }, ...errorResponses(...COMMON, '404') },
    },
    async (c) => {
      const id = tableParam(c.req.param('namespace'), c.req.param('table'));
      parseReportMetrics(await readJsonBody(c.req.raw));
      await loadTable(ctx, c.get('caller'), id);
      return new Response(null, { status: 204 });
    },
  );

  documented(
    app,
    'post',
    '/v1/tables/rename',
    {
      tags: TAGS,
      operationId: 'renameTable',
      summary: 'Rename or move a table',
      request: { headers: zRenameTableHeaders, body: { required: true, ...contentJson(zRenameTableBody) } },
      responses: { '204': { description: 'Renamed.' }, ...errorResponses(...COMMON, '404', '406', '409') },
    },
    async (c) => {
      const request = parseRenameTable(await readJsonBody(c.req.raw));
      renameTable(ctx, c.get('caller'), request.source, request.destination);
      return new Response(null, { status: 204 });
    },
  );

  documented(
    app,
    'post',
    '/v1/transactions/commit',
    {
      tags: TAGS,
      operationId: 'commitTransaction',
      summary: 'Commit changes to several tables atomically',
      request: {
        headers: zCommitTransactionHeaders,
        body: { required: true, ...contentJson(zCommitTransactionBody) },
      },
      responses: { '204': { description: 'Every change landed.' }, ...errorResponses(...COMMIT_ERRORS) },
    },
    async (c) => {
      const changes = parseCommitTransaction(await readJsonBody(c.req.raw));
      await commitTransaction(ctx, c.get('caller'), changes);
      return new Response(null, { status: 204 });
    },
  );
}

function loadTableResponse() {
  return {
    description: "The table's metadata, its location and per-table configuration.",
    ...contentJson(zLoadTableResponse),
  };
}

async function digest(text: string): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return [...bytes.slice(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
