import { type EventRow, type EventTableName, utf8Length } from '@analytics/events';

/** One event as the Worker hands it to its buffer: the row already serialised. */
export interface BufferedEvent {
  readonly eventId: string;
  /** Event time, epoch microseconds (the realtime window filters on it). */
  readonly timestampMicros: number;
  /** `JSON.stringify` of the row. */
  readonly row: string;
}

/** A flush that was started and has not been confirmed yet; it survives restarts. */
export interface PendingFlush {
  readonly flushId: string;
  /** Events with `seq <= maxSeq` belong to this flush. */
  readonly maxSeq: number;
  readonly attempts: number;
  readonly lastError: string | null;
}

/**
 * The buffer's SQLite tables (Durable Object storage): buffered events in
 * arrival order, the event ids seen within the de-duplication window, and at
 * most one pending flush. Every method is synchronous and runs inside the
 * Durable Object's implicit transaction, so a request's writes are atomic and
 * durable before its answer leaves (output gate).
 */
export class BufferStore {
  readonly #sql: SqlStorage;
  #bytes: number | undefined;

  constructor(sql: SqlStorage) {
    this.#sql = sql;
    sql.exec(`CREATE TABLE IF NOT EXISTS events (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      event_id TEXT NOT NULL,
      ts INTEGER NOT NULL,
      row TEXT NOT NULL,
      bytes INTEGER NOT NULL)`);
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
  }

  /** The table this buffer serves, once known. */
  table(): EventTableName | undefined {
    const row = this.#sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = 'table'").toArray()[0];
    return row?.value as EventTableName | undefined;
  }

  setTable(table: EventTableName): void {
    this.#sql.exec("INSERT OR REPLACE INTO meta (key, value) VALUES ('table', ?)", table);
  }

  /**
   * Buffers the events whose id was not seen within the window; returns the
   * positions (in `events`) of those that were, including repeats within the call.
   */
  append(events: readonly BufferedEvent[], nowMs: number): number[] {
    const duplicates: number[] = [];
    let added = 0;
    events.forEach((event, i) => {
      const seen = this.#sql.exec(
        'INSERT OR IGNORE INTO seen (event_id, at) VALUES (?, ?)',
        event.eventId,
        nowMs,
      );
      if (seen.rowsWritten === 0) {
        duplicates.push(i);
        return;
      }
      const bytes = utf8Length(event.row);
      this.#sql.exec(
        'INSERT INTO events (event_id, ts, row, bytes) VALUES (?, ?, ?, ?)',
        event.eventId,
        event.timestampMicros,
        event.row,
        bytes,
      );
      added += bytes;
    });
    this.#bytes = this.bytes() + added;
    return duplicates;
  }

  /** Bytes of row JSON buffered (kept in memory after the first call). */
  bytes(): number {
    if (this.#bytes === undefined)
      this.#bytes = this.#sql.exec<{ b: number }>('SELECT COALESCE(SUM(bytes), 0) AS b FROM events').one().b;
    return this.#bytes;
  }

  /** Number of events buffered. */
  count(): number {
    return this.#sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM events').one().n;
  }

  /** Event time of the oldest buffered event, or undefined when empty. */
  oldestTimestampMicros(): number | undefined {
    const row = this.#sql.exec<{ ts: number | null }>('SELECT MIN(ts) AS ts FROM events').one();
    return row.ts ?? undefined;
  }

  pendingFlush(): PendingFlush | undefined {
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
   * Starts a flush of at most `maxEvents` of the oldest events; undefined
   * when the buffer is empty. The range is fixed here, so a retry writes the
   * same rows under the same flush id.
   */
  beginFlush(flushId: string, maxEvents: number): PendingFlush | undefined {
    const last = this.#sql
      .exec<{ seq: number }>('SELECT seq FROM events ORDER BY seq LIMIT 1 OFFSET ?', maxEvents - 1)
      .toArray()[0];
    const maxSeq =
      last?.seq ?? this.#sql.exec<{ m: number | null }>('SELECT MAX(seq) AS m FROM events').one().m;
    if (maxSeq === null) return undefined;
    this.#sql.exec('INSERT INTO pending_flush (id, flush_id, max_seq) VALUES (1, ?, ?)', flushId, maxSeq);
    return { flushId, maxSeq, attempts: 0, lastError: null };
  }

  /** The rows of a flush, read in chunks of `chunkSize` so no single query result is unbounded. */
  *flushRows(flush: PendingFlush, chunkSize = 5_000): Generator<EventRow[]> {
    let after = 0;
    for (;;) {
      const chunk = this.#sql
        .exec<{ seq: number; row: string }>(
          'SELECT seq, row FROM events WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?',
          after,
          flush.maxSeq,
          chunkSize,
        )
        .toArray();
      if (chunk.length === 0) return;
      after = chunk[chunk.length - 1]!.seq;
      yield chunk.map((r) => JSON.parse(r.row) as EventRow);
    }
  }

  /** The flush committed: drop its events and the pending record, together. */
  completeFlush(flush: PendingFlush): { events: number; bytes: number } {
    const gone = this.#sql
      .exec<{ n: number; b: number }>(
        'SELECT COUNT(*) AS n, COALESCE(SUM(bytes), 0) AS b FROM events WHERE seq <= ?',
        flush.maxSeq,
      )
      .one();
    this.#sql.exec('DELETE FROM events WHERE seq <= ?', flush.maxSeq);
    this.#sql.exec('DELETE FROM pending_flush WHERE id = 1');
    this.#bytes = Math.max(0, this.bytes() - gone.b);
    return { events: gone.n, bytes: gone.b };
  }

  /** The flush failed: count the attempt and keep everything for the retry. */
  failFlush(message: string): PendingFlush | undefined {
    this.#sql.exec('UPDATE pending_flush SET attempts = attempts + 1, last_error = ? WHERE id = 1', message);
    return this.pendingFlush();
  }

  /** Forgets ids seen before `cutoffMs` (the de-duplication window). */
  forgetSeenBefore(cutoffMs: number): void {
    this.#sql.exec('DELETE FROM seen WHERE at < ?', cutoffMs);
  }

  /** Buffered rows whose event time is in `[fromMicros, toMicros)`, oldest first, at most `limit`. */
  rowsBetween(fromMicros: number, toMicros: number, limit: number): EventRow[] {
    return this.#sql
      .exec<{ row: string }>(
        'SELECT row FROM events WHERE ts >= ? AND ts < ? ORDER BY ts LIMIT ?',
        fromMicros,
        toMicros,
        limit,
      )
      .toArray()
      .map((r) => JSON.parse(r.row) as EventRow);
  }
}
