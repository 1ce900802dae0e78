import { applyCommit, type TableMetadata } from '@analytics/iceberg';
import { recordAudit } from './audit.ts';
import { requirePrivilege } from './auth/grants.ts';
import type { Caller, CatalogContext } from './catalog-context.ts';
import { withEngineErrors } from './engine-errors.ts';
import { CatalogError } from './errors.ts';
import { formatTable, type TableIdentifier } from './identifiers.ts';
import { nextMetadataLocation } from './metadata-files.ts';
import { requireNamespace } from './namespace-operations.ts';
import type { TableChange } from './requests.ts';
import { noSuchTable } from './table-operations.ts';

/** How often a commit re-applies its changes when another commit swapped the pointer first. */
export const MAX_COMMIT_ATTEMPTS = 8;

/** A change applied to the state read at `baseLocation`, ready to swap in. */
interface PreparedChange {
  readonly identifier: TableIdentifier;
  /** Pointer the change was computed from; undefined for a create. */
  readonly baseLocation: string | undefined;
  readonly base: TableMetadata | undefined;
  readonly metadata: TableMetadata;
  /** Undefined when nothing changed (no file written, no swap). */
  readonly newLocation: string | undefined;
}

/** The result of a single-table commit (`CommitTableResponse`). */
export interface CommitResult {
  readonly metadataLocation: string;
  readonly metadata: TableMetadata;
}

function isCreate(change: TableChange): boolean {
  return change.requirements.some((r) => r.type === 'assert-create');
}

async function prepare(
  ctx: CatalogContext,
  id: TableIdentifier,
  change: TableChange,
): Promise<PreparedChange> {
  const pointer = ctx.store.transact((tx) => {
    const p = tx.tables.get(id);
    if (!p && isCreate(change)) requireNamespace(tx, id.namespace);
    return p;
  });
  if (!pointer && !isCreate(change)) throw noSuchTable(id);
  const base = pointer ? await ctx.files.read(pointer.metadataLocation) : undefined;
  const metadata = withEngineErrors(() =>
    applyCommit(base, change.requirements, change.updates, {
      now: ctx.nowMs,
      newUuid: ctx.newUuid,
      ...(pointer ? { baseMetadataLocation: pointer.metadataLocation } : {}),
    }),
  );
  if (base !== undefined && metadata === base) {
    return {
      identifier: id,
      baseLocation: pointer?.metadataLocation,
      base,
      metadata,
      newLocation: undefined,
    };
  }
  const newLocation = nextMetadataLocation(metadata, pointer?.metadataLocation, ctx.newUuid());
  try {
    await ctx.files.write(newLocation, metadata);
  } catch (cause) {
    // Nothing was swapped, but the client cannot tell a lost write from a slow one.
    throw new CatalogError(
      'commit-state-unknown',
      `Failed to write metadata file ${newLocation}`,
      {},
      { cause },
    );
  }
  return { identifier: id, baseLocation: pointer?.metadataLocation, base, metadata, newLocation };
}

/** Metadata files the new metadata no longer lists, when the table asks for them to be deleted. */
function obsoleteMetadataFiles(change: PreparedChange): string[] {
  const m = change.metadata;
  if (change.base === undefined || change.baseLocation === undefined || change.newLocation === undefined)
    return [];
  if ((m.properties['write.metadata.delete-after-commit.enabled'] ?? 'false').toLowerCase() !== 'true')
    return [];
  const kept = new Set([change.newLocation, ...m.metadataLog.map((e) => e.metadataFile)]);
  const before = [...change.base.metadataLog.map((e) => e.metadataFile), change.baseLocation];
  return before.filter((f) => !kept.has(f));
}

/**
 * Applies table changes atomically: each change is applied to its table's
 * latest metadata and written as a new file, then one store transaction checks
 * that no pointer moved meanwhile and swaps them all. When another commit won
 * the race, the changes are re-applied to the new state (server-side retry:
 * they fail with 409 only if their requirements no longer hold).
 */
async function commitChanges(
  ctx: CatalogContext,
  caller: Caller,
  changes: ReadonlyArray<{ identifier: TableIdentifier; change: TableChange }>,
): Promise<PreparedChange[]> {
  const seen = new Set<string>();
  for (const { identifier } of changes) {
    const key = formatTable(identifier);
    if (seen.has(key)) {
      throw new CatalogError(
        'invalid-argument',
        `Invalid transaction: table ${key} is changed more than once`,
        {},
      );
    }
    seen.add(key);
    requirePrivilege(caller.principal, 'write', { namespace: identifier.namespace, table: identifier.name });
  }
  for (let attempt = 1; ; attempt++) {
    const prepared: PreparedChange[] = [];
    for (const { identifier, change } of changes) prepared.push(await prepare(ctx, identifier, change));
    const swapped = ctx.store.transact((tx) => {
      for (const p of prepared) {
        if (tx.tables.get(p.identifier)?.metadataLocation !== p.baseLocation) return false;
      }
      for (const p of prepared) {
        if (p.newLocation === undefined) continue;
        tx.tables.put({
          identifier: p.identifier,
          metadataLocation: p.newLocation,
          updatedAtMs: ctx.nowMs(),
        });
        recordAudit(
          ctx,
          tx,
          caller,
          p.baseLocation === undefined ? 'create-table' : 'commit-table',
          formatTable(p.identifier),
          p.newLocation,
        );
      }
      return true;
    });
    if (swapped) {
      const obsolete = prepared.flatMap(obsoleteMetadataFiles);
      if (obsolete.length > 0) await ctx.files.delete(obsolete).catch(() => undefined);
      return prepared;
    }
    // Lost the race: the files we wrote are orphans (never referenced); retry on the new state.
    await ctx.files
      .delete(prepared.flatMap((p) => (p.newLocation ? [p.newLocation] : [])))
      .catch(() => undefined);
    if (attempt >= MAX_COMMIT_ATTEMPTS) {
      throw new CatalogError('commit-failed', 'Commit failed: too many concurrent commits, please retry', {});
    }
  }
}

/** `POST /v1/namespaces/{ns}/tables/{table}`: one table's commit. */
export async function commitTable(
  ctx: CatalogContext,
  caller: Caller,
  id: TableIdentifier,
  change: TableChange,
): Promise<CommitResult> {
  if (change.identifier && formatTable(change.identifier) !== formatTable(id)) {
    throw new CatalogError(
      'invalid-argument',
      `Invalid commit: identifier ${formatTable(change.identifier)} does not match the path's table ${formatTable(id)}`,
      {},
    );
  }
  const [done] = await commitChanges(ctx, caller, [{ identifier: id, change }]);
  if (!done) throw new CatalogError('internal', 'Commit produced no result', {});
  return { metadataLocation: done.newLocation ?? done.baseLocation ?? '', metadata: done.metadata };
}

/** `POST /v1/transactions/commit`: all table changes land, or none do. */
export async function commitTransaction(
  ctx: CatalogContext,
  caller: Caller,
  changes: ReadonlyArray<TableChange & { identifier: TableIdentifier }>,
): Promise<void> {
  await commitChanges(
    ctx,
    caller,
    changes.map((change) => ({ identifier: change.identifier, change })),
  );
}
