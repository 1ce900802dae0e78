import { tableMetadataToJson } from '@analytics/iceberg';
import type { Hono } from 'hono';
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
import type { CatalogEnv } from './catalog-app.ts';
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
  if (raw === undefined || raw === 'false') return false;
  if (raw === 'true') return true;
  throw new CatalogError('invalid-argument', `Invalid ${name} ${raw}: use true or false`, {});
}

/** Table routes: list, create (staged too), load, exists, commit, drop, rename, register, metrics, transactions. */
export function registerTableRoutes(app: Hono<CatalogEnv>, ctx: CatalogContext): void {
  app.get('/v1/namespaces/:namespace/tables', (c) => {
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
  });

  app.post('/v1/namespaces/:namespace/tables', async (c) => {
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
  });

  app.post('/v1/namespaces/:namespace/register', async (c) => {
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
  });

  app.get('/v1/namespaces/:namespace/tables/:table', async (c) => {
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
  });

  app.post('/v1/namespaces/:namespace/tables/:table', async (c) => {
    const id = tableParam(c.req.param('namespace'), c.req.param('table'));
    const change = parseCommitTable(await readJsonBody(c.req.raw));
    const result = await commitTable(ctx, c.get('caller'), id, change);
    return jsonResponse({
      'metadata-location': result.metadataLocation,
      metadata: tableMetadataToJson(result.metadata),
    });
  });

  app.delete('/v1/namespaces/:namespace/tables/:table', async (c) => {
    const id = tableParam(c.req.param('namespace'), c.req.param('table'));
    await dropTable(ctx, c.get('caller'), id, booleanQuery(c.req.query('purgeRequested'), 'purgeRequested'));
    return new Response(null, { status: 204 });
  });

  app.post('/v1/namespaces/:namespace/tables/:table/metrics', async (c) => {
    const id = tableParam(c.req.param('namespace'), c.req.param('table'));
    parseReportMetrics(await readJsonBody(c.req.raw));
    await loadTable(ctx, c.get('caller'), id);
    return new Response(null, { status: 204 });
  });

  app.post('/v1/tables/rename', async (c) => {
    const request = parseRenameTable(await readJsonBody(c.req.raw));
    renameTable(ctx, c.get('caller'), request.source, request.destination);
    return new Response(null, { status: 204 });
  });

  app.post('/v1/transactions/commit', async (c) => {
    const changes = parseCommitTransaction(await readJsonBody(c.req.raw));
    await commitTransaction(ctx, c.get('caller'), changes);
    return new Response(null, { status: 204 });
  });
}

async function digest(text: string): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return [...bytes.slice(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
