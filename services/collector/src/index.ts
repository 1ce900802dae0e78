import { WorkerEntrypoint } from 'cloudflare:workers';
import type { EventRow, EventTableName } from '@analytics/events';
import { collectorApp } from './app.ts';
import type { BufferStats } from './buffer-durable-object.ts';
import { bufferStats, eventTableNamed, flushBuffers, readBuffered, type TableFlush } from './buffers.ts';
import type { Env } from './env.ts';

export { BufferDurableObject } from './buffer-durable-object.ts';
export type { TableFlush } from './buffers.ts';

const publicApp = collectorApp({ trusted: false });
const trustedApp = collectorApp({ trusted: true });

/**
 * The entrypoint for other Workers (service binding with
 * `"entrypoint": "TrustedIngest"`): `fetch` serves `POST /events` without an
 * X-API-Key, plus `POST /ops/flush` and `GET /realtime/{table}`; the RPC
 * methods below offer the same to Workers that prefer RPC.
 *
 * The default export is the public face (what the router forwards internet
 * traffic to): a key is always required there, and it has no operator routes.
 */
export class TrustedIngest extends WorkerEntrypoint<Env> {
  override fetch(request: Request): Response | Promise<Response> {
    return trustedApp.fetch(request, this.env, this.ctx);
  }

  /** Flushes every buffer (or one table's: `default.page_views` or `page_views`) now. */
  async flush(table?: string): Promise<{ flushes: TableFlush[] }> {
    if (table === undefined || table === '') return { flushes: await flushBuffers(this.env) };
    const found = eventTableNamed(table);
    if (found === undefined) throw new Error(`no event table '${table}'`);
    return { flushes: await flushBuffers(this.env, [found]) };
  }

  /** Buffered (not yet flushed) rows of a table with event time in `[fromMicros, toMicros)`. */
  readBuffered(
    table: EventTableName,
    fromMicros: number,
    toMicros: number,
    limit = 10_000,
  ): Promise<EventRow[]> {
    return readBuffered(this.env, table, fromMicros, toMicros, limit);
  }

  /** Fill of every buffer shard. */
  bufferStats(): Promise<BufferStats[]> {
    return bufferStats(this.env);
  }
}

export default {
  fetch(request: Request, env: Env, ctx: ExecutionContext): Response | Promise<Response> {
    return publicApp.fetch(request, env, ctx);
  },
} satisfies ExportedHandler<Env>;
