import { env, runInDurableObject } from 'cloudflare:test';
import type { EventTableName } from '@analytics/events';
import type { BufferDurableObject } from '../src/buffer-durable-object.ts';
import { MemoryFlushTarget } from '../src/memory-flush-target.ts';
import { bufferName } from '../src/shard.ts';

export const KEY = 'test-key';

export function pageView(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    event_type: 'page_view',
    timestamp: '2024-01-15T12:00:00Z',
    page_url: 'https://rawkode.academy/',
    page_title: 'Rawkode Academy',
    session_id: 's-123',
    project_id: 'rawkode-academy',
    environment: 'production',
    version: '1',
    ...overrides,
  };
}

export function eventsRequest(body: unknown, headers: Record<string, string> = {}): Request {
  return new Request('https://collector.test/events', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': KEY, ...headers },
    body: JSON.stringify(body),
  });
}

/** The stub of one buffer shard. */
export function buffer(table: EventTableName, shard = 0): DurableObjectStub<BufferDurableObject> {
  return env.BUFFER.get(env.BUFFER.idFromName(bufferName(table, shard)));
}

/** Installs a fresh in-memory flush target in each given shard of a table; returns it. */
export async function memoryTarget(table: EventTableName, shards = 2): Promise<MemoryFlushTarget> {
  const target = new MemoryFlushTarget();
  for (let shard = 0; shard < shards; shard++)
    await runInDurableObject(buffer(table, shard), (instance: BufferDurableObject) =>
      instance.useFlushTarget(target),
    );
  return target;
}

/** Events in a buffer's SQLite storage right now. */
export async function storedCount(table: EventTableName, shard: number): Promise<number> {
  return runInDurableObject(buffer(table, shard), (_i: BufferDurableObject, state: DurableObjectState) =>
    Number(state.storage.sql.exec<{ n: number }>('SELECT COALESCE(SUM(n), 0) AS n FROM batches').one().n),
  );
}

/** A deterministic UUID v4 per number. */
export function uuid(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

/** Rows in every shard of a table's buffer right now. */
export async function totalStored(table: EventTableName, shards = 2): Promise<number> {
  let n = 0;
  for (let shard = 0; shard < shards; shard++) n += await storedCount(table, shard);
  return n;
}
