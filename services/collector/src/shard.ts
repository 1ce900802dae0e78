import type { EventTableName } from '@analytics/events';

/**
 * The buffer shard of an event: FNV-1a of its id modulo the shard count, so
 * every copy of an event id meets the same de-duplication table.
 */
export function shardOf(eventId: string, shards: number): number {
  if (shards <= 1) return 0;
  let hash = 0x811c9dc5;
  for (let i = 0; i < eventId.length; i++) {
    hash ^= eventId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % shards;
}

/** Durable Object name of one buffer: `<table>:<shard>`. */
export function bufferName(table: EventTableName, shard: number): string {
  return `${table}:${shard}`;
}
