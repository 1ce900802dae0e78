import { env, runInDurableObject } from 'cloudflare:test';
import type { EventRow } from '@analytics/events';
import { describe, expect, it } from 'vitest';
import type { BufferDurableObject } from '../src/buffer-durable-object.ts';
import { type BufferedBatch, BufferStore } from '../src/buffer-store.ts';
import { encodeRows } from '../src/row-batch.ts';
import { uuid } from './fixtures.ts';

/** Runs `fn` on the SQLite storage of a fresh Durable Object of the buffer class. */
function withStorage<T>(fn: (sql: SqlStorage) => T): Promise<T> {
  const stub = env.BUFFER.get(env.BUFFER.newUniqueId());
  return runInDurableObject(stub, (_i: BufferDurableObject, state: DurableObjectState) =>
    fn(state.storage.sql),
  );
}

/** A request's batch as the collector sends it (`encodeRows`); `objects` keeps the rows as objects. */
function batchOf(
  ns: readonly number[],
  micros = (n: number) => 1_000_000 * n,
  { objects = false } = {},
): BufferedBatch {
  const rows = ns.map((n) => ({ event_id: uuid(n), timestamp: micros(n), value: n, ratio: 0.1 + 0.2 }));
  const encoded = objects ? { rows: JSON.stringify(rows) } : encodeRows(rows);
  return {
    ids: rows.map((r) => r.event_id),
    ...encoded,
    bytes: encoded.rows.length,
    minTimestampMicros: Math.min(...rows.map((r) => r.timestamp)),
    maxTimestampMicros: Math.max(...rows.map((r) => r.timestamp)),
  };
}

const allRows = (store: BufferStore, maxEvents = 1_000) => {
  const flush = store.beginFlush(crypto.randomUUID(), maxEvents);
  if (flush === undefined) return { flush, rows: [] };
  return { flush, rows: [...store.flushRows(flush)].flat() };
};

describe('the buffer store', () => {
  it('answers repeats as duplicates whether the first copy is buffered, flushed, or from before a restart', async () => {
    await withStorage((sql) => {
      const store = new BufferStore(sql);
      expect(store.append(batchOf([1, 2, 3]), 1_000)).toEqual([]);
      expect(store.append(batchOf([3, 4]), 1_000)).toEqual([0]);
      expect(store.count()).toBe(4);
      // A new instance over the same storage (the Durable Object restarted) still knows 1..4.
      const restarted = new BufferStore(sql);
      expect(restarted.count()).toBe(4);
      expect(restarted.append(batchOf([2, 5]), 2_000)).toEqual([0]);
      const { flush, rows } = allRows(restarted);
      expect(rows.map((r) => r.value)).toEqual([1, 2, 3, 4, 5]);
      restarted.completeFlush(flush!, 3_000);
      expect(restarted.count()).toBe(0);
      // Flushed ids are remembered in `seen` until the window passes.
      expect(restarted.append(batchOf([1, 6]), 4_000)).toEqual([0]);
      restarted.forgetSeenBefore(3_500);
      expect(restarted.append(batchOf([2]), 5_000)).toEqual([]);
    });
  });

  it('keeps ids in SQLite instead of memory past its bound, and still finds repeats', async () => {
    await withStorage((sql) => {
      const store = new BufferStore(sql, { maxIdsInMemory: 3 });
      store.append(batchOf([1, 2]), 1_000);
      store.append(batchOf([3, 4]), 1_000);
      const spilled = sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM seen').one().n;
      expect(spilled).toBe(4);
      expect(store.append(batchOf([4, 5]), 1_000)).toEqual([0]);
      const { flush, rows } = allRows(store);
      expect(rows.map((r) => r.value)).toEqual([1, 2, 3, 4, 5]);
      expect(store.completeFlush(flush!, 2_000)).toMatchObject({ events: 5 });
      expect(store.append(batchOf([5]), 3_000)).toEqual([0]);
    });
  });

  it('flushes whole requests up to the event cap, oldest first, and keeps numbers exact', async () => {
    await withStorage((sql) => {
      const store = new BufferStore(sql);
      store.append(batchOf([1, 2, 3]), 1_000);
      store.append(batchOf([4, 5, 6]), 1_000);
      store.append(batchOf([7]), 1_000);
      const first = allRows(store, 4);
      expect(first.rows.map((r) => r.value)).toEqual([1, 2, 3]);
      expect(first.rows[0]?.ratio).toBe(0.1 + 0.2);
      store.completeFlush(first.flush!, 2_000);
      // A single request larger than the cap still flushes, alone.
      const second = allRows(store, 2);
      expect(second.rows.map((r) => r.value)).toEqual([4, 5, 6]);
    });
  });

  it('reads buffered rows by event time for realtime queries', async () => {
    await withStorage((sql) => {
      const store = new BufferStore(sql);
      store.append(batchOf([5, 1, 9]), 1_000);
      store.append(batchOf([3, 7]), 1_000);
      expect(store.rowsBetween(2_000_000, 8_000_000, 10).map((r) => r.value)).toEqual([3, 5, 7]);
      expect(store.rowsBetween(0, 100_000_000, 2).map((r) => r.value)).toEqual([1, 3]);
      expect(store.rowsBetween(0, 100_000_000, 10)[0]?.ratio).toBe(0.1 + 0.2);
    });
  });

  it('takes over the events of a buffer written by the previous layout, pending flush included', async () => {
    await withStorage((sql) => {
      sql.exec('DROP TABLE batches');
      sql.exec(
        'CREATE TABLE events (seq INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL, ts INTEGER NOT NULL, row TEXT NOT NULL, bytes INTEGER NOT NULL)',
      );
      for (const n of [1, 2, 3]) {
        const row = JSON.stringify({ event_id: uuid(n), timestamp: n * 1_000_000, value: n });
        sql.exec(
          'INSERT INTO events (event_id, ts, row, bytes) VALUES (?, ?, ?, ?)',
          uuid(n),
          n,
          row,
          row.length,
        );
        sql.exec('INSERT OR IGNORE INTO seen (event_id, at) VALUES (?, ?)', uuid(n), 500);
      }
      sql.exec("INSERT INTO pending_flush (id, flush_id, max_seq) VALUES (1, 'old-flush', 2)");
      const store = new BufferStore(sql);
      expect(store.count()).toBe(3);
      const pending = store.pendingFlush()!;
      expect(pending.flushId).toBe('old-flush');
      expect([...store.flushRows(pending)].flat().map((r) => r.value)).toEqual([1, 2]);
      store.completeFlush(pending, 1_000);
      expect(store.count()).toBe(1);
      expect(store.append(batchOf([3]), 1_000)).toEqual([0]);
    });
  });

  it('takes over batches written before they kept their ids', async () => {
    await withStorage((sql) => {
      sql.exec('DROP TABLE batches');
      sql.exec(`CREATE TABLE batches (seq INTEGER PRIMARY KEY AUTOINCREMENT, rows TEXT NOT NULL,
        n INTEGER NOT NULL, bytes INTEGER NOT NULL, min_ts INTEGER NOT NULL, max_ts INTEGER NOT NULL,
        received_ms INTEGER NOT NULL, ids_in_seen INTEGER NOT NULL DEFAULT 0)`);
      const old = batchOf([1, 2], undefined, { objects: true });
      sql.exec(
        'INSERT INTO batches (rows, n, bytes, min_ts, max_ts, received_ms) VALUES (?, 2, ?, ?, ?, 1000)',
        old.rows,
        old.bytes,
        old.minTimestampMicros,
        old.maxTimestampMicros,
      );
      const store = new BufferStore(sql);
      // Its ids were read from its rows: a repeat is caught while it is buffered …
      expect(store.append(batchOf([2, 3]), 2_000)).toEqual([0]);
      const { flush, rows } = allRows(store);
      expect(rows.map((r) => r.value)).toEqual([1, 2, 3]);
      store.completeFlush(flush!, 3_000);
      // … and every id of both kinds of batch is in `seen` once flushed.
      const seen = sql.exec<{ id: string }>('SELECT event_id AS id FROM seen ORDER BY id').toArray();
      expect(seen.map((r) => r.id)).toEqual([uuid(1), uuid(2), uuid(3)]);
      expect(store.append(batchOf([1, 3, 4]), 4_000)).toEqual([0, 1]);
      expect(store.count()).toBe(1);
    });
  });
  it('writes rows of the same columns as values, others as objects, and reads both back alike', async () => {
    const same = [
      { event_id: uuid(1), timestamp: 1_000_000, page: 'a', n: null },
      { event_id: uuid(2), timestamp: 2_000_000, page: 'b', n: 2 },
    ];
    const encoded = encodeRows(same);
    expect(JSON.parse(encoded.columns!)).toEqual(['event_id', 'timestamp', 'page', 'n']);
    expect(JSON.parse(encoded.rows)).toEqual([
      [uuid(1), 1_000_000, 'a', null],
      [uuid(2), 2_000_000, 'b', 2],
    ]);
    expect(encoded.rows.length).toBeLessThan(JSON.stringify(same).length);
    // An open table's rows may have different new columns: then they stay objects.
    const differing = [same[0]!, { event_id: uuid(3), timestamp: 3_000_000, page: 'c', plan: 'pro' }];
    expect(encodeRows(differing)).toEqual({ rows: JSON.stringify(differing) });
    expect(encodeRows([{ timestamp: 1, event_id: uuid(4) }]).columns).toBeUndefined();

    await withStorage((sql) => {
      const store = new BufferStore(sql);
      const batch = (rows: readonly EventRow[]): BufferedBatch => ({
        ids: rows.map((r) => String(r.event_id)),
        ...encodeRows(rows),
        bytes: 100,
        minTimestampMicros: Math.min(...rows.map((r) => Number(r.timestamp))),
        maxTimestampMicros: Math.max(...rows.map((r) => Number(r.timestamp))),
      });
      store.append(batch(same), 1_000);
      store.append(batch(differing.slice(1)), 1_000);
      store.append(
        batch([{ event_id: uuid(4), timestamp: 4_000_000, page: 'd', plan: 'free', extra: true }]),
        1_000,
      );
      expect(store.rowsBetween(1_500_000, 3_500_000, 10)).toEqual([same[1], differing[1]]);
      // The ids are read from the rows: a repeat of any of them is a duplicate, buffered or flushed.
      expect(store.append(batchOf([1, 2, 3, 4, 5]), 2_000)).toEqual([0, 1, 2, 3]);
      const { flush, rows } = allRows(store);
      expect(rows.slice(0, 4)).toEqual([
        same[0],
        same[1],
        differing[1],
        { event_id: uuid(4), timestamp: 4_000_000, page: 'd', plan: 'free', extra: true },
      ]);
      store.completeFlush(flush!, 3_000);
      const seen = sql.exec<{ id: string }>('SELECT event_id AS id FROM seen ORDER BY id').toArray();
      expect(seen.map((r) => r.id)).toEqual([1, 2, 3, 4, 5].map(uuid));
      expect(new BufferStore(sql).append(batchOf([2, 6]), 4_000)).toEqual([0]);
    });
  });

  it('keeps a column of one value in every row once, and reads its rows back whole', async () => {
    const rows = [1, 2, 3].map((n) => ({
      event_id: uuid(n),
      timestamp: 1_000_000 * n,
      page: `/p/${n}`,
      country: null,
      browser: 'Firefox',
      is_bot: false,
      received_at: 9_000_000,
    }));
    const encoded = encodeRows(rows);
    expect(JSON.parse(encoded.columns!)).toEqual(['event_id', 'timestamp', 'page']);
    expect(JSON.parse(encoded.constants!)).toEqual({
      country: null,
      browser: 'Firefox',
      is_bot: false,
      received_at: 9_000_000,
    });
    expect(JSON.parse(encoded.rows)).toEqual(rows.map((r) => [r.event_id, r.timestamp, r.page]));
    // The id and the event time stay in the rows even when every row has the same (SQL reads them there).
    const one = encodeRows([
      { ...rows[0]!, timestamp: 5, page: '/same' },
      { ...rows[1]!, timestamp: 5, page: '/same' },
    ]);
    expect(JSON.parse(one.columns!)).toEqual(['event_id', 'timestamp']);
    expect(JSON.parse(one.constants!)).toMatchObject({ page: '/same' });
    expect(
      encodeRows([
        { event_id: uuid(9), timestamp: 1, page: '/a' },
        { event_id: uuid(8), timestamp: 2, page: '/b' },
      ]).constants,
    ).toBeUndefined();

    await withStorage((sql) => {
      const store = new BufferStore(sql);
      const batch = (of: readonly EventRow[]): BufferedBatch => ({
        ids: of.map((r) => String(r.event_id)),
        ...encodeRows(of),
        bytes: 100,
        minTimestampMicros: Math.min(...of.map((r) => Number(r.timestamp))),
        maxTimestampMicros: Math.max(...of.map((r) => Number(r.timestamp))),
      });
      store.append(batch(rows), 1_000);
      // A later request with other constants, and one that repeats an id: its other rows keep theirs.
      const later = [4, 1, 5].map((n) => ({
        ...rows[0]!,
        event_id: uuid(n),
        timestamp: 1_000_000 * n,
        browser: 'Safari',
      }));
      expect(store.append(batch(later), 2_000)).toEqual([1]);
      expect(store.rowsBetween(1_500_000, 4_500_000, 10)).toEqual([rows[1], rows[2], later[0]]);
      const { flush, rows: flushed } = allRows(store);
      expect(flushed).toEqual([...rows, later[0], later[2]]);
      store.completeFlush(flush!, 3_000);
      expect(store.append(batch([later[2]!]), 4_000)).toEqual([0]);
    });
  });

  it('takes over batches written before constants were kept apart', async () => {
    await withStorage((sql) => {
      sql.exec('DROP TABLE batches');
      sql.exec(`CREATE TABLE batches (seq INTEGER PRIMARY KEY AUTOINCREMENT, rows TEXT NOT NULL,
        n INTEGER NOT NULL, bytes INTEGER NOT NULL, min_ts INTEGER NOT NULL, max_ts INTEGER NOT NULL,
        received_ms INTEGER NOT NULL, ids_in_seen INTEGER NOT NULL DEFAULT 0, ids TEXT, columns TEXT)`);
      // Every value in the arrays, as the previous version wrote them.
      sql.exec(
        `INSERT INTO batches (rows, n, bytes, min_ts, max_ts, received_ms, columns) VALUES (?, 2, 100, 1000000, 2000000, 1000, ?)`,
        JSON.stringify([
          [uuid(1), 1_000_000, 1, 0.1 + 0.2],
          [uuid(2), 2_000_000, 2, 0.1 + 0.2],
        ]),
        JSON.stringify(['event_id', 'timestamp', 'value', 'ratio']),
      );
      const store = new BufferStore(sql);
      expect(store.append(batchOf([2, 3]), 2_000)).toEqual([0]);
      const expected = [1, 2, 3].map((n) => ({
        event_id: uuid(n),
        timestamp: 1_000_000 * n,
        value: n,
        ratio: 0.1 + 0.2,
      }));
      expect(store.rowsBetween(0, 10_000_000, 10)).toEqual(expected);
      const { flush, rows } = allRows(store);
      expect(rows).toEqual(expected);
      store.completeFlush(flush!, 3_000);
      const seen = sql.exec<{ id: string }>('SELECT event_id AS id FROM seen ORDER BY id').toArray();
      expect(seen.map((r) => r.id)).toEqual([uuid(1), uuid(2), uuid(3)]);
    });
  });

  it('takes over batches of the previous version, with their ids kept beside object rows', async () => {
    await withStorage((sql) => {
      sql.exec('DROP TABLE batches');
      sql.exec(`CREATE TABLE batches (seq INTEGER PRIMARY KEY AUTOINCREMENT, rows TEXT NOT NULL,
        n INTEGER NOT NULL, bytes INTEGER NOT NULL, min_ts INTEGER NOT NULL, max_ts INTEGER NOT NULL,
        received_ms INTEGER NOT NULL, ids_in_seen INTEGER NOT NULL DEFAULT 0, ids TEXT)`);
      const old = batchOf([1, 2], undefined, { objects: true });
      sql.exec(
        'INSERT INTO batches (rows, n, bytes, min_ts, max_ts, received_ms, ids) VALUES (?, 2, ?, ?, ?, 1000, ?)',
        old.rows,
        old.bytes,
        old.minTimestampMicros,
        old.maxTimestampMicros,
        JSON.stringify(old.ids),
      );
      const store = new BufferStore(sql);
      expect(store.append(batchOf([2, 3]), 2_000)).toEqual([0]);
      expect(store.rowsBetween(0, 10_000_000, 10).map((r) => r.value)).toEqual([1, 2, 3]);
      const { flush, rows } = allRows(store);
      expect(rows.map((r) => r.value)).toEqual([1, 2, 3]);
      store.completeFlush(flush!, 3_000);
      const seen = sql.exec<{ id: string }>('SELECT event_id AS id FROM seen ORDER BY id').toArray();
      expect(seen.map((r) => r.id)).toEqual([uuid(1), uuid(2), uuid(3)]);
    });
  });
});
