/**
 * Issue 5, schema evolution on write, against the whole local stack (router,
 * collector, catalog under wrangler dev; the Node query engine): custom
 * CloudEvents with new fields add optional columns to `custom_events`
 * through the catalog; after a flush PyIceberg reads the new columns (by
 * field id) and so does SQL through GraphQL `timeTravel`; a value of the
 * wrong type gets a per-event error naming the field, the column type and
 * the value, and is not stored, while the good events beside it are.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StackHandle, startTestStack } from '../helpers/stack.ts';
import { eventId, INGEST_KEY, postEvents, readColumns } from './collector-helpers.ts';

let stack: StackHandle;

beforeAll(async () => {
  // Flushes happen when the test asks (POST /ops/flush), so what is in Iceberg is known at each step.
  stack = await startTestStack({ vars: { ANALYTICS_API_KEY: INGEST_KEY, FLUSH_INTERVAL_MS: '600000' } });
});

afterAll(async () => {
  await stack?.dispose();
});

const TYPE = 'com.example.order.created';
const CE_BATCH = { 'content-type': 'application/cloudevents-batch+json' };

function order(n: number, data: unknown): Record<string, unknown> {
  return {
    specversion: '1.0',
    id: eventId(81, n),
    type: TYPE,
    source: 'https://shop.example/checkout',
    time: '2024-03-01T09:30:00Z',
    data,
  };
}

async function flush(table: string): Promise<{ status: string; events: number }> {
  const res = await fetch(`${stack.url}/ops/flush`, {
    method: 'POST',
    headers: { authorization: 'Bearer dev-operator-token', 'content-type': 'application/json' },
    body: JSON.stringify({ table }),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { flushes: { status: string; events: number }[] };
  return body.flushes[0]!;
}

async function sql(query: string): Promise<{ results?: Record<string, unknown>[]; errors?: unknown }> {
  const res = await fetch(`${stack.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: `query($at: DateTime!, $sql: String!) { analytics { timeTravel(timestamp: $at, query: $sql) { results } } }`,
      variables: { at: new Date().toISOString(), sql: query },
    }),
  });
  const body = (await res.json()) as {
    data?: { analytics?: { timeTravel?: { results: Record<string, unknown>[] } } };
    errors?: unknown;
  };
  return { results: body.data?.analytics?.timeTravel?.results, errors: body.errors };
}

/** Polls `read` until `done` holds (the query engine refreshes from the catalog about once a second). */
async function eventually<T>(
  read: () => Promise<T>,
  done: (v: T) => boolean,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (done(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

describe('schema evolution on write', () => {
  it('new fields of custom CloudEvents become columns that PyIceberg and GraphQL SQL read; a type conflict is rejected per event and not stored', async () => {
    const first = await postEvents(
      stack.url,
      [
        order(1, { amount: 12.5, plan: 'pro', express: true, items: [{ sku: 'book', qty: 2 }] }),
        order(2, { amount: 3, plan: 'free' }),
        order(3, { amount: 'abc', plan: 'team' }),
      ],
      CE_BATCH,
    );
    expect(first.status).toBe(202);
    const answer = (await first.json()) as {
      accepted: number;
      rejected: number;
      errors: { index: number; field: string; message: string }[];
    };
    expect(answer).toMatchObject({ accepted: 2, rejected: 1 });
    expect(answer.errors).toEqual([
      {
        index: 2,
        field: 'data.amount',
        message:
          "field 'data.amount' (column 'amount') is a double column of default.custom_events; got string 'abc': " +
          'send a number or null, or send string values under another field name',
      },
    ]);

    // Every event of this request conflicts: 422, nothing stored.
    const second = await postEvents(stack.url, [order(4, { plan: 42 })], CE_BATCH);
    expect(second.status).toBe(422);
    const rejected = (await second.json()) as { error: { kind: string; message: string } };
    expect(rejected.error.kind).toBe('all_events_invalid');
    expect(rejected.error.message).toContain(
      "field 'data.plan' (column 'plan') is a string column of default.custom_events; got number 42",
    );

    expect(await flush('custom_events')).toMatchObject({ status: 'committed', events: 2 });

    const report = await readColumns(stack.url, 'custom_events', ['amount', 'plan', 'express', 'properties']);
    const byName = new Map(report.fields.map((f) => [f.name, f]));
    expect(byName.get('amount')).toMatchObject({ type: 'double', required: false });
    expect(byName.get('plan')).toMatchObject({ type: 'string', required: false });
    expect(byName.get('express')).toMatchObject({ type: 'boolean', required: false });
    expect(byName.has('items')).toBe(false);
    expect(report.rows.map(({ properties: _p, ...r }) => r)).toEqual([
      { event_id: eventId(81, 1), amount: 12.5, plan: 'pro', express: true },
      { event_id: eventId(81, 2), amount: 3, plan: 'free', express: null },
    ]);
    // properties keeps every member of data, promoted or not.
    expect(JSON.parse(String(report.rows[0]?.properties))).toEqual({
      amount: 12.5,
      plan: 'pro',
      express: true,
      items: [{ sku: 'book', qty: 2 }],
    });

    const table = await eventually(
      () => sql('SELECT event_id, amount, plan, express FROM custom_events ORDER BY event_id'),
      (r) => (r.results?.length ?? 0) >= 2,
    );
    expect(table.errors).toBeUndefined();
    expect(table.results).toEqual([
      { event_id: eventId(81, 1), amount: 12.5, plan: 'pro', express: true },
      { event_id: eventId(81, 2), amount: 3, plan: 'free', express: null },
    ]);
    const view = await sql(
      `SELECT count(*) AS n, sum(amount) AS total FROM events WHERE type = '${TYPE}' AND plan IS NOT NULL`,
    );
    expect(view.errors).toBeUndefined();
    expect(view.results).toEqual([{ n: '2', total: 15.5 }]);
  }, 180_000);
});
