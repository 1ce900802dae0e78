import type { EventProblem } from './event-error.ts';
import type { EventTableName } from './event-tables.ts';
import type { NewColumn, TableColumns } from './open-columns.ts';
import type { PreparedBatch, PreparedEvent, RejectedEvent } from './prepare-events.ts';

/**
 * The port ingest reads and evolves open tables' columns through. The
 * authority is the Iceberg table's current schema in the catalog; an
 * implementation may cache it (the collector keeps it per isolate) as long as
 * `addColumns` always decides against the catalog.
 *
 * Neither method rejects because the catalog is unreachable: they resolve
 * with the best view they have (undefined when they have none), and the
 * fields they could not add stay in `properties` only.
 */
export interface ColumnCatalog {
  /** The table's columns, from the cache when it has them. */
  columns(table: EventTableName): Promise<TableColumns | undefined>;
  /**
   * Adds the columns the table does not have yet (creating the table first
   * when it does not exist), as one schema change; resolves with the
   * columns after it. A column another writer added meanwhile keeps that
   * writer's type: callers check their values against the answer.
   */
  addColumns(table: EventTableName, columns: readonly NewColumn[]): Promise<TableColumns | undefined>;
}

/**
 * Schema evolution on write, the step between validation and storing: checks
 * every open field of the batch's events against its table's columns, adds
 * the columns new fields need (one schema change per table and request), and
 * gives back the batch with the column values in each row. An event with a
 * value its column's type does not accept moves to `rejected` with a
 * `schema-conflict` problem per field; the events beside it are unaffected.
 *
 * Within one request the first event to bring a new field decides its type;
 * a later event of the same request with another type is rejected.
 */
export async function fitOpenColumns(batch: PreparedBatch, catalog: ColumnCatalog): Promise<PreparedBatch> {
  const byTable = new Map<EventTableName, PreparedEvent[]>();
  for (const event of batch.prepared) {
    if (event.openFields === undefined || event.openFields.length === 0) continue;
    const events = byTable.get(event.table);
    if (events === undefined) byTable.set(event.table, [event]);
    else events.push(event);
  }
  if (byTable.size === 0) return batch;

  const settled = new Map<number, PreparedEvent | RejectedEvent>();
  await Promise.all(
    [...byTable].map(async ([table, events]) => {
      let columns = await catalog.columns(table);
      if (columns === undefined) return; // nothing known (catalog unreachable): fields stay in properties
      const adds = newColumns(columns, events);
      if (adds.length > 0) columns = (await catalog.addColumns(table, adds)) ?? columns;
      for (const event of events) settled.set(event.index, settle(event, columns));
    }),
  );
  if (settled.size === 0) return batch;

  const prepared: PreparedEvent[] = [];
  const rejected: RejectedEvent[] = [...batch.rejected];
  for (const event of batch.prepared) {
    const outcome = settled.get(event.index) ?? event;
    if ('problems' in outcome) rejected.push(outcome);
    else prepared.push(outcome);
  }
  if (rejected.length > batch.rejected.length) rejected.sort((a, b) => a.index - b.index);
  return { ...batch, prepared, rejected };
}

/** The columns a request's new fields need, first type seen first, within the table's cap. */
function newColumns(columns: TableColumns, events: readonly PreparedEvent[]): NewColumn[] {
  const adds: NewColumn[] = [];
  const pending = new Set<string>();
  for (const event of events) {
    for (const field of event.openFields ?? []) {
      if (adds.length >= columns.room) return adds;
      const fit = columns.fit(field);
      if (fit.kind !== 'new') continue;
      const key = fit.column.name.toLowerCase();
      // `Amount` after `amount` in the same request: the second stays in properties.
      if (pending.has(key)) continue;
      pending.add(key);
      adds.push(fit.column);
    }
  }
  return adds;
}

function settle(event: PreparedEvent, columns: TableColumns): PreparedEvent | RejectedEvent {
  const values: Record<string, unknown> = {};
  const problems: EventProblem[] = [];
  let written = 0;
  for (const field of event.openFields ?? []) {
    const fit = columns.fit(field);
    if (fit.kind === 'column') {
      values[field.name] = field.value;
      written++;
    } else if (fit.kind === 'conflict') problems.push(fit.problem);
  }
  if (problems.length > 0) return { index: event.index, problems };
  if (written === 0) return event;
  return { ...event, row: { ...event.row, ...(values as PreparedEvent['row']) } };
}
