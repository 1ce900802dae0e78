import { type EventSink, type EventTableName, type PreparedEvent, utf8Length } from '@analytics/events';
import type { BufferedBatch } from './buffer-store.ts';
import type { Env } from './env.ts';
import { encodeRows } from './row-batch.ts';
import { bufferName, shardOf } from './shard.ts';

/**
 * The collector's `EventSink`: splits a request's events by table and shard
 * and appends each group to its Buffer Durable Object, in parallel, as one
 * JSON array of rows (one string crosses to the buffer, not an object per
 * event; rows of the same columns as arrays of values, `encodeRows`).
 * Resolves when every buffer has the events in durable storage.
 */
export class BufferSink implements EventSink {
  readonly #namespace: Env['BUFFER'];
  readonly #shards: number;

  constructor(namespace: Env['BUFFER'], shards: number) {
    this.#namespace = namespace;
    this.#shards = shards;
  }

  async append(events: readonly PreparedEvent[]): Promise<ReadonlySet<number>> {
    const duplicates = new Set<number>();
    const groups = new Map<string, { table: EventTableName; events: PreparedEvent[] }>();
    const ids = new Set<string>();
    for (const event of events) {
      // The same id twice in one request: the second copy is a duplicate of the first.
      if (ids.has(event.eventId)) {
        duplicates.add(event.index);
        continue;
      }
      ids.add(event.eventId);
      const name = bufferName(event.table, shardOf(event.eventId, this.#shards));
      let group = groups.get(name);
      if (group === undefined) {
        group = { table: event.table, events: [] };
        groups.set(name, group);
      }
      group.events.push(event);
    }
    await Promise.all(
      [...groups].map(async ([name, group]) => {
        const stub = this.#namespace.get(this.#namespace.idFromName(name));
        const positions = await stub.append(group.table, batchOf(group.events));
        for (const position of positions) {
          const event = group.events[position];
          if (event !== undefined) duplicates.add(event.index);
        }
      }),
    );
    return duplicates;
  }
}

/** One buffer's share of a request: the rows as one JSON text, with their ids and time range. */
function batchOf(events: readonly PreparedEvent[]): BufferedBatch {
  const { rows, columns, constants } = encodeRows(events.map((e) => e.row));
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const e of events) {
    if (e.timestampMicros < min) min = e.timestampMicros;
    if (e.timestampMicros > max) max = e.timestampMicros;
  }
  return {
    ids: events.map((e) => e.eventId),
    rows,
    ...(columns === undefined ? {} : { columns }),
    ...(constants === undefined ? {} : { constants }),
    bytes: utf8Length(rows) + (constants === undefined ? 0 : utf8Length(constants)),
    minTimestampMicros: min,
    maxTimestampMicros: max,
  };
}
