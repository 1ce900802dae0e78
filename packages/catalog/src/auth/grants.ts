import { CatalogError } from '../errors.ts';
import type { Namespace } from '../identifiers.ts';

/** Privileges, each including the ones before it: read < write < admin. */
export type Privilege = 'read' | 'write' | 'admin';

const RANK: Record<Privilege, number> = { read: 1, write: 2, admin: 3 };

/**
 * One permission: a privilege on a namespace (and everything under it), or on
 * one table in it. `namespace: []` means the whole warehouse.
 */
export interface Grant {
  readonly namespace: Namespace;
  readonly table?: string;
  readonly privilege: Privilege;
}

/** An authenticated caller and what it may do. */
export interface Principal {
  readonly name: string;
  readonly grants: readonly Grant[];
}

/** What an operation touches: the warehouse (`[]`), a namespace, or a table in one. */
export interface Target {
  readonly namespace: Namespace;
  readonly table?: string;
}

function covers(grant: Grant, target: Target): boolean {
  if (grant.namespace.length > target.namespace.length) return false;
  if (!grant.namespace.every((level, i) => target.namespace[i] === level)) return false;
  if (grant.table === undefined) return true;
  return grant.namespace.length === target.namespace.length && grant.table === target.table;
}

/** True when some grant of the principal gives at least `privilege` on the target. */
export function isAllowed(principal: Principal, privilege: Privilege, target: Target): boolean {
  return principal.grants.some((g) => RANK[g.privilege] >= RANK[privilege] && covers(g, target));
}

/** True when the principal holds any grant inside the namespace (so it may see that the namespace exists). */
export function canSeeInto(principal: Principal, ns: Namespace): boolean {
  return (
    isAllowed(principal, 'read', { namespace: ns }) ||
    principal.grants.some((g) => ns.every((level, i) => g.namespace[i] === level))
  );
}

/** Throws a `forbidden` CatalogError unless the principal holds the privilege on the target. */
export function requirePrivilege(principal: Principal, privilege: Privilege, target: Target): void {
  if (isAllowed(principal, privilege, target)) return;
  const what =
    target.table !== undefined
      ? `table ${[...target.namespace, target.table].join('.')}`
      : target.namespace.length > 0
        ? `namespace ${target.namespace.join('.')}`
        : 'the warehouse';
  throw new CatalogError('forbidden', `Principal ${principal.name} lacks ${privilege} privilege on ${what}`, {
    principal: principal.name,
    privilege,
    target,
  });
}
