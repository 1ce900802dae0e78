import { recordAudit } from './audit.ts';
import { canSeeInto, requirePrivilege } from './auth/grants.ts';
import type { Caller, CatalogContext } from './catalog-context.ts';
import { CatalogError } from './errors.ts';
import { assertNamespace, formatNamespace, type Namespace, namespaceKey } from './identifiers.ts';
import { collectPage, type Paging } from './paging.ts';
import type { CatalogTransaction, NamespaceRecord } from './store/catalog-store.ts';

function noSuchNamespace(ns: Namespace): CatalogError {
  return new CatalogError('no-such-namespace', `Namespace does not exist: ${formatNamespace(ns)}`, {
    namespace: ns,
  });
}

/** The namespace record, or a `no-such-namespace` error. */
export function requireNamespace(tx: CatalogTransaction, ns: Namespace): NamespaceRecord {
  const record = tx.namespaces.get(ns);
  if (!record) throw noSuchNamespace(ns);
  return record;
}

/** `GET /v1/namespaces?parent=`: children of `parent` the caller can see into, paged. */
export function listNamespaces(
  ctx: CatalogContext,
  caller: Caller,
  parent: Namespace,
  paging: Paging,
): { namespaces: Namespace[]; nextPageToken?: string } {
  return ctx.store.transact((tx) => {
    if (parent.length > 0) {
      requirePrivilege(caller.principal, 'read', { namespace: parent });
      requireNamespace(tx, parent);
    }
    const page = collectPage(
      paging,
      (after, limit) => tx.namespaces.list(parent, { ...(after !== undefined ? { after } : {}), limit }),
      (r) => namespaceKey(r.namespace),
    );
    const namespaces = page.rows.map((r) => r.namespace).filter((ns) => canSeeInto(caller.principal, ns));
    return page.nextPageToken !== undefined
      ? { namespaces, nextPageToken: page.nextPageToken }
      : { namespaces };
  });
}

/** `POST /v1/namespaces`: needs write on the parent (the warehouse for top-level namespaces). */
export function createNamespace(
  ctx: CatalogContext,
  caller: Caller,
  ns: Namespace,
  properties: Record<string, string>,
): NamespaceRecord {
  assertNamespace(ns);
  requirePrivilege(caller.principal, 'write', { namespace: ns.slice(0, -1) });
  return ctx.store.transact((tx) => {
    if (tx.namespaces.get(ns)) {
      throw new CatalogError('namespace-exists', `Namespace already exists: ${formatNamespace(ns)}`, {
        namespace: ns,
      });
    }
    const record = { namespace: [...ns], properties: { ...properties } };
    tx.namespaces.put(record);
    audit(ctx, tx, caller, 'create-namespace', ns);
    return record;
  });
}

/** `GET /v1/namespaces/{ns}` and `HEAD`: the namespace's properties. */
export function loadNamespace(ctx: CatalogContext, caller: Caller, ns: Namespace): NamespaceRecord {
  requirePrivilege(caller.principal, 'read', { namespace: ns });
  return ctx.store.transact((tx) => requireNamespace(tx, ns));
}

/** `DELETE /v1/namespaces/{ns}`: admin only; refuses while tables or child namespaces remain. */
export function dropNamespace(ctx: CatalogContext, caller: Caller, ns: Namespace): void {
  requirePrivilege(caller.principal, 'admin', { namespace: ns });
  ctx.store.transact((tx) => {
    requireNamespace(tx, ns);
    if (tx.namespaces.hasChildren(ns)) {
      throw new CatalogError('namespace-not-empty', `Namespace ${formatNamespace(ns)} is not empty`, {
        namespace: ns,
      });
    }
    tx.namespaces.delete(ns);
    audit(ctx, tx, caller, 'drop-namespace', ns);
  });
}

/** The result of `POST /v1/namespaces/{ns}/properties`. */
export interface PropertiesUpdateResult {
  readonly updated: string[];
  readonly removed: string[];
  readonly missing: string[];
}

/** `POST /v1/namespaces/{ns}/properties`: 422 when a key is both set and removed. */
export function updateNamespaceProperties(
  ctx: CatalogContext,
  caller: Caller,
  ns: Namespace,
  removals: readonly string[],
  updates: Readonly<Record<string, string>>,
): PropertiesUpdateResult {
  requirePrivilege(caller.principal, 'write', { namespace: ns });
  const both = removals.filter((k) => Object.hasOwn(updates, k));
  if (both.length > 0) {
    throw new CatalogError('unprocessable', `Properties cannot be both set and removed: ${both.join(', ')}`, {
      keys: both,
    });
  }
  return ctx.store.transact((tx) => {
    const record = requireNamespace(tx, ns);
    const properties = { ...record.properties, ...updates };
    const removed: string[] = [];
    const missing: string[] = [];
    for (const key of removals) {
      if (Object.hasOwn(properties, key)) {
        delete properties[key];
        removed.push(key);
      } else {
        missing.push(key);
      }
    }
    tx.namespaces.put({ namespace: record.namespace, properties });
    audit(
      ctx,
      tx,
      caller,
      'update-namespace-properties',
      ns,
      JSON.stringify({ set: Object.keys(updates), removed }),
    );
    return { updated: Object.keys(updates), removed, missing };
  });
}

function audit(
  ctx: CatalogContext,
  tx: CatalogTransaction,
  caller: Caller,
  action: 'create-namespace' | 'drop-namespace' | 'update-namespace-properties',
  ns: Namespace,
  detail?: string,
): void {
  recordAudit(ctx, tx, caller, action, formatNamespace(ns), detail);
}
