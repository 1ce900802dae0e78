import { WorkerEntrypoint } from 'cloudflare:workers';
import { EVENT_NAMESPACE, EVENT_TABLES, type EventRow, type EventTableName } from '@analytics/events';
import { collectorApp } from './app.ts';
import type { BufferStats, FlushOutcome } from './buffer-durable-object.ts';
import type { Env } from './env.ts';
import { collectorSettings } from './settings.ts';
import { bufferName } from './shard.ts';

export { BufferDurableObject } from './buffer-durable-object.ts';

const publicApp = collectorApp({ trusted: false });
const trustedApp = collectorApp({ trusted: true });

/** `TableFlush` of contracts/ops.yaml. */
export interface TableFlush {
  readonly table: string;
  readonly events: number;
  readonly bytes: number;
  readonly status: 'committed' | 'empty' | 'failed';
  readonly snapshot_id?: string;
  readonly message?: string;
}

/**
 * The entrypoint for other Workers (service binding with
 * `"entrypoint": "TrustedIngest"`): `fetch` serves the same `POST /events`
 * without requiring an X-API-Key, and RPC methods give operators and the
 * query path what the public API does not: flush now, buffer metrics and the
 * buffered (not yet flushed) rows for realtime queries.
 *
 * The default export is the public face (what the router forwards internet
 * traffic to), so a key is always required there, even though the router
 * reaches it over a binding too.
 */
export class TrustedIngest extends WorkerEntrypoint<Env> {
  override fetch(request: Request): Response | Promise<Response> {
    return trustedApp.fetch(request, this.env, this.ctx);
  }

  /** Flushes every buffer (or one table's, `default.page_views` or `page_views`) now. */
  async flush(table?: string): Promise<{ flushes: TableFlush[] }> {
    const tables = selectTables(table);
    const flushes = await Promise.all(
      this.#buffers(tables).map(async ({ table, stub }) => {
        const outcome: FlushOutcome = await stub.flushNow();
        return { table, outcome };
      }),
    );
    const merged = new Map<EventTableName, TableFlush>();
    for (const { table, outcome } of flushes)
      merged.set(table, mergeFlush(merged.get(table), table, outcome));
    return { flushes: [...merged.values()] };
  }

  /** Buffered rows of a table with event time in `[fromMicros, toMicros)`, oldest first. */
  async readBuffered(
    table: EventTableName,
    fromMicros: number,
    toMicros: number,
    limit = 10_000,
  ): Promise<EventRow[]> {
    const parts = await Promise.all(
      this.#buffers([table]).map(({ stub }) => stub.readBuffered(fromMicros, toMicros, limit)),
    );
    return parts
      .flat()
      .sort((a, b) => Number(a.timestamp) - Number(b.timestamp))
      .slice(0, limit);
  }

  /** Fill of every buffer shard. */
  async bufferStats(): Promise<BufferStats[]> {
    return Promise.all(this.#buffers(EVENT_TABLES).map(({ stub }) => stub.stats()));
  }

  #buffers(tables: readonly EventTableName[]) {
    const { shards } = collectorSettings(this.env);
    return tables.flatMap((table) =>
      Array.from({ length: shards }, (_, shard) => ({
        table,
        stub: this.env.BUFFER.get(this.env.BUFFER.idFromName(bufferName(table, shard))),
      })),
    );
  }
}

function selectTables(table: string | undefined): readonly EventTableName[] {
  if (table === undefined || table === '') return EVENT_TABLES;
  const name = table.startsWith(`${EVENT_NAMESPACE}.`) ? table.slice(EVENT_NAMESPACE.length + 1) : table;
  const found = EVENT_TABLES.find((t) => t === name);
  if (found === undefined)
    throw new Error(`no event table '${table}'; the tables are ${EVENT_TABLES.join(', ')}`);
  return [found];
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

export default {
  fetch(request: Request, env: Env, ctx: ExecutionContext): Response | Promise<Response> {
    return publicApp.fetch(request, env, ctx);
  },
} satisfies ExportedHandler<Env>;
