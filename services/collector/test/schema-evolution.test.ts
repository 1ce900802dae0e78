/**
 * Schema evolution on write in workerd, with real Durable Object SQLite and
 * R2, and the real catalog core in-process: new fields of custom events
 * become optional columns through the catalog before the answer, the flush
 * writes them under the right field ids, a value of the wrong type is
 * rejected per event while the good events beside it are stored, and two
 * writers racing to add one field with different types end with one type.
 */
import { env, runInDurableObject, SELF } from 'cloudflare:test';
import { EVENT_BUCKET, type EventTableName, type IngestResult, tableColumns } from '@analytics/events';
import {
  addColumn,
  currentSchema,
  currentSnapshot,
  dropColumn,
  FIELD_ID_KEY,
  fileIO,
  keyOf,
  R2Store,
  readFile,
  readManifest,
  readManifestList,
  readParquetArrow,
  schemaChangeCommit,
  type TableMetadata,
  tableRequirementToJson,
  tableUpdateToJson,
} from '@analytics/iceberg';
import { afterEach, describe, expect, it } from 'vitest';
import type { BufferDurableObject } from '../src/buffer-durable-object.ts';
import { useColumnCatalog } from '../src/column-catalog.ts';
import { CatalogColumns } from '../src/iceberg/catalog-columns.ts';
import { readParquetRows } from '../src/iceberg/engine-parquet.ts';
import type { TableCatalog } from '../src/iceberg/rest-table-catalog.ts';
import { MemoryFlushTarget } from '../src/memory-flush-target.ts';
import { catalogHost } from './catalog-host.ts';
import { buffer, eventsRequest, totalStored, uuid } from './fixtures.ts';

const TABLE: EventTableName = 'custom_events';
const io = fileIO(new R2Store(env.SOURCE), `s3://${EVENT_BUCKET}/`);
const CE_BATCH = { 'content-type': 'application/cloudevents-batch+json' };

afterEach(() => useColumnCatalog(undefined));

function order(n: number, data: Record<string, unknown>): Record<string, unknown> {
  return {
    specversion: '1.0',
    id: uuid(70_000 + n),
    type: 'com.example.order.created',
    source: '/shop',
    time: '2024-02-01T10:00:00Z',
    data,
  };
}

/** A catalog that counts the calls ingest and flushes make. */
function counting(catalog: TableCatalog) {
  const calls = { load: 0, commit: 0 };
  const wrapped: TableCatalog = {
    loadTable: (ns, t) => {
      calls.load++;
      return catalog.loadTable(ns, t);
    },
    createNamespace: (ns) => catalog.createNamespace(ns),
    createTable: (ns, body) => catalog.createTable(ns, body),
    commitTable: (ns, t, requirements, updates) => {
      calls.commit++;
      return catalog.commitTable(ns, t, requirements, updates);
    },
  };
  return { catalog: wrapped, calls };
}

/** Drains what earlier tests left in both shards, then installs the flush target. */
async function install(target: { appendOnce: MemoryFlushTarget['appendOnce'] }): Promise<void> {
  for (const shard of [0, 1])
    await runInDurableObject(buffer(TABLE, shard), async (instance: BufferDurableObject) => {
      instance.useFlushTarget(new MemoryFlushTarget());
      await instance.flushNow();
      instance.useFlushTarget(target);
    });
}

async function flushBoth(): Promise<void> {
  for (const shard of [0, 1]) await buffer(TABLE, shard).flushNow();
}

async function send(events: unknown[]): Promise<{ status: number; body: IngestResult }> {
  const res = await SELF.fetch(eventsRequest(events, CE_BATCH));
  return { status: res.status, body: (await res.json()) as IngestResult };
}

/** Every row of the current snapshot, read from Parquet by field id with the current schema. */
async function tableRows(metadata: TableMetadata): Promise<Record<string, unknown>[]> {
  const snapshot = currentSnapshot(metadata);
  if (snapshot === undefined) return [];
  const rows: Record<string, unknown>[] = [];
  for (const manifest of await readManifestList(await readFile(io, snapshot.manifestList))) {
    const read = await readManifest(await readFile(io, manifest.manifestPath), manifest);
    for (const entry of read.entries) {
      const bytes = await io.store.get(keyOf(io, entry.dataFile.filePath));
      rows.push(...readParquetRows(bytes!, currentSchema(metadata)));
    }
  }
  return rows;
}

/** Field ids of the Parquet columns of the current snapshot's newest data file, by name. */
async function parquetFieldIds(metadata: TableMetadata): Promise<Record<string, number>> {
  const snapshot = currentSnapshot(metadata)!;
  const [manifest] = await readManifestList(await readFile(io, snapshot.manifestList));
  const read = await readManifest(await readFile(io, manifest!.manifestPath), manifest!);
  const bytes = await io.store.get(keyOf(io, read.entries[0]!.dataFile.filePath));
  const ids: Record<string, number> = {};
  for (const f of readParquetArrow(bytes!).schema.fields) ids[f.name] = Number(f.metadata.get(FIELD_ID_KEY));
  return ids;
}

describe('schema evolution on write', () => {
  it('adds new fields as optional columns through the catalog before answering, and the flush writes them', async () => {
    const host = catalogHost();
    const { catalog, calls } = counting(host.catalog);
    useColumnCatalog(new CatalogColumns({ catalog }));
    await install(host.target);

    const sent = await send([
      order(1, { amount: 12.5, plan: 'pro', gift: true, items: [{ sku: 'a' }] }),
      order(2, { amount: 3, plan: 'free' }),
    ]);
    expect(sent.status).toBe(202);
    expect(sent.body).toMatchObject({ accepted: 2, rejected: 0 });

    // Decided at ingest: the table exists with the new columns before anything is flushed.
    const evolved = (await host.catalog.loadTable('default', TABLE))!.metadata;
    expect(currentSnapshot(evolved)).toBeUndefined();
    const base = tableColumns(TABLE).length;
    expect(currentSchema(evolved).fields.slice(base)).toEqual([
      expect.objectContaining({ id: base + 1, name: 'amount', required: false, type: { type: 'double' } }),
      expect.objectContaining({ id: base + 2, name: 'plan', required: false, type: { type: 'string' } }),
      expect.objectContaining({ id: base + 3, name: 'gift', required: false, type: { type: 'boolean' } }),
    ]);
    expect(evolved.lastColumnId).toBe(base + 3);
    expect(evolved.schemas.map((s) => s.schemaId)).toEqual([0, 1]);

    // Known fields: no catalog call on the hot path.
    const before = { ...calls };
    expect((await send([order(3, { amount: 1, plan: 'team', gift: false })])).status).toBe(202);
    expect(calls).toEqual(before);

    await flushBoth();
    expect(await totalStored(TABLE)).toBe(0);
    const metadata = (await host.catalog.loadTable('default', TABLE))!.metadata;
    expect(currentSnapshot(metadata)?.schemaId).toBe(1);
    const rows = await tableRows(metadata);
    const byId = new Map(rows.map((r) => [r.event_id, r]));
    expect(byId.get(uuid(70_001))).toMatchObject({ amount: 12.5, plan: 'pro', gift: true });
    expect(byId.get(uuid(70_002))).toMatchObject({ amount: 3, plan: 'free', gift: null });
    expect(byId.get(uuid(70_003))).toMatchObject({ amount: 1, plan: 'team', gift: false });
    expect(JSON.parse(String(byId.get(uuid(70_001))?.properties))).toEqual({
      amount: 12.5,
      plan: 'pro',
      gift: true,
      items: [{ sku: 'a' }],
    });
    const ids = await parquetFieldIds(metadata);
    expect([ids.amount, ids.plan, ids.gift]).toEqual([base + 1, base + 2, base + 3]);
  });

  it('serves concurrent requests that add columns to one table, one schema change at a time', async () => {
    const host = catalogHost();
    const { catalog, calls } = counting(host.catalog);
    useColumnCatalog(new CatalogColumns({ catalog }));
    await install(host.target);
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => send([order(50 + i, { shared: i, [`only_${i}`]: 'x' })])),
    );
    expect(answers.map((a) => [a.status, a.body.accepted])).toEqual(
      Array.from({ length: 6 }, () => [202, 1]),
    );
    const schema = currentSchema((await host.catalog.loadTable('default', TABLE))!.metadata);
    const added = schema.fields.slice(tableColumns(TABLE).length).map((f) => f.name);
    expect(added.sort()).toEqual(
      ['only_0', 'only_1', 'only_2', 'only_3', 'only_4', 'only_5', 'shared'].sort(),
    );
    expect(new Set(schema.fields.map((f) => f.id)).size).toBe(schema.fields.length);
    expect(calls.commit).toBe(6); // one schema change per request, none lost to a conflict
    expect(await totalStored(TABLE)).toBe(6);
  });

  it('rejects a value of the wrong type per event, naming field, column type and value; stores only the good events', async () => {
    const host = catalogHost();
    useColumnCatalog(new CatalogColumns({ catalog: host.catalog }));
    await install(host.target);
    expect((await send([order(10, { amount: 5 })])).status).toBe(202);

    const sent = await send([
      order(11, { amount: 'abc' }),
      order(12, { amount: 7.25 }),
      order(13, { amount: false }),
    ]);
    expect(sent.status).toBe(202);
    expect(sent.body).toMatchObject({ accepted: 1, rejected: 2 });
    expect(sent.body.events).toEqual([{ index: 1, event_id: uuid(70_012), status: 'accepted' }]);
    expect(sent.body.errors).toEqual([
      {
        index: 0,
        field: 'data.amount',
        message:
          "field 'data.amount' (column 'amount') is a double column of default.custom_events; got string 'abc': " +
          'send a number or null, or send string values under another field name',
      },
      {
        index: 2,
        field: 'data.amount',
        message: expect.stringContaining(
          "field 'data.amount' (column 'amount') is a double column of default.custom_events; got boolean false",
        ),
      },
    ]);
    expect(await totalStored(TABLE)).toBe(2);

    await flushBoth();
    const rows = await tableRows((await host.catalog.loadTable('default', TABLE))!.metadata);
    expect(rows.map((r) => [r.event_id, r.amount]).sort()).toEqual([
      [uuid(70_010), 5],
      [uuid(70_012), 7.25],
    ]);
  });

  it('two writers racing to add one field with different types: the first commit wins, the other is rejected clearly', async () => {
    const host = catalogHost();
    await install(host.target);
    // Writer B is another isolate; writer A's schema change meets B's commit first (a real 409).
    const writerB = new CatalogColumns({ catalog: host.catalog });
    let raced = false;
    const conflicts = { count: 0 };
    const racing: TableCatalog = {
      loadTable: (ns, t) => host.catalog.loadTable(ns, t),
      createNamespace: (ns) => host.catalog.createNamespace(ns),
      createTable: (ns, body) => host.catalog.createTable(ns, body),
      async commitTable(ns, t, requirements, updates) {
        if (!raced) {
          raced = true;
          await writerB.addColumns(TABLE, [{ name: 'coupon', type: 'string' }]);
        }
        try {
          return await host.catalog.commitTable(ns, t, requirements, updates);
        } catch (error) {
          conflicts.count++;
          throw error;
        }
      },
    };
    useColumnCatalog(new CatalogColumns({ catalog: racing }));

    const sent = await send([order(20, { coupon: 10, note: 'first' })]);
    expect(conflicts.count).toBe(1);
    expect(sent.status).toBe(422);
    const body = sent.body as unknown as {
      error: { kind: string };
      errors: { field: string; message: string }[];
    };
    expect(body.error.kind).toBe('all_events_invalid');
    expect(body.errors).toEqual([
      {
        index: 0,
        field: 'data.coupon',
        message: expect.stringContaining(
          "field 'data.coupon' (column 'coupon') is a string column of default.custom_events; got number 10",
        ),
      },
    ]);
    // A's other new field still landed, in the schema change it redid after the 409.
    const schema = currentSchema((await host.catalog.loadTable('default', TABLE))!.metadata);
    expect(schema.fields.filter((f) => ['coupon', 'note'].includes(f.name))).toEqual([
      expect.objectContaining({ name: 'coupon', type: { type: 'string' } }),
      expect.objectContaining({ name: 'note', type: { type: 'string' } }),
    ]);
    expect(await totalStored(TABLE)).toBe(0);
    // The winner's type is what both now accept.
    expect((await send([order(21, { coupon: 'SPRING' })])).body).toMatchObject({ accepted: 1 });
  });

  it('flushes rows whose column was re-typed by hand after ingest: the value is written as null, properties keep it', async () => {
    const host = catalogHost();
    useColumnCatalog(new CatalogColumns({ catalog: host.catalog }));
    await install(host.target);
    expect((await send([order(40, { amount: 5, plan: 'pro' })])).body).toMatchObject({ accepted: 1 });

    // An operator drops `amount` and adds it back as a string (a new field id) before the flush.
    const base = (await host.catalog.loadTable('default', TABLE))!.metadata;
    const dropped = dropColumn(currentSchema(base), 'amount');
    const change = schemaChangeCommit(
      base,
      addColumn(dropped, base.lastColumnId, { name: 'amount', type: { type: 'string' } }),
    );
    await host.catalog.commitTable(
      'default',
      TABLE,
      change.requirements.map(tableRequirementToJson),
      change.updates.map(tableUpdateToJson),
    );

    await flushBoth();
    expect(await totalStored(TABLE)).toBe(0);
    const [row] = await tableRows((await host.catalog.loadTable('default', TABLE))!.metadata);
    expect(row).toMatchObject({ event_id: uuid(70_040), amount: null, plan: 'pro' });
    expect(JSON.parse(String(row?.properties))).toEqual({ amount: 5, plan: 'pro' });
  });

  it('accepts events with new fields in properties only while the catalog is unreachable', async () => {
    // No column catalog installed: the isolate's own, over the test CATALOG binding that answers 503.
    await install(new MemoryFlushTarget());
    const sent = await send([order(30, { amount: 'abc', fresh_field: 1 })]);
    expect(sent.body).toMatchObject({ accepted: 1, rejected: 0 });
    const rows = await runInDurableObject(buffer(TABLE, 0), (i: BufferDurableObject) =>
      i.readBuffered(0, Number.MAX_SAFE_INTEGER, 10),
    );
    const more = await runInDurableObject(buffer(TABLE, 1), (i: BufferDurableObject) =>
      i.readBuffered(0, Number.MAX_SAFE_INTEGER, 10),
    );
    const row = [...rows, ...more].find((r) => r.event_id === uuid(70_030));
    expect(row).toBeDefined();
    expect(row).not.toHaveProperty('amount');
    expect(row).not.toHaveProperty('fresh_field');
    expect(JSON.parse(String(row?.properties))).toEqual({ amount: 'abc', fresh_field: 1 });
  });
});
