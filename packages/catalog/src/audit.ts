import type { Caller, CatalogContext } from './catalog-context.ts';
import type { AuditAction, CatalogTransaction } from './store/catalog-store.ts';

/** Appends one audit record inside the transaction that makes the change. */
export function recordAudit(
  ctx: CatalogContext,
  tx: CatalogTransaction,
  caller: Caller,
  action: AuditAction,
  target: string,
  detail?: string,
): void {
  tx.journal.append({
    timeMs: ctx.nowMs(),
    principal: caller.principal.name,
    action,
    target,
    requestId: caller.requestId,
    ...(detail !== undefined ? { detail } : {}),
  });
}
