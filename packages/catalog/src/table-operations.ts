import { applyCommit, createTableUpdates, type TableMetadata } from '@analytics/iceberg';
import { recordAudit } from './audit.ts';
import { isAllowed, requirePrivilege } from './auth/grants.ts';
import type { Caller, CatalogContext } from './catalog-context.ts';
import { withEngineErrors } from './engine-errors.ts';
import { CatalogError } from './errors.ts';
import { freshTableDefinition } from './fresh-table.ts';
import { formatTable, type Namespace, type TableIdentifier } from './identifiers.ts';
import { nextMetadataLocation } from './metadata-files.ts';
import { requireNamespace } from './namespace-operations.ts';
import { resolveObject } from './object-locations.ts';
import { collectPage, type Paging } from './paging.ts';
import type { CreateTableRequest } from './requests.ts';
import type { CatalogTransaction, TablePointer } from './store/catalog-store.ts';

function target(id: TableIdentifier) {
  return { namespace: id.namespace, table: id.name };
}

/** A `no-such-table` error in the reference wording. */
export function noSuchTable(id: TableIdentifier): CatalogError {
  return new CatalogError('no-such-table', `Table does not exist: ${formatTable(id)}`, {
    table: formatTable(id),
  });
}

function tableExists(id: TableIdentifier): CatalogError {
  return new CatalogError('table-exists', `Table already exists: ${formatTable(id)}`, {
    table: formatTable(id),
  });
}

/** The pointer, or `no-such-table`. */
export function requireTable(tx: CatalogTransaction, id: TableIdentifier): TablePointer {
  const pointer = tx.tables.get(id);
  if (!pointer) throw noSuchTable(id);
  return pointer;
}

/** `GET /v1/namespaces/{ns}/tables`: the tables of a namespace the caller may read, paged. */
export function listTables(
  ctx: CatalogContext,
  caller: Caller,
  ns: Namespace,
  paging: Paging,
): { identifiers: TableIdentifier[]; nextPageToken?: string } {
  return ctx.store.transact((tx) => {
    requireNamespace(tx, ns);
    const page = collectPage(
      paging,
      (after, limit) => tx.tables.list(ns, { ...(after !== undefined ? { after } : {}), limit }),
      (p) => p.identifier.name,
    );
    const identifiers = page.rows
      .map((p) => p.identifier)
      .filter((id) => isAllowed(caller.principal, 'read', target(id)));
    if (identifiers.length === 0 && page.rows.length > 0)
      requirePrivilege(caller.principal, 'read', { namespace: ns });
    return page.nextPageToken !== undefined
      ? { identifiers, nextPageToken: page.nextPageToken }
      : { identifiers };
  });
}

/** Where a table goes when the request names no location: the namespace's `location`, else warehouse/ns/table. */
export function defaultTableLocation(
  ctx: CatalogContext,
  nsProperties: Readonly<Record<string, string>>,
  id: TableIdentifier,
): string {
  const base = nsProperties.location?.replace(/\/+$/, '');
  if (base) return `${base}/${id.name}`;
  return [ctx.warehouse.location.replace(/\/+$/, ''), ...id.namespace, id.name].join('/');
}

/**
 * `POST /v1/namespaces/{ns}/tables`. A staged create returns metadata without
 * storing anything (the client commits it later with `assert-create`);
 * otherwise the first metadata file is written, then the pointer is set.
 */
export async function createTable(
  ctx: CatalogContext,
  caller: Caller,
  ns: Namespace,
  request: CreateTableRequest,
): Promise<{ metadataLocation?: string; metadata: TableMetadata }> {
  const id = { namespace: ns, name: request.name };
  requirePrivilege(caller.principal, 'write', target(id));
  const nsProperties = ctx.store.transact((tx) => {
    const record = requireNamespace(tx, ns);
    if (tx.tables.get(id)) throw tableExists(id);
    return record.properties;
  });
  const location = (request.location ?? defaultTableLocation(ctx, nsProperties, id)).replace(/\/+$/, '');
  resolveObject(ctx.buckets, `${location}/metadata`);
  const metadata = withEngineErrors(() => {
    const fresh = freshTableDefinition(request.schema, request.spec, request.sortOrder);
    const updates = createTableUpdates({
      uuid: ctx.newUuid(),
      location,
      schema: fresh.schema,
      ...(fresh.spec ? { spec: fresh.spec } : {}),
      ...(fresh.sortOrder ? { sortOrder: fresh.sortOrder } : {}),
      properties: request.stageCreate
        ? { ...request.properties, 'created-at': new Date(ctx.nowMs()).toISOString() }
        : request.properties,
    });
    return applyCommit(undefined, [{ type: 'assert-create' }], updates, {
      now: ctx.nowMs,
      newUuid: ctx.newUuid,
    });
  });
  if (request.stageCreate) return { metadata };

  const metadataLocation = nextMetadataLocation(metadata, undefined, ctx.newUuid());
  await ctx.files.write(metadataLocation, metadata);
  ctx.store.transact((tx) => {
    requireNamespace(tx, ns);
    if (tx.tables.get(id)) throw tableExists(id);
    tx.tables.put({ identifier: id, metadataLocation, updatedAtMs: ctx.nowMs() });
    recordAudit(ctx, tx, caller, 'create-table', formatTable(id), metadataLocation);
  });
  return { metadataLocation, metadata };
}

/** `GET /v1/namespaces/{ns}/tables/{table}`: the current pointer and metadata. */
export async function loadTable(
  ctx: CatalogContext,
  caller: Caller,
  id: TableIdentifier,
): Promise<{ metadataLocation: string; metadata: TableMetadata }> {
  requirePrivilege(caller.principal, 'read', target(id));
  const pointer = ctx.store.transact((tx) => requireTable(tx, id));
  return {
    metadataLocation: pointer.metadataLocation,
    metadata: await ctx.files.read(pointer.metadataLocation),
  };
}

/** `HEAD /v1/namespaces/{ns}/tables/{table}`. */
export function tableExistsCheck(ctx: CatalogContext, caller: Caller, id: TableIdentifier): void {
  requirePrivilege(caller.principal, 'read', target(id));
  ctx.store.transact((tx) => requireTable(tx, id));
}

/**
 * `DELETE /v1/namespaces/{ns}/tables/{table}`: admin only. The pointer goes
 * first (atomically); with `purge`, every object under the table's location is
 * then deleted. A failed purge leaves orphan files, never a half-dropped table.
 */
export async function dropTable(
  ctx: CatalogContext,
  caller: Caller,
  id: TableIdentifier,
  purge: boolean,
): Promise<void> {
  requirePrivilege(caller.principal, 'admin', target(id));
  const pointer = ctx.store.transact((tx) => {
    const p = requireTable(tx, id);
    tx.tables.delete(id);
    recordAudit(ctx, tx, caller, purge ? 'purge-table' : 'drop-table', formatTable(id), p.metadataLocation);
    return p;
  });
  if (!purge) return;
  const metadata = await ctx.files.read(pointer.metadataLocation).catch(() => undefined);
  const location = metadata?.location ?? pointer.metadataLocation.replace(/\/metadata\/[^/]*$/, '');
  const { store, key } = resolveObject(ctx.buckets, `${location.replace(/\/+$/, '')}/`);
  const keys: string[] = [];
  for await (const object of store.list(key)) keys.push(object.key);
  for (let i = 0; i < keys.length; i += 1000) await store.delete(keys.slice(i, i + 1000));
}

/** `POST /v1/tables/rename`: admin on the source table, write on the destination namespace. */
export function renameTable(
  ctx: CatalogContext,
  caller: Caller,
  source: TableIdentifier,
  destination: TableIdentifier,
): void {
  requirePrivilege(caller.principal, 'admin', target(source));
  requirePrivilege(caller.principal, 'write', target(destination));
  ctx.store.transact((tx) => {
    requireTable(tx, source);
    requireNamespace(tx, destination.namespace);
    if (tx.tables.get(destination)) throw tableExists(destination);
    tx.tables.rename(source, destination);
    recordAudit(ctx, tx, caller, 'rename-table', formatTable(source), formatTable(destination));
  });
}

/** `POST /v1/namespaces/{ns}/register`: points a new table at an existing metadata file. */
export async function registerTable(
  ctx: CatalogContext,
  caller: Caller,
  ns: Namespace,
  name: string,
  metadataLocation: string,
  overwrite: boolean,
): Promise<{ metadataLocation: string; metadata: TableMetadata }> {
  const id = { namespace: ns, name };
  requirePrivilege(caller.principal, overwrite ? 'admin' : 'write', target(id));
  ctx.store.transact((tx) => {
    requireNamespace(tx, ns);
    if (!overwrite && tx.tables.get(id)) throw tableExists(id);
  });
  const metadata = await ctx.files.read(metadataLocation);
  ctx.store.transact((tx) => {
    requireNamespace(tx, ns);
    if (!overwrite && tx.tables.get(id)) throw tableExists(id);
    tx.tables.put({ identifier: id, metadataLocation, updatedAtMs: ctx.nowMs() });
    recordAudit(ctx, tx, caller, 'register-table', formatTable(id), metadataLocation);
  });
  return { metadataLocation, metadata };
}
