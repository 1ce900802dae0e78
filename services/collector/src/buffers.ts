import { EVENT_NAMESPACE, EVENT_TABLES, type EventRow, type EventTableName } from '@analytics/events';
import type { BufferStats, FlushOutcome } from './buffer-durable-object.ts';
import type { Env } from './env.ts';
import { collectorSettings } from './settings.ts';
import { bufferName } from './shard.ts';

/** `TableFlush` of contracts/ops.yaml. */
export interface TableFlush {
  readonly table: string;
  readonly events: number;
  readonly bytes: number;
  readonly status: 'committed' | 'empty' | 'failed';
  readonly snapshot_id?: string;
  readonly message?: string;
}

/** The buffer stubs of some tables, every shard. */
function buffersOf(env: Env, tables: readonly EventTableName[]) {
  const { shards } = collectorSettings(env);
  return tables.flatMap((table) =>
    Array.from({ length: shards }, (_, shard) => ({
      table,
      stub: env.BUFFER.get(env.BUFFER.idFromName(bufferName(table, shard))),
    })),
  );
}

/** An event table by `default.page_views` or `page_views`; undefined for anything else. */
export function eventTableNamed(name: string): EventTableName | undefined {
  const bare = name.startsWith(`${EVENT_NAMESPACE}.`) ? name.slice(EVENT_NAMESPACE.length + 1) : name;
  return EVENT_TABLES.find((t) => t === bare);
}

/** Flushes every shard of the tables now (`POST /ops/flush`); one entry per table. */
export async function flushBuffers(
  env: Env,
  tables: readonly EventTableName[] = EVENT_TABLES,
): Promise<TableFlush[]> {
  const outcomes = await Promise.all(
    buffersOf(env, tables).map(async ({ table, stub }) => ({
      table,
      outcome: (await stub.flushNow()) as FlushOutcome,
    })),
  );
  const merged = new Map<EventTableName, TableFlush>();
  for (const { table, outcome } of outcomes) merged.set(table, mergeFlush(merged.get(table), table, outcome));
  return [...merged.values()];
}

/** Fill of every buffer shard. */
export function bufferStats(env: Env): Promise<BufferStats[]> {
  return Promise.all(buffersOf(env, EVENT_TABLES).map(({ stub }) => stub.stats() as Promise<BufferStats>));
}

/** Buffered rows of a table with event time in `[fromMicros, toMicros)`, oldest first, at most `limit`. */
export async function readBuffered(
  env: Env,
  table: EventTableName,
  fromMicros: number,
  toMicros: number,
  limit: number,
): Promise<EventRow[]> {
  const parts = await Promise.all(
    buffersOf(env, [table]).map(
      ({ stub }) => stub.readBuffered(fromMicros, toMicros, limit) as Promise<EventRow[]>,
    ),
  );
  return parts
    .flat()
    .sort((a, b) => Number(a.timestamp) - Number(b.timestamp))
    .slice(0, limit);
}

function mergeFlush(
  earlier: TableFlush | undefined,
  table: EventTableName,
  outcome: FlushOutcome,
): TableFlush {
  const status =
    earlier?.status === 'failed' || outcome.status === 'failed'
      ? 'failed'
      : earlier?.status === 'committed' || outcome.status === 'committed'
        ? 'committed'
        : 'empty';
  const snapshotId = outcome.snapshotId ?? earlier?.snapshot_id;
  const message = outcome.message ?? earlier?.message;
  return {
    table: `${EVENT_NAMESPACE}.${table}`,
    events: (earlier?.events ?? 0) + outcome.events,
    bytes: (earlier?.bytes ?? 0) + outcome.bytes,
    status,
    ...(snapshotId === undefined ? {} : { snapshot_id: snapshotId }),
    ...(message === undefined ? {} : { message }),
  };
}
