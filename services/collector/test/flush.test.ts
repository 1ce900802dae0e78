import {
  createExecutionContext,
  env,
  runDurableObjectAlarm,
  runInDurableObject,
  SELF,
} from 'cloudflare:test';
import type { EventTableName } from '@analytics/events';
import { describe, expect, it } from 'vitest';
import type { BufferDurableObject } from '../src/buffer-durable-object.ts';
import type { FlushBatch, FlushCommit, FlushTarget } from '../src/flush-target.ts';
import { TrustedIngest } from '../src/index.ts';
import { MemoryFlushTarget } from '../src/memory-flush-target.ts';
import { shardOf } from '../src/shard.ts';
import { buffer, eventsRequest, totalStored, uuid } from './fixtures.ts';

const TABLE: EventTableName = 'video_events';

function videoEvent(n: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    event_id: uuid(10_000 + n),
    event_type: 'video_event',
    timestamp: '2024-01-15T12:00:00Z',
    video_id: 'v-1',
    action: 'play',
    position: n,
    duration: 600,
    playback_rate: 1,
    session_id: 's-1',
    project_id: 'p',
    environment: 'test',
    version: '1',
    ...overrides,
  };
}

async function send(from: number, count: number): Promise<void> {
  const events = Array.from({ length: count }, (_, i) => videoEvent(from + i));
  const res = await SELF.fetch(eventsRequest({ events }));
  expect(res.status).toBe(202);
}

/** Installs `target` in both shards after draining whatever earlier tests left. */
async function install(target: FlushTarget): Promise<void> {
  for (const shard of [0, 1]) {
    await runInDurableObject(buffer(TABLE, shard), async (instance: BufferDurableObject) => {
      instance.useFlushTarget(new MemoryFlushTarget());
      await instance.flushNow();
      instance.useFlushTarget(target);
    });
  }
}

async function alarmBoth(): Promise<void> {
  for (const shard of [0, 1]) await runDurableObjectAlarm(buffer(TABLE, shard));
}

async function pending(shard: number): Promise<{ flush_id: string; attempts: number } | undefined> {
  return runInDurableObject(
    buffer(TABLE, shard),
    (_i: BufferDurableObject, state: DurableObjectState) =>
      state.storage.sql
        .exec<{ flush_id: string; attempts: number }>('SELECT flush_id, attempts FROM pending_flush')
        .toArray()[0],
  );
}

describe('Buffer Durable Object flushes', () => {
  it('schedules an alarm on append and commits the buffered rows once when it fires', async () => {
    const target = new MemoryFlushTarget();
    await install(target);
    await send(0, 30);
    const alarms = await Promise.all(
      [0, 1].map((s) => runInDurableObject(buffer(TABLE, s), (_i, st) => st.storage.getAlarm())),
    );
    expect(alarms.every((a) => a !== null && a <= Date.now() + 2_000)).toBe(true);
    await alarmBoth();
    expect(target.rows(TABLE)).toHaveLength(30);
    expect(new Set(target.rows(TABLE).map((r) => r.event_id)).size).toBe(30);
    expect(target.rows(TABLE)[0]).toMatchObject({
      video_id: 'v-1',
      timestamp: Date.UTC(2024, 0, 15, 12) * 1000,
    });
    expect(await totalStored(TABLE)).toBe(0);
  });

  it('keeps the events of a failed flush and retries them with the same flush id', async () => {
    const target = new MemoryFlushTarget();
    await install(target);
    await send(100, 10);
    target.failNext(2);
    await alarmBoth();
    expect(target.snapshots(TABLE)).toHaveLength(0);
    expect(await totalStored(TABLE)).toBe(10);
    const first = [await pending(0), await pending(1)].filter((p) => p !== undefined);
    expect(first.map((p) => p.attempts)).toEqual(first.map(() => 1));
    const alarm = await runInDurableObject(buffer(TABLE, 0), (_i, st) => st.storage.getAlarm());
    expect(alarm).not.toBeNull();

    await alarmBoth();
    expect(await totalStored(TABLE)).toBe(0);
    expect(target.rows(TABLE)).toHaveLength(10);
    expect(
      target
        .snapshots(TABLE)
        .map((s) => s.flushId)
        .sort(),
    ).toEqual(first.map((p) => p.flush_id).sort());
  });

  it('recognises a retried flush whose commit had landed and does not commit it twice', async () => {
    const target = new MemoryFlushTarget();
    await install(target);
    await send(200, 12);
    target.loseNextAnswer(2);
    await alarmBoth();
    expect(await totalStored(TABLE)).toBe(12);
    const committed = target.snapshots(TABLE).length;
    await alarmBoth();
    expect(target.snapshots(TABLE)).toHaveLength(committed);
    expect(target.rows(TABLE)).toHaveLength(12);
    expect(await totalStored(TABLE)).toBe(0);
  });

  it('takes events that arrive during a flush into the next flush', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const inner = new MemoryFlushTarget();
    const slow: FlushTarget & { started: number } = {
      started: 0,
      async appendOnce(batch: FlushBatch): Promise<FlushCommit> {
        this.started++;
        await gate;
        return inner.appendOnce(batch);
      },
    };
    await install(slow);
    // One shard only, so the events of both sends meet in the same buffer.
    const ids = Array.from({ length: 400 }, (_, i) => 300 + i).filter(shard0);
    const [a, b] = [ids.slice(0, 5), ids.slice(5, 10)];
    await SELF.fetch(eventsRequest({ events: a.map((n) => videoEvent(n)) }));
    const flushing = runDurableObjectAlarm(buffer(TABLE, 0));
    while (slow.started === 0) await new Promise((r) => setTimeout(r, 5));
    const res = await SELF.fetch(eventsRequest({ events: b.map((n) => videoEvent(n)) }));
    expect(res.status).toBe(202);
    release();
    await flushing;
    expect(inner.rows(TABLE).map((r) => r.position)).toEqual(a);
    expect(await totalStored(TABLE)).toBe(5);
    await runDurableObjectAlarm(buffer(TABLE, 0));
    expect(inner.rows(TABLE).map((r) => r.position)).toEqual([...a, ...b]);
  });

  it('flushes on an operator request through the TrustedIngest entrypoint and serves buffered rows for realtime', async () => {
    const target = new MemoryFlushTarget();
    await install(target);
    await send(800, 8);
    const trusted = new TrustedIngest(createExecutionContext(), env);
    const from = Date.UTC(2024, 0, 15) * 1000;
    const realtime = await trusted.readBuffered(TABLE, from, from + 86_400_000_000);
    expect(realtime).toHaveLength(8);
    expect(await trusted.readBuffered(TABLE, 0, from)).toHaveLength(0);
    const stats = (await trusted.bufferStats()).filter((s) => s.table === TABLE);
    expect(stats.reduce((n, s) => n + s.events, 0)).toBe(8);

    const result = await trusted.flush('default.video_events');
    expect(result.flushes).toEqual([
      expect.objectContaining({ table: 'default.video_events', events: 8, status: 'committed' }),
    ]);
    expect(target.rows(TABLE)).toHaveLength(8);
    expect(await trusted.readBuffered(TABLE, from, from + 86_400_000_000)).toHaveLength(0);
    const empty = await trusted.flush('video_events');
    expect(empty.flushes[0]).toMatchObject({ status: 'empty', events: 0 });
  });

  it('accepts events over the trusted entrypoint without a key', async () => {
    const trusted = new TrustedIngest(createExecutionContext(), env);
    const res = await trusted.fetch(
      new Request('https://internal/events', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(videoEvent(900)),
      }),
    );
    expect(res.status).toBe(202);
  });
});

function shard0(n: number): boolean {
  return shardOf(uuid(10_000 + n), 2) === 0;
}

describe('internal routes', () => {
  it('serve /healthz and /metrics on the public entrypoint but not /ops/flush', async () => {
    await send(940, 1);
    const health = await SELF.fetch('https://collector.test/healthz');
    expect(health.status).toBe(200);
    expect(await health.json()).toHaveProperty('buffered_events');
    const metrics = (await (await SELF.fetch('https://collector.test/metrics?format=json')).json()) as {
      service: string;
      metrics: { name: string }[];
    };
    expect(metrics.service).toBe('collector');
    expect(metrics.metrics.map((m) => m.name)).toEqual(
      expect.arrayContaining(['analytics_events_total', 'analytics_ingest_latency_ms']),
    );
    const flush = await SELF.fetch('https://collector.test/ops/flush', { method: 'POST', body: '{}' });
    expect(flush.status).toBe(404);
  });

  it('serve POST /ops/flush and GET /realtime/{table} on the trusted entrypoint', async () => {
    const target = new MemoryFlushTarget();
    await install(target);
    await send(950, 3);
    const trusted = new TrustedIngest(createExecutionContext(), env);
    const realtime = await trusted.fetch(
      new Request('https://internal/realtime/video_events?from=2024-01-15T00:00:00Z&to=2024-01-16T00:00:00Z'),
    );
    expect(((await realtime.json()) as { rows: unknown[] }).rows).toHaveLength(3);
    const res = await trusted.fetch(
      new Request('https://internal/ops/flush', {
        method: 'POST',
        body: JSON.stringify({ table: 'default.video_events' }),
      }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      flushes: [expect.objectContaining({ table: 'default.video_events', events: 3, status: 'committed' })],
    });
    const unknown = await trusted.fetch(
      new Request('https://internal/ops/flush', { method: 'POST', body: JSON.stringify({ table: 'nope' }) }),
    );
    expect(unknown.status).toBe(404);
  });
});
