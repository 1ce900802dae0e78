import type { EventSink, EventTableName, PreparedEvent } from '@analytics/events';
import type { BufferedEvent } from './buffer-store.ts';
import type { Env } from './env.ts';
import { bufferName, shardOf } from './shard.ts';

/**
 * The collector's `EventSink`: splits a request's events by table and shard
 * and appends each group to its Buffer Durable Object, in parallel. Resolves
 * when every buffer has the events in durable storage.
 */
export class BufferSink implements EventSink {
  readonly #namespace: Env['BUFFER'];
  readonly #shards: number;

  constructor(namespace: Env['BUFFER'], shards: number) {
    this.#namespace = namespace;
    this.#shards = shards;
  }

  async append(events: readonly PreparedEvent[]): Promise<ReadonlySet<number>> {
    const groups = new Map<string, { table: EventTableName; events: PreparedEvent[] }>();
    for (const event of events) {
      const name = bufferName(event.table, shardOf(event.eventId, this.#shards));
      const group = groups.get(name) ?? { table: event.table, events: [] };
      group.events.push(event);
      groups.set(name, group);
    }
    const duplicates = new Set<number>();
    await Promise.all(
      [...groups].map(async ([name, group]) => {
        const stub = this.#namespace.get(this.#namespace.idFromName(name));
        const buffered: BufferedEvent[] = group.events.map((e) => ({
          eventId: e.eventId,
          timestampMicros: e.timestampMicros,
          row: JSON.stringify(e.row),
        }));
        const positions = await stub.append(group.table, buffered);
        for (const position of positions) {
          const event = group.events[position];
          if (event !== undefined) duplicates.add(event.index);
        }
      }),
    );
    return duplicates;
  }
}
