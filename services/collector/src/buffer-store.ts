import type { EventRow, EventTableName } from '@analytics/events';
import { decodeRows, ID_AT, rowOf, TIMESTAMP_AT } from './row-batch.ts';

/** One request's rows for one buffer, as the Worker hands them over. */
export interface BufferedBatch {
  /** The rows' `event_id`s, in order, unique within the batch. */
  readonly ids: readonly string[];
  /** `JSON.stringify` of the rows (an array, aligned with `ids`; see `encodeRows`). */
  readonly rows: string;
  /** The column names when `rows` holds arrays of values (`encodeRows`); absent when it holds objects. */
  readonly columns?: string;
  /** The columns left out of the arrays, with their one value (`encodeRows`). */
  readonly constants?: string;
  /** UTF-8 size of `rows` and `constants`. */
  readonly bytes: number;
  /** Smallest and largest event time of the rows, epoch microseconds. */
  readonly minTimestampMicros: number;
  readonly maxTimestampMicros: number;
}

/** A flush that was started and has not been confirmed yet; it survives restarts. */
export interface PendingFlush {
  readonly flushId: string;
  /** Batches with `seq <= maxSeq` belong to this flush. */
  readonly maxSeq: number;
  readonly attempts: number;
  readonly lastError: string | null;
}

/**
 * The event id of a `json_each` member `r` of `COALESCE(b.ids, b.rows)`: an
 * element of `ids` (batches of the previous version), or read from a row of
 * values (`columns` set) or an object.
 */
const EVENT_ID = `CASE WHEN b.ids IS NOT NULL THEN r.value WHEN b.columns IS NOT NULL THEN r.value ->> ${ID_AT} ELSE r.value ->> 'event_id' END`;
const BATCH_ID = `${EVENT_ID} AS id`;
/** The event time of a `json_each` member `r` of `b.rows`. */
const ROW_TIMESTAMP = `CASE WHEN b.columns IS NULL THEN r.value ->> 'timestamp' ELSE r.value ->> ${TIMESTAMP_AT} END`;

/**
 * Ids of buffered events held in memory for the duplicate check; past this
 * (a long catalog outage) they are written to `seen` and memory starts over.
 */
const MAX_IDS_IN_MEMORY = 100_000;

/**
 * The buffer's SQLite tables (Durable Object storage): buffered requests in
 * arrival order, the event ids written within the de-duplication window, and
 * at most one pending flush. Every method is synchronous and runs inside the
 * Durable Object's implicit transaction, so a request's writes are atomic and
 * durable before its answer leaves (output gate).
 *
 * Why batches and not a row per event: the request path is the hot one, and
 * an insert per event (plus an index entry per event id, scattered over the
 * `seen` B-tree by random UUIDs) dirtied a page per event. Now a request is
 * one row, its ids stay in memory while buffered, and they reach `seen` at
 * flush time, sorted, in the same transaction that drops the flushed rows.
 * A batch's rows are arrays of values with the column names kept once, and
 * the columns of one value in the whole request kept once too (`columns`,
 * `constants`, see `encodeRows`): under half the bytes of objects to write;
 * its ids are not stored apart: the flush and a restart read them from the
 * rows (`event_id` is a row's first value). Batches of the previous version
 * kept their ids in `ids`; those are read from there. After a restart the
 * in-memory ids are rebuilt, so a duplicate is caught whether its first copy
 * is buffered or already flushed. The buffer's SQLite write is most of what
 * a request costs past the collector's own code, and it grows with the bytes
 * written (bench/RESULTS.md).
 */
export class BufferStore {
  readonly #sql: SqlStorage;
  /** Ids of buffered events whose ids are not in `seen` yet. */
  readonly #buffered = new Set<string>();
  /** The same ids by batch (`seq`), to forget a flush's ids without reading them back. */
  readonly #bufferedBySeq = new Map<number, readonly string[]>();
  /** The pending flush as last written (this store is its only writer); null until read. */
  #pending: PendingFlush | undefined | null = null;
  #bytes = 0;
  #count = 0;
  #table: EventTableName | undefined;

  readonly #maxIdsInMemory: number;

  constructor(sql: SqlStorage, options: { maxIdsInMemory?: number } = {}) {
    this.#sql = sql;
    this.#maxIdsInMemory = options.maxIdsInMemory ?? MAX_IDS_IN_MEMORY;
    sql.exec(`CREATE TABLE IF NOT EXISTS batches (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      rows TEXT NOT NULL,
      n INTEGER NOT NULL,
      bytes INTEGER NOT NULL,
      min_ts INTEGER NOT NULL,
      max_ts INTEGER NOT NULL,
      received_ms INTEGER NOT NULL,
      ids_in_seen INTEGER NOT NULL DEFAULT 0,
      ids TEXT,
      columns TEXT,
      constants TEXT)`);
    sql.exec(
      'CREATE TABLE IF NOT EXISTS seen (event_id TEXT PRIMARY KEY, at INTEGER NOT NULL) WITHOUT ROWID',
    );
    sql.exec('CREATE INDEX IF NOT EXISTS seen_at ON seen (at)');
    sql.exec(`CREATE TABLE IF NOT EXISTS pending_flush (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      flush_id TEXT NOT NULL,
      max_seq INTEGER NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      last_error TEXT)`);
    sql.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    this.#migrateEventRows();
    this.#addColumn('ids');
    this.#addColumn('columns');
    this.#addColumn('constants');
    const totals = sql
      .exec<{ n: number; b: number }>(
        'SELECT COALESCE(SUM(n), 0) AS n, COALESCE(SUM(bytes), 0) AS b FROM batches',
      )
      .one();
    this.#count = totals.n;
    this.#bytes = totals.b;
    for (const { seq, ids } of sql.exec<{ seq: number; ids: string }>(
      `SELECT seq, (SELECT json_group_array(${EVENT_ID}) FROM json_each(COALESCE(b.ids, b.rows)) AS r) AS ids
       FROM batches AS b WHERE ids_in_seen = 0`,
    ))
      this.#remember(seq, JSON.parse(ids) as string[]);
  }

  /** Adds a column buffers written by an earlier version lack (`ids`, then `columns`, then `constants`). */
  #addColumn(name: 'ids' | 'columns' | 'constants'): void {
    const has = this.#sql
      .exec<{ n: number }>('SELECT COUNT(*) AS n FROM pragma_table_info(?) WHERE name = ?', 'batches', name)
      .one().n;
    if (has === 0) this.#sql.exec(`ALTER TABLE batches ADD COLUMN ${name} TEXT`);
  }

  #remember(seq: number, ids: readonly string[]): void {
    for (const id of ids) this.#buffered.add(id);
    this.#bufferedBySeq.set(seq, ids);
  }

  /**
   * Buffers written by an earlier version kept a row per event in `events`
   * (ids already in `seen`); they become one-event batches with the same
   * sequence numbers, so a pending flush still covers exactly its events.
   */
  #migrateEventRows(): void {
    const old = this.#sql
      .exec<{ n: number }>("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'events'")
      .one().n;
    if (old === 0) return;
    this.#sql.exec(`INSERT INTO batches (seq, rows, n, bytes, min_ts, max_ts, received_ms, ids_in_seen)
      SELECT seq, '[' || row || ']', 1, bytes, ts, ts, ts / 1000, 1 FROM events ORDER BY seq`);
    this.#sql.exec('DROP TABLE events');
  }

  /** The table this buffer serves, once known. */
  table(): EventTableName | undefined {
    if (this.#table === undefined) {
      const row = this.#sql
        .exec<{ value: string }>("SELECT value FROM meta WHERE key = 'table'")
        .toArray()[0];
      this.#table = row?.value as EventTableName | undefined;
    }
    return this.#table;
  }

  setTable(table: EventTableName): void {
    this.#sql.exec("INSERT OR REPLACE INTO meta (key, value) VALUES ('table', ?)", table);
    this.#table = table;
  }

  /**
   * Buffers a request's rows, skipping those whose id is buffered already or
   * was written within the window; returns the positions of the skipped ones.
   * One query for the id check and one insert, whatever the number of rows.
   */
  append(batch: BufferedBatch, nowMs: number): number[] {
    const duplicates: number[] = [];
    batch.ids.forEach((id, i) => {
      if (this.#buffered.has(id)) duplicates.push(i);
    });
    for (const { key } of this.#sql.exec<{ key: number }>(
      'SELECT key FROM json_each(?) WHERE value IN (SELECT event_id FROM seen)',
      JSON.stringify(batch.ids),
    ))
      if (!duplicates.includes(key)) duplicates.push(key);
    let { rows, bytes, ids } = batch;
    if (duplicates.length > 0) {
      // Rare: store the batch without the repeats.
      const skip = new Set(duplicates);
      const kept = (JSON.parse(rows) as unknown[]).filter((_, i) => !skip.has(i));
      if (kept.length === 0) return duplicates.sort((a, b) => a - b);
      rows = JSON.stringify(kept);
      bytes = Math.round((batch.bytes * rows.length) / batch.rows.length);
      ids = ids.filter((_, i) => !skip.has(i));
    }
    const n = ids.length;
    // The ids are not stored beside the rows: they are read from the rows when they go to `seen`.
    const { seq } = this.#sql
      .exec<{ seq: number }>(
        `INSERT INTO batches (rows, n, bytes, min_ts, max_ts, received_ms, columns, constants)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         RETURNING seq`,
        rows,
        n,
        bytes,
        batch.minTimestampMicros,
        batch.maxTimestampMicros,
        nowMs,
        batch.columns ?? null,
        batch.constants ?? null,
      )
      .one();
    this.#remember(seq, ids);
    this.#count += n;
    this.#bytes += bytes;
    if (this.#buffered.size > this.#maxIdsInMemory) this.#spillIds(nowMs);
    return duplicates.sort((a, b) => a - b);
  }

  /** Writes the ids of every buffered batch to `seen` and forgets them in memory. */
  #spillIds(nowMs: number): void {
    this.#sql.exec(
      `INSERT OR IGNORE INTO seen (event_id, at)
       SELECT ${BATCH_ID}, ? FROM batches AS b, json_each(COALESCE(b.ids, b.rows)) AS r
       WHERE b.ids_in_seen = 0 ORDER BY id`,
      nowMs,
    );
    this.#sql.exec('UPDATE batches SET ids_in_seen = 1 WHERE ids_in_seen = 0');
    this.#buffered.clear();
    this.#bufferedBySeq.clear();
  }

  /** UTF-8 bytes of row JSON buffered. */
  bytes(): number {
    return this.#bytes;
  }

  /** Number of events buffered. */
  count(): number {
    return this.#count;
  }

  /** When the oldest buffered event was accepted (epoch ms), or undefined when empty. */
  oldestReceivedMs(): number | undefined {
    const row = this.#sql.exec<{ at: number | null }>('SELECT MIN(received_ms) AS at FROM batches').one();
    return row.at ?? undefined;
  }

  pendingFlush(): PendingFlush | undefined {
    if (this.#pending === null) this.#pending = this.#readPendingFlush();
    return this.#pending;
  }

  #readPendingFlush(): PendingFlush | undefined {
    const row = this.#sql
      .exec<{ flush_id: string; max_seq: number; attempts: number; last_error: string | null }>(
        'SELECT flush_id, max_seq, attempts, last_error FROM pending_flush WHERE id = 1',
      )
      .toArray()[0];
    return row === undefined
      ? undefined
      : { flushId: row.flush_id, maxSeq: row.max_seq, attempts: row.attempts, lastError: row.last_error };
  }

  /**
   * Starts a flush of the oldest batches holding at most `maxEvents` events
   * (at least one batch); undefined when the buffer is empty. The range is
   * fixed here, so a retry writes the same rows under the same flush id.
   */
  beginFlush(flushId: string, maxEvents: number): PendingFlush | undefined {
    const first = this.#sql
      .exec<{ seq: number }>('SELECT seq FROM batches ORDER BY seq LIMIT 1')
      .toArray()[0];
    if (first === undefined) return undefined;
    const last = this.#sql
      .exec<{ seq: number | null }>(
        `SELECT MAX(seq) AS seq FROM (SELECT seq, SUM(n) OVER (ORDER BY seq) AS upto FROM batches) WHERE upto <= ?`,
        maxEvents,
      )
      .one();
    const maxSeq = last.seq ?? first.seq;
    this.#sql.exec('INSERT INTO pending_flush (id, flush_id, max_seq) VALUES (1, ?, ?)', flushId, maxSeq);
    this.#pending = { flushId, maxSeq, attempts: 0, lastError: null };
    return this.#pending;
  }

  /** The rows of a flush, about `chunkSize` at a time, so no single query result is unbounded. */
  *flushRows(flush: PendingFlush, chunkSize = 5_000): Generator<EventRow[]> {
    let after = 0;
    for (;;) {
      const rows: EventRow[] = [];
      for (const batch of this.#sql.exec<{
        seq: number;
        rows: string;
        columns: string | null;
        constants: string | null;
      }>(
        'SELECT seq, rows, columns, constants FROM batches WHERE seq > ? AND seq <= ? ORDER BY seq',
        after,
        flush.maxSeq,
      )) {
        after = batch.seq;
        rows.push(...decodeRows(batch.rows, batch.columns, batch.constants));
        if (rows.length >= chunkSize) break;
      }
      if (rows.length === 0) return;
      yield rows;
    }
  }

  /**
   * The flush committed: its event ids go to `seen` (sorted, so the index is
   * written page by page) and its batches and the pending record are
   * dropped, all in one transaction.
   */
  completeFlush(flush: PendingFlush, nowMs: number): { events: number; bytes: number } {
    const gone = this.#sql
      .exec<{ n: number; b: number }>(
        'SELECT COALESCE(SUM(n), 0) AS n, COALESCE(SUM(bytes), 0) AS b FROM batches WHERE seq <= ?',
        flush.maxSeq,
      )
      .one();
    this.#sql.exec(
      `INSERT OR IGNORE INTO seen (event_id, at)
       SELECT ${BATCH_ID}, ? FROM batches AS b, json_each(COALESCE(b.ids, b.rows)) AS r
       WHERE b.seq <= ? ORDER BY id`,
      nowMs,
      flush.maxSeq,
    );
    for (const [seq, ids] of this.#bufferedBySeq) {
      if (seq > flush.maxSeq) continue;
      for (const id of ids) this.#buffered.delete(id);
      this.#bufferedBySeq.delete(seq);
    }
    this.#sql.exec('DELETE FROM batches WHERE seq <= ?', flush.maxSeq);
    this.#sql.exec('DELETE FROM pending_flush WHERE id = 1');
    this.#pending = undefined;
    this.#count = Math.max(0, this.#count - gone.n);
    this.#bytes = Math.max(0, this.#bytes - gone.b);
    return { events: gone.n, bytes: gone.b };
  }

  /** The flush failed: count the attempt and keep everything for the retry. */
  failFlush(message: string): PendingFlush | undefined {
    this.#sql.exec('UPDATE pending_flush SET attempts = attempts + 1, last_error = ? WHERE id = 1', message);
    this.#pending = this.#readPendingFlush();
    return this.#pending;
  }

  /** Forgets ids written before `cutoffMs` (the de-duplication window). */
  forgetSeenBefore(cutoffMs: number): void {
    this.#sql.exec('DELETE FROM seen WHERE at < ?', cutoffMs);
  }

  /** Buffered rows whose event time is in `[fromMicros, toMicros)`, oldest first, at most `limit`. */
  rowsBetween(fromMicros: number, toMicros: number, limit: number): EventRow[] {
    return this.#sql
      .exec<{ row: string; columns: string | null; constants: string | null }>(
        `SELECT r.value AS row, b.columns AS columns, b.constants AS constants FROM batches AS b, json_each(b.rows) AS r
         WHERE b.max_ts >= ?1 AND b.min_ts < ?2
           AND ${ROW_TIMESTAMP} >= ?1 AND ${ROW_TIMESTAMP} < ?2
         ORDER BY ${ROW_TIMESTAMP} LIMIT ?3`,
        fromMicros,
        toMicros,
        limit,
      )
      .toArray()
      .map((r) => rowOf(JSON.parse(r.row), r.columns, r.constants));
  }
}
