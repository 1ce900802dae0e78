import type { Schema } from '@analytics/iceberg';
import { describe, expect, it } from 'vitest';
import {
  ApiKeyRing,
  type ColumnCatalog,
  type ErrorBody,
  type EventTableName,
  type IngestResult,
  ingest,
  MemoryColumnCatalog,
  type NewColumn,
  sha256Hex,
  TableColumns,
  tableColumns,
} from '../src/index.ts';
import { harness, pageView, post } from './fixtures.ts';

const CE = { 'content-type': 'application/cloudevents-batch+json' };

/** A custom CloudEvent of type `order.created` with `data`. */
function order(data: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { specversion: '1.0', type: 'order.created', source: '/shop', data, ...extra };
}

function names(catalog: MemoryColumnCatalog, table: EventTableName): string[] {
  const base = new Set(tableColumns(table).map((c) => c.name));
  return catalog
    .schema(table)
    .fields.filter((f) => !base.has(f.name))
    .map((f) => `${f.name}:${(f.type as { type: string }).type}`);
}

describe('schema evolution on write', () => {
  it('turns the scalar members of a custom CloudEvent into new optional columns, in one schema change', async () => {
    const catalog = new MemoryColumnCatalog();
    const { sink, deps } = await harness({ columns: catalog });
    const data = {
      amount: 12.5,
      plan: 'pro',
      trial: false,
      items: [1, 2],
      address: { city: 'x' },
      note: null,
    };
    const { answer } = await ingest(post([order(data)], CE), deps);
    expect(answer.status).toBe(202);
    expect(catalog.changes).toEqual([
      {
        table: 'custom_events',
        added: [
          { name: 'amount', type: 'double' },
          { name: 'plan', type: 'string' },
          { name: 'trial', type: 'boolean' },
        ],
      },
    ]);
    const field = catalog.schema('custom_events').fields.find((f) => f.name === 'amount');
    expect(field).toMatchObject({ required: false, id: tableColumns('custom_events').length + 1 });
    const row = sink.rows('custom_events')[0]!;
    expect(row).toMatchObject({ amount: 12.5, plan: 'pro', trial: false });
    for (const nested of ['items', 'address', 'note']) expect(row).not.toHaveProperty(nested);
    // properties keeps every open member, promoted or not: nothing depends on the schema to be whole.
    expect(JSON.parse(String(row.properties))).toEqual(data);
  });

  it('gives every JSON number one double column: whole and fractional numbers never conflict', async () => {
    const catalog = new MemoryColumnCatalog();
    const { sink, deps } = await harness({ columns: catalog });
    for (const amount of [3, 1.5, -7])
      expect((await ingest(post([order({ amount })], CE), deps)).answer.status).toBe(202);
    expect(names(catalog, 'custom_events')).toEqual(['amount:double']);
    expect(catalog.changes).toHaveLength(1);
    expect(sink.rows('custom_events').map((r) => r.amount)).toEqual([3, 1.5, -7]);
  });

  it('rejects a value of the wrong type with a message naming the field, the column type and the value; stores the good event beside it', async () => {
    const catalog = new MemoryColumnCatalog();
    const { sink, deps } = await harness({ columns: catalog });
    await ingest(post([order({ amount: 1 })], CE), deps);
    const { answer } = await ingest(post([order({ amount: 'abc' }), order({ amount: 2 })], CE), deps);
    expect(answer.status).toBe(202);
    const body = answer.body as IngestResult;
    expect(body).toMatchObject({ accepted: 1, rejected: 1 });
    expect(body.events.map((e) => e.index)).toEqual([1]);
    expect(body.errors).toEqual([
      {
        index: 0,
        field: 'data.amount',
        message:
          "field 'data.amount' (column 'amount') is a double column of default.custom_events; got string 'abc': " +
          'send a number or null, or send string values under another field name',
      },
    ]);
    expect(sink.rows('custom_events').map((r) => r.amount)).toEqual([1, 2]);
    expect(names(catalog, 'custom_events')).toEqual(['amount:double']);
  });

  it('answers 422 when every event conflicts, and stores nothing', async () => {
    const catalog = new MemoryColumnCatalog();
    const { sink, deps } = await harness({ columns: catalog });
    await ingest(post({ event_type: 'signup', plan: 'pro' }), deps);
    const { answer } = await ingest(post({ event_type: 'signup', plan: { tier: 'pro' } }), deps);
    expect(answer.status).toBe(422);
    const body = answer.body as ErrorBody;
    expect(body.error.kind).toBe('all_events_invalid');
    expect(body.error.message).toContain(
      "field 'plan' is a string column of default.user_actions; got an object",
    );
    expect(body.errors?.[0]).toMatchObject({ index: 0, field: 'plan' });
    expect(sink.rows('user_actions')).toHaveLength(1);
  });

  it('lets the first event of a request that brings a new field decide its type', async () => {
    const catalog = new MemoryColumnCatalog();
    const { sink, deps } = await harness({ columns: catalog });
    const { answer } = await ingest(post([order({ coupon: 'SPRING' }), order({ coupon: 10 })], CE), deps);
    expect(answer.body).toMatchObject({
      accepted: 1,
      rejected: 1,
      errors: [{ index: 1, field: 'data.coupon' }],
    });
    expect((answer.body as IngestResult).errors[0]?.message).toContain('is a string column');
    expect(names(catalog, 'custom_events')).toEqual(['coupon:string']);
    expect(sink.rows('custom_events').map((r) => r.coupon)).toEqual(['SPRING']);
  });

  it('keeps names unfit for a column in properties only, and accepts the event', async () => {
    const catalog = new MemoryColumnCatalog();
    const { sink, deps } = await harness({ columns: catalog });
    await ingest(post([order({ amount: 1 })], CE), deps);
    const data = {
      'has space': 'a',
      'dotted.name': 'b',
      _private: 'c',
      '9lives': 'd',
      Event_ID: 'e', // differs from the base column event_id only by case
      Amount: 5, // differs from amount only by case
      type: 'f', // the events view's own column
      timestamp_hour: 'g', // the partition field's name
      [`x${'y'.repeat(64)}`]: 'h', // 65 characters
    };
    const { answer } = await ingest(post([order(data)], CE), deps);
    expect(answer.body).toMatchObject({ accepted: 1, rejected: 0 });
    expect(names(catalog, 'custom_events')).toEqual(['amount:double']);
    const row = sink.rows('custom_events')[1]!;
    expect(JSON.parse(String(row.properties))).toEqual(data);
    for (const name of Object.keys(data)) expect(row).not.toHaveProperty(name);
  });

  it('stops adding columns at the per-table cap; later fields stay in properties', async () => {
    const catalog = new MemoryColumnCatalog({ maxOpenColumns: 2 });
    const { sink, deps } = await harness({ columns: catalog });
    await ingest(post([order({ a: 1, b: 'x', c: true })], CE), deps);
    await ingest(post([order({ d: 4 })], CE), deps);
    expect(names(catalog, 'custom_events')).toEqual(['a:double', 'b:string']);
    expect(sink.rows('custom_events')[0]).toMatchObject({ a: 1, b: 'x' });
    expect(sink.rows('custom_events')[0]).not.toHaveProperty('c');
    expect(JSON.parse(String(sink.rows('custom_events')[1]?.properties))).toEqual({ d: 4 });
  });

  it('promotes CloudEvent extension attributes too; a data member of the same name wins', async () => {
    const catalog = new MemoryColumnCatalog();
    const { sink, deps } = await harness({ columns: catalog });
    const ce = order({ region: 'eu' }, { traceparent: '00-abc-01', priority: 3, region: 'us' });
    expect((await ingest(post([ce], CE), deps)).answer.status).toBe(202);
    expect(names(catalog, 'custom_events')).toEqual([
      'region:string',
      'traceparent:string',
      'priority:double',
    ]);
    expect(sink.rows('custom_events')[0]).toMatchObject({
      region: 'eu',
      traceparent: '00-abc-01',
      priority: 3,
    });
    const conflict = await ingest(post([order({}, { priority: 'high' })], CE), deps);
    expect(conflict.answer.status).toBe(422);
    expect((conflict.answer.body as ErrorBody).errors?.[0]).toMatchObject({
      field: 'priority',
      message: expect.stringContaining(
        "field 'priority' is a double column of default.custom_events; got string 'high'",
      ),
    });
  });

  it('evolves user_actions from plain events; the typed tables never change', async () => {
    const catalog = new MemoryColumnCatalog();
    const { sink, deps } = await harness({ columns: catalog });
    const { answer } = await ingest(
      post({ events: [{ event_type: 'signup', plan: 'pro', seats: 3 }, pageView({ campaign_code: 'x' })] }),
      deps,
    );
    expect(answer.body).toMatchObject({ accepted: 2 });
    expect(names(catalog, 'user_actions')).toEqual(['plan:string', 'seats:double']);
    expect(names(catalog, 'page_views')).toEqual([]);
    expect(sink.rows('user_actions')[0]).toMatchObject({ plan: 'pro', seats: 3 });
    expect(sink.rows('page_views')[0]).not.toHaveProperty('campaign_code');
  });

  it('lets null fit any column and makes no column for a field that is only ever null', async () => {
    const catalog = new MemoryColumnCatalog();
    const { sink, deps } = await harness({ columns: catalog });
    await ingest(post([order({ amount: 1, later: null })], CE), deps);
    const { answer } = await ingest(post([order({ amount: null })], CE), deps);
    expect(answer.body).toMatchObject({ accepted: 1, rejected: 0 });
    expect(names(catalog, 'custom_events')).toEqual(['amount:double']);
    expect(sink.rows('custom_events')[1]).not.toHaveProperty('amount');
  });

  it('accepts events with their new fields in properties only while the catalog is unreachable', async () => {
    const down: ColumnCatalog = { columns: async () => undefined, addColumns: async () => undefined };
    const { sink, deps } = await harness({ columns: down });
    const { answer } = await ingest(post([order({ amount: 'abc' })], CE), deps);
    expect(answer.body).toMatchObject({ accepted: 1, rejected: 0 });
    expect(sink.rows('custom_events')[0]).not.toHaveProperty('amount');
    expect(JSON.parse(String(sink.rows('custom_events')[0]?.properties))).toEqual({ amount: 'abc' });
  });

  it('rejects clearly when another writer added the column with another type first', async () => {
    const truth = new MemoryColumnCatalog();
    // This isolate's cache does not have `amount` yet; meanwhile another sender made it a string.
    await truth.addColumns('custom_events', [{ name: 'amount', type: 'string' }]);
    const stale: ColumnCatalog = {
      columns: async (table) => TableColumns.initial(table),
      addColumns: (table, columns: readonly NewColumn[]) => truth.addColumns(table, columns),
    };
    const { sink, deps } = await harness({ columns: stale });
    const { answer } = await ingest(post([order({ amount: 9.99 })], CE), deps);
    expect(answer.status).toBe(422);
    expect((answer.body as ErrorBody).errors?.[0]?.message).toContain(
      "field 'data.amount' (column 'amount') is a string column of default.custom_events; got number 9.99",
    );
    expect(sink.size).toBe(0);
    expect(names(truth, 'custom_events')).toEqual(['amount:string']);
  });

  it('changes no schema for a request whose key may not write the project (403)', async () => {
    const catalog = new MemoryColumnCatalog();
    const keys = await ApiKeyRing.fromSettings({
      COLLECTOR_API_KEYS: JSON.stringify([{ sha256: await sha256Hex('web-key'), projects: ['web'] }]),
    });
    const { sink, deps } = await harness({ columns: catalog, keys });
    const { answer } = await ingest(
      post({ event_type: 'signup', project_id: 'other', plan: 'pro' }, { 'x-api-key': 'web-key' }),
      deps,
    );
    expect(answer.status).toBe(403);
    expect(catalog.changes).toEqual([]);
    expect(sink.size).toBe(0);
  });
});

describe('columns someone else added', () => {
  const schema: Schema = {
    schemaId: 3,
    fields: [
      ...tableColumns('custom_events').map((c) => ({
        id: c.id,
        name: c.name,
        required: c.required,
        type: { type: c.type },
      })),
      { id: 100, name: 'quantity', required: false, type: { type: 'int' } },
      { id: 101, name: 'shipped_on', required: false, type: { type: 'date' } },
      {
        id: 102,
        name: 'address',
        required: false,
        type: {
          type: 'struct',
          fields: [{ id: 103, name: 'city', required: false, type: { type: 'string' } }],
        },
      },
    ],
  };
  const columns = new TableColumns('custom_events', schema);
  const fitOf = (name: string, value: unknown) => columns.fit({ name, path: `data.${name}`, value });

  it('fills them with the values their type accepts and rejects the rest', () => {
    expect(fitOf('quantity', 3).kind).toBe('column');
    expect(fitOf('shipped_on', '2024-01-15').kind).toBe('column');
    const half = fitOf('quantity', 2.5);
    expect(half).toMatchObject({
      kind: 'conflict',
      problem: {
        kind: 'schema-conflict',
        field: 'data.quantity',
        message: expect.stringContaining(
          "field 'data.quantity' (column 'quantity') is an int column of default.custom_events; got number 2.5: send a whole number",
        ),
      },
    });
    expect(fitOf('shipped_on', 'soon').kind).toBe('conflict');
  });

  it('leaves nested columns alone: the value stays in properties', () => {
    expect(fitOf('address', { city: 'x' }).kind).toBe('skip');
  });

  it('counts them against the cap', () => {
    expect(new TableColumns('custom_events', schema, { maxOpenColumns: 4 }).room).toBe(1);
  });
});
