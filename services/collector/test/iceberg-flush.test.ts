import { env, runDurableObjectAlarm, runInDurableObject, SELF } from 'cloudflare:test';
import { EVENT_BUCKET, type EventTableName } from '@analytics/events';
import {
  currentSchema,
  currentSnapshot,
  fileIO,
  keyOf,
  R2Store,
  readFile,
  readManifest,
  readManifestList,
  type TableMetadata,
} from '@analytics/iceberg';
import { describe, expect, it } from 'vitest';
import type { BufferDurableObject } from '../src/buffer-durable-object.ts';
import { FLUSH_ID_PROPERTY } from '../src/iceberg/append-once.ts';
import { readParquetRows } from '../src/iceberg/engine-parquet.ts';
import { MemoryFlushTarget } from '../src/memory-flush-target.ts';
import { shardOf } from '../src/shard.ts';
import { catalogHost } from './catalog-host.ts';
import { buffer, eventsRequest, totalStored, uuid } from './fixtures.ts';

const TABLE: EventTableName = 'user_actions';
const io = fileIO(new R2Store(env.SOURCE), `s3://${EVENT_BUCKET}/`);

function action(n: number, hour: number): Record<string, unknown> {
  return {
    event_id: uuid(50_000 + n),
    event_type: 'button_click',
    timestamp: new Date(Date.UTC(2024, 0, 15, hour, 30)).toISOString(),
    session_id: `s-${n}`,
    project_id: 'p',
    button: `b-${n}`,
  };
}

/** Drains what earlier tests left, then installs the target in both shards. */
async function install(target: { appendOnce: MemoryFlushTarget['appendOnce'] }): Promise<void> {
  for (const shard of [0, 1])
    await runInDurableObject(buffer(TABLE, shard), async (instance: BufferDurableObject) => {
      instance.useFlushTarget(new MemoryFlushTarget());
      await instance.flushNow();
      instance.useFlushTarget(target);
    });
}

async function alarmBoth(): Promise<void> {
  for (const shard of [0, 1]) await runDurableObjectAlarm(buffer(TABLE, shard));
}

/** Every row of the table's current snapshot, read back from the Parquet files in R2. */
async function tableRows(metadata: TableMetadata): Promise<Record<string, unknown>[]> {
  const snapshot = currentSnapshot(metadata);
  if (snapshot === undefined) return [];
  const rows: Record<string, unknown>[] = [];
  for (const manifest of await readManifestList(await readFile(io, snapshot.manifestList))) {
    const read = await readManifest(await readFile(io, manifest.manifestPath), manifest);
    for (const entry of read.entries) {
      const bytes = await io.store.get(keyOf(io, entry.dataFile.filePath));
      expect(BigInt(bytes?.length ?? -1)).toBe(entry.dataFile.fileSizeInBytes);
      rows.push(...readParquetRows(bytes!, currentSchema(metadata)));
    }
  }
  return rows;
}

describe('flushing into Iceberg through the REST catalog', () => {
  it('creates the table on the first flush and commits one snapshot per flush, partitioned by hour', async () => {
    const host = catalogHost();
    await install(host.target);
    const events = Array.from({ length: 40 }, (_, i) => action(i, 10 + (i % 3)));
    expect((await SELF.fetch(eventsRequest({ events }))).status).toBe(202);
    await alarmBoth();
    expect(await totalStored(TABLE)).toBe(0);

    const loaded = await host.catalog.loadTable('default', TABLE);
    expect(loaded).toBeDefined();
    const metadata = loaded!.metadata;
    expect(metadata.location).toBe('s3://analytics-source/events/user_actions');
    expect(metadata.partitionSpecs[0]?.fields).toEqual([
      expect.objectContaining({ transform: 'hour', name: 'timestamp_hour' }),
    ]);
    expect(metadata.properties['write.parquet.compression-codec']).toBe('snappy');
    expect(metadata.snapshots.every((s) => typeof s.summary[FLUSH_ID_PROPERTY] === 'string')).toBe(true);
    expect(currentSnapshot(metadata)?.summary['total-records']).toBe('40');

    const rows = await tableRows(metadata);
    expect(rows).toHaveLength(40);
    expect(new Set(rows.map((r) => r.event_id))).toEqual(new Set(events.map((e) => e.event_id)));
    const first = rows.find((r) => r.event_id === uuid(50_000));
    expect(first).toMatchObject({
      event_type: 'button_click',
      session_id: 's-0',
      timestamp: BigInt(Date.UTC(2024, 0, 15, 10, 30)) * 1000n,
    });
    expect(JSON.parse(String(first?.properties))).toEqual({ button: 'b-0' });
    const files = await (async () => {
      const keys: string[] = [];
      const listed = await env.SOURCE.list({ prefix: 'events/user_actions/data/' });
      for (const o of listed.objects) keys.push(o.key);
      return keys;
    })();
    expect(files.some((k) => k.includes('timestamp_hour=2024-01-15-10/'))).toBe(true);
  });

  it('keeps the events when the catalog refuses, and commits once when the commit answer is lost', async () => {
    const host = catalogHost();
    await install(host.target);
    const before = (await host.catalog.loadTable('default', TABLE))?.metadata;
    const rowsBefore =
      before === undefined ? 0 : Number(currentSnapshot(before)?.summary['total-records'] ?? 0);

    const events = Array.from({ length: 10 }, (_, i) => action(100 + i, 12));
    await SELF.fetch(eventsRequest({ events }));
    const shardsWithEvents = new Set(events.map((e) => shardOf(String(e.event_id), 2))).size;
    // The catalog refuses every commit: the flush fails after its attempts and keeps the events.
    host.faults.beforeCommit = 1_000;
    await alarmBoth();
    expect(await totalStored(TABLE)).toBe(10);
    expect(host.faults.commits).toBe(0);

    // The catalog commits but the answer is lost: the flush finds its flush id and stops there.
    host.faults.beforeCommit = 0;
    host.faults.afterCommit = 2;
    await alarmBoth();
    expect(await totalStored(TABLE)).toBe(0);
    expect(host.faults.commits).toBe(shardsWithEvents);
    await alarmBoth();
    expect(host.faults.commits).toBe(shardsWithEvents);
    const metadata = (await host.catalog.loadTable('default', TABLE))!.metadata;
    expect(Number(currentSnapshot(metadata)?.summary['total-records'])).toBe(rowsBefore + 10);
    const flushIds = metadata.snapshots.map((s) => s.summary[FLUSH_ID_PROPERTY]);
    expect(new Set(flushIds).size).toBe(flushIds.length);
    const rows = await tableRows(metadata);
    expect(rows).toHaveLength(rowsBefore + 10);
    expect(new Set(rows.map((r) => r.event_id)).size).toBe(rows.length);
  });
});
