/**
 * Imports one source into its Iceberg table, batch by batch. Each batch:
 *
 * 1. reads the source's cursor from the table (the newest snapshot this
 *    source committed: `tableCursor`), or the configured `initialCursor`;
 * 2. reads the rows after it (`ImportSource.readBatch`);
 * 3. creates the table on the first rows, adds columns the source gained
 *    (schema evolution, one schema commit), or stops on a type conflict;
 * 4. writes the rows as Parquet and commits one `append` snapshot whose
 *    summary carries the new cursor, guarded so that it only lands while the
 *    table's cursor is still the one the batch started from.
 *
 * Rows and cursor therefore land in one atomic commit: a run that dies before
 * it leaves the table as it was (the next run reads the same rows again), and
 * one that dies after it leaves the new cursor (the next run starts after
 * those rows). Two runs racing over one source cannot both commit.
 */
import type { ImportSourceResult } from '@analytics/generated/ops/types';
import {
  addColumn,
  commitSnapshot,
  createTable,
  currentSchema,
  type DataFile,
  EVENT_TABLE_PROPERTIES,
  type EvolvedSchema,
  formatIdentifier,
  IcebergError,
  isIcebergError,
  keyOf,
  type LoadedTable,
  type NestedField,
  type Schema,
  schemaChangeCommit,
  type TableEnv,
  type TableIdentifier,
  writeRows,
} from '@analytics/iceberg';
import { type SourceConfig, tableName } from './config.ts';
import {
  type Cursor,
  type CursorValue,
  cursorSummary,
  encodeCursorValue,
  SUMMARY_RUN,
  type TableCursor,
  tableCursor,
} from './cursor.ts';
import { ImportError, isImportError } from './errors.ts';
import type { ImportSource, SourceBatch, SourceColumn } from './sources/source.ts';
import { convertValue, describeType, fits, ValueConflict } from './type-mapping.ts';

/** The namespace every imported table lives in. */
export const IMPORT_NAMESPACE: readonly string[] = ['imports'];

/** Table properties that say where an imported table comes from (informational; the cursor is in snapshots). */
export const PROPERTY_SOURCE = 'analytics.import.source';
export const PROPERTY_KIND = 'analytics.import.kind';
export const PROPERTY_CURSOR_COLUMN = 'analytics.import.cursor-column';

/** What importing needs, passed in. */
export interface ImportDeps {
  readonly env: TableEnv;
  /** Creates the namespace if it does not exist (REST `POST /v1/namespaces`). */
  readonly ensureNamespace: (namespace: readonly string[]) => Promise<void>;
  /** Where new tables go: `<root>/imports/<table>`, e.g. `s3://analytics-source`. */
  readonly warehouseRoot: string;
  /** Recorded in every commit's summary (`analytics.import.run-id`). */
  readonly runId: string;
}

/** Progress after each committed batch. */
export type BatchProgress = (p: {
  source: string;
  batch: number;
  maxBatches: number;
  rows: number;
  cursor: string;
}) => void;

/** The identifier of a source's table. */
export function tableIdOf(source: SourceConfig): TableIdentifier {
  return { namespace: IMPORT_NAMESPACE, name: tableName(source) };
}

/** The configured `initialCursor` as a cursor value (integral numbers are integers). */
function initialCursorOf(source: SourceConfig): Cursor | undefined {
  const v = source.initialCursor;
  if (v === undefined) return undefined;
  const value: CursorValue = typeof v === 'number' && Number.isSafeInteger(v) ? BigInt(v) : v;
  return { value };
}

async function loadOrUndefined(env: TableEnv, id: TableIdentifier): Promise<LoadedTable | undefined> {
  try {
    return await env.catalog.loadTable(id);
  } catch (e) {
    if (isIcebergError(e, 'not-found')) return undefined;
    throw e;
  }
}

/** `cursor` as the run result shows it: the value's JSON text, and the key's after ` (key …)`. */
export function cursorText(c: Cursor | undefined): string | undefined {
  if (c === undefined) return undefined;
  return c.key === undefined
    ? encodeCursorValue(c.value)
    : `${encodeCursorValue(c.value)} (key ${encodeCursorValue(c.key)})`;
}

async function createImportTable(
  deps: ImportDeps,
  id: TableIdentifier,
  source: SourceConfig,
  columns: readonly SourceColumn[],
): Promise<LoadedTable> {
  const fields: NestedField[] = columns
    .filter((c) => c.type !== undefined)
    .map((c, i) => ({ id: i + 1, name: c.name, required: false, type: c.type! }));
  await deps.ensureNamespace(IMPORT_NAMESPACE);
  try {
    return await createTable(deps.env, id, {
      location: `${deps.warehouseRoot.replace(/\/+$/, '')}/${IMPORT_NAMESPACE.join('/')}/${id.name}`,
      schema: { schemaId: 0, fields },
      properties: {
        ...EVENT_TABLE_PROPERTIES,
        [PROPERTY_SOURCE]: source.name,
        [PROPERTY_KIND]: source.kind,
        [PROPERTY_CURSOR_COLUMN]: source.cursor,
      },
    });
  } catch (e) {
    // Another run created it first: use theirs.
    if (isIcebergError(e, 'already-exists')) return deps.env.catalog.loadTable(id);
    throw e;
  }
}

/** The columns to add and the conflicts, for a batch against the table's current schema. */
export function planColumns(
  schema: Schema,
  columns: readonly SourceColumn[],
): { add: SourceColumn[]; conflicts: string[] } {
  const add: SourceColumn[] = [];
  const conflicts: string[] = [];
  for (const c of columns) {
    if (c.type === undefined) continue;
    const field = schema.fields.find((f) => f.name === c.name);
    if (field === undefined) add.push(c);
    else if (!fits(c.type, field.type))
      conflicts.push(
        `column ${c.name} is ${describeType(field.type)} in the table but ${describeType(c.type)} at the source (${c.origin})`,
      );
  }
  return { add, conflicts };
}

/** Adds the source's new columns (optional, at the end) in one schema commit, retrying lost races. */
async function evolveSchema(
  deps: ImportDeps,
  id: TableIdentifier,
  loaded: LoadedTable,
  batch: SourceBatch,
): Promise<{ loaded: LoadedTable; added: string[] }> {
  for (let attempt = 1; ; attempt++) {
    const schema = currentSchema(loaded.metadata);
    const plan = planColumns(schema, batch.columns);
    if (plan.conflicts.length > 0)
      throw new ImportError(
        'type_conflict',
        `${formatIdentifier(id)}: ${plan.conflicts.join('; ')}. Nothing was imported; the table keeps its types (rename the column at the source, or rename or drop the table's column).`,
      );
    if (plan.add.length === 0) return { loaded, added: [] };
    let evolved: EvolvedSchema = { schema, lastColumnId: loaded.metadata.lastColumnId };
    for (const c of plan.add)
      evolved = addColumn(evolved.schema, evolved.lastColumnId, {
        name: c.name,
        type: c.type!,
        doc: `Added by the import pipeline (${c.origin})`,
      });
    const change = schemaChangeCommit(loaded.metadata, evolved);
    try {
      const committed = await deps.env.catalog.commitTable(id, change.requirements, change.updates);
      return { loaded: committed, added: plan.add.map((c) => c.name) };
    } catch (e) {
      // Another writer changed the schema first (or the answer was lost): reload and plan again.
      const retry = isIcebergError(e, 'commit-failed') || isIcebergError(e, 'commit-state-unknown');
      if (!retry || attempt >= 5) throw e;
      loaded = await deps.env.catalog.loadTable(id);
    }
  }
}

/** The batch's rows as values of the table's columns; a value that does not fit is a type conflict. */
function tableRows(
  id: TableIdentifier,
  schema: Schema,
  batch: SourceBatch,
  cursorColumn: string,
): Record<string, unknown>[] {
  return batch.rows.map((row) => {
    const out: Record<string, unknown> = {};
    for (const f of schema.fields) {
      const v = row[f.name];
      if (v === undefined || v === null) continue;
      try {
        out[f.name] = convertValue(v, f.type);
      } catch (e) {
        if (!(e instanceof ValueConflict)) throw e;
        const at = row[cursorColumn];
        throw new ImportError(
          'type_conflict',
          `${formatIdentifier(id)}: column ${f.name}: ${e.message} (row with ${cursorColumn} = ${typeof at === 'string' ? JSON.stringify(at) : String(at)}). Nothing of this batch was imported.`,
          { column: f.name },
        );
      }
    }
    return out;
  });
}

function sameState(a: TableCursor, b: TableCursor): boolean {
  if (a.state !== b.state) return false;
  return a.state !== 'found' || (b.state === 'found' && a.snapshotId === b.snapshotId);
}

async function deleteFiles(env: TableEnv, files: readonly DataFile[]): Promise<void> {
  if (files.length === 0) return;
  try {
    await env.io.store.delete(files.map((f) => keyOf(env.io, f.filePath)));
  } catch {
    // Left for orphan-file removal.
  }
}

/**
 * Imports up to `maxBatches` batches of one source. Never throws for a
 * source's own failure: the result says `failed`, with the kind and a
 * message, and keeps the batches committed before it.
 */
export async function importSource(
  deps: ImportDeps,
  config: SourceConfig,
  source: ImportSource,
  options: { maxBatches?: number; onBatch?: BatchProgress; nowMs?: () => number } = {},
): Promise<ImportSourceResult> {
  const now = options.nowMs ?? (() => Date.now());
  const started = now();
  const id = tableIdOf(config);
  const maxBatches = options.maxBatches ?? config.maxBatches;
  const result: {
    rows: number;
    batches: number;
    more: boolean;
    previous?: string;
    cursor?: string;
    snapshotId?: bigint;
    added: string[];
    notes: string[];
  } = { rows: 0, batches: 0, more: false, added: [], notes: [] };
  const done = (
    status: ImportSourceResult['status'],
    failure?: { kind: ImportSourceResult['error_kind']; message: string },
  ): ImportSourceResult => {
    const message = [failure?.message, ...result.notes].filter(Boolean).join('; ');
    return {
      source: config.name,
      kind: config.kind,
      table: formatIdentifier(id),
      status,
      rows: result.rows,
      batches: result.batches,
      more: result.more,
      ...(result.previous === undefined ? {} : { previous_cursor: result.previous }),
      ...(result.cursor === undefined ? {} : { cursor: result.cursor }),
      ...(result.snapshotId === undefined ? {} : { snapshot_id: result.snapshotId.toString() }),
      ...(result.added.length > 0 ? { columns_added: result.added } : {}),
      duration_ms: now() - started,
      ...(failure ? { error_kind: failure.kind } : {}),
      ...(message ? { message } : {}),
    };
  };

  try {
    for (let batchNo = 1; batchNo <= maxBatches; batchNo++) {
      let loaded = await loadOrUndefined(deps.env, id);
      const owner = loaded?.metadata.properties[PROPERTY_SOURCE];
      if (owner !== undefined && owner !== config.name)
        throw new ImportError(
          'config',
          `${formatIdentifier(id)} was created by source ${owner}; give ${config.name} another table`,
        );
      const state: TableCursor = loaded ? tableCursor(loaded.metadata, config.name) : { state: 'empty' };
      if (state.state === 'lost')
        throw new ImportError(
          'cursor_lost',
          `${formatIdentifier(id)} has ${state.records} rows but no snapshot in its history carries ${config.name}'s cursor (expired?); importing again would duplicate rows. Set initialCursor to the last imported ${config.cursor} and import into a new table, or restore the table`,
        );
      const after = state.state === 'found' ? state.cursor : initialCursorOf(config);
      if (batchNo === 1) result.previous = cursorText(after);

      const batch = await source.readBatch(after, config.batchSize);
      for (const note of batch.notes) if (!result.notes.includes(note)) result.notes.push(note);
      result.more = batch.more;
      if (batch.rows.length === 0 || batch.cursor === undefined) {
        result.more = false;
        break;
      }

      if (loaded === undefined) loaded = await createImportTable(deps, id, config, batch.columns);
      const evolved = await evolveSchema(deps, id, loaded, batch);
      loaded = evolved.loaded;
      result.added.push(...evolved.added);
      const rows = tableRows(id, currentSchema(loaded.metadata), batch, config.cursor);

      const files = await writeRows(deps.env, loaded.metadata, rows);
      let committed: Awaited<ReturnType<typeof commitSnapshot>>;
      try {
        committed = await commitSnapshot(
          deps.env,
          id,
          {
            operation: 'append',
            added: files,
            deleted: [],
            summary: cursorSummary(config.name, batch.cursor, deps.runId),
            // Only while the table's cursor is still the one these rows follow.
            validate: async (current) => {
              if (!sameState(tableCursor(current, config.name), state))
                throw new ImportError(
                  'concurrent_import',
                  `another run committed ${config.name}'s cursor while this batch was written; nothing of this batch was committed and the next run goes on from the new cursor`,
                );
            },
          },
          loaded,
        );
      } catch (e) {
        if (isIcebergError(e, 'commit-state-unknown')) {
          // The commit may have landed: the table says whether it did.
          const reloaded = await loadOrUndefined(deps.env, id);
          const head = reloaded ? tableCursor(reloaded.metadata, config.name) : undefined;
          const snapshot =
            head?.state === 'found'
              ? reloaded?.metadata.snapshots.find((s) => s.snapshotId === head.snapshotId)
              : undefined;
          const landed =
            head?.state === 'found' &&
            snapshot?.summary[SUMMARY_RUN] === deps.runId &&
            cursorText(head.cursor) === cursorText(batch.cursor);
          if (!landed || !reloaded || !snapshot) throw e;
          committed = { ...reloaded, snapshot, attempts: 0 };
        } else {
          await deleteFiles(deps.env, files);
          throw e;
        }
      }
      result.rows += batch.rows.length;
      result.batches++;
      result.cursor = cursorText(batch.cursor);
      result.snapshotId = committed.snapshot.snapshotId;
      options.onBatch?.({
        source: config.name,
        batch: batchNo,
        maxBatches,
        rows: result.rows,
        cursor: result.cursor!,
      });
      if (!batch.more) break;
    }
    return done(result.batches > 0 ? 'imported' : 'up_to_date');
  } catch (e) {
    if (isImportError(e)) return done('failed', { kind: e.kind, message: `${config.name}: ${e.message}` });
    if (e instanceof IcebergError)
      return done('failed', {
        kind: 'catalog',
        message: `${config.name}: ${formatIdentifier(id)}: ${e.kind}: ${e.message}`,
      });
    return done('failed', {
      kind: 'source',
      message: `${config.name}: ${String((e as Error)?.message ?? e)}`,
    });
  }
}
