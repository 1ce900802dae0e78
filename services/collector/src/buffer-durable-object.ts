import { DurableObject } from 'cloudflare:workers';
import type { EventRow, EventTableName } from '@analytics/events';
import { type BufferedBatch, BufferStore, type PendingFlush } from './buffer-store.ts';
import type { Env } from './env.ts';
import type { FlushTarget } from './flush-target.ts';
import { icebergFlushTarget } from './iceberg-flush-target.ts';
import { type CollectorSettings, collectorSettings } from './settings.ts';

/** What one flush attempt did (`TableFlush` of contracts/ops.yaml, minus the table name). */
export interface FlushOutcome {
  readonly status: 'committed' | 'empty' | 'failed';
  readonly events: number;
  readonly bytes: number;
  readonly snapshotId?: string;
  readonly message?: string;
}

/** Fill and health of one buffer (`BufferMetrics` of contracts/ops.yaml, plus retry state). */
export interface BufferStats {
  readonly table: EventTableName | undefined;
  readonly events: number;
  readonly bytes: number;
  readonly fillRatio: number;
  readonly oldestEventAgeSeconds?: number;
  readonly pendingFlushAttempts: number;
  readonly lastError?: string;
}

const MAX_BACKOFF_MS = 60_000;
const FIRST_BACKOFF_MS = 1_000;

/**
 * The Buffer Durable Object: one per table shard. Events are written to its
 * SQLite storage before the request that brought them is answered; an alarm
 * flushes them (1 MB or 60 s by default) as one Parquet append and one
 * Iceberg commit through a `FlushTarget`. A failed flush keeps its events and
 * its flush id and is retried with exponential backoff; the flush id in the
 * snapshot summary makes the retry of a commit that did land a no-op.
 */
export class BufferDurableObject extends DurableObject<Env> {
  readonly #store: BufferStore;
  readonly #settings: CollectorSettings;
  #target: FlushTarget | undefined;
  #alarmAt: number | null = null;
  #flushing: Promise<FlushOutcome> | undefined;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#store = new BufferStore(ctx.storage.sql);
    this.#settings = collectorSettings(env);
    ctx.blockConcurrencyWhile(async () => {
      this.#alarmAt = await ctx.storage.getAlarm();
      // After a restart the buffer may hold events with no alarm set (e.g. killed mid-flush):
      // make sure they are flushed without waiting for new traffic to arrive.
      if (this.#alarmAt === null && (this.#store.count() > 0 || this.#store.pendingFlush() !== undefined))
        await this.#schedule(Date.now());
    });
  }

  /** Replaces the flush target (tests use the in-memory one). */
  useFlushTarget(target: FlushTarget): void {
    this.#target = target;
  }

  /**
   * Buffers one request's rows of `table`; resolves once they are durable
   * (the output gate holds the answer until SQLite has them on disk). Returns
   * the positions of rows whose id was buffered or written within the window;
   * those are not stored again.
   */
  async append(table: EventTableName, batch: BufferedBatch): Promise<number[]> {
    if (this.#store.table() === undefined) this.#store.setTable(table);
    const duplicates = this.#store.append(batch, Date.now());
    const now = Date.now();
    await this.#schedule(
      this.#store.bytes() >= this.#settings.flushMaxBytes ? now : now + this.#settings.flushIntervalMs,
    );
    return duplicates;
  }

  /** Buffered (not yet flushed) rows with event time in `[fromMicros, toMicros)`. */
  async readBuffered(fromMicros: number, toMicros: number, limit: number): Promise<EventRow[]> {
    return this.#store.rowsBetween(fromMicros, toMicros, limit);
  }

  /** Fill and retry state. */
  async stats(): Promise<BufferStats> {
    const bytes = this.#store.bytes();
    const oldest = this.#store.oldestReceivedMs();
    const pending = this.#store.pendingFlush();
    return {
      table: this.#store.table(),
      events: this.#store.count(),
      bytes,
      fillRatio: bytes / this.#settings.flushMaxBytes,
      ...(oldest === undefined ? {} : { oldestEventAgeSeconds: Math.max(0, (Date.now() - oldest) / 1000) }),
      pendingFlushAttempts: pending?.attempts ?? 0,
      ...(pending?.lastError ? { lastError: pending.lastError } : {}),
    };
  }

  /** Operator flush: everything buffered now, in as many flushes as it takes; stops at the first failure. */
  async flushNow(): Promise<FlushOutcome> {
    let events = 0;
    let bytes = 0;
    let snapshotId: string | undefined;
    for (;;) {
      const outcome = await this.#flushOnce();
      if (outcome.status === 'failed') return { ...outcome, events: events + outcome.events };
      if (outcome.status === 'empty') break;
      events += outcome.events;
      bytes += outcome.bytes;
      snapshotId = outcome.snapshotId ?? snapshotId;
    }
    await this.#afterFlush();
    if (events === 0) return { status: 'empty', events: 0, bytes: 0 };
    return { status: 'committed', events, bytes, ...(snapshotId === undefined ? {} : { snapshotId }) };
  }

  override async alarm(): Promise<void> {
    this.#alarmAt = null;
    const outcome = await this.#flushOnce();
    if (outcome.status === 'failed') {
      const attempts = this.#store.pendingFlush()?.attempts ?? 1;
      await this.#schedule(Date.now() + backoffMs(attempts));
      return;
    }
    await this.#afterFlush();
  }

  /** Next alarm after a successful or empty flush: at once when a full buffer remains. */
  async #afterFlush(): Promise<void> {
    this.#store.forgetSeenBefore(Date.now() - this.#settings.dedupeWindowMs);
    const count = this.#store.count();
    if (count === 0) return;
    const full =
      this.#store.bytes() >= this.#settings.flushMaxBytes || count >= this.#settings.flushMaxEvents;
    await this.#schedule(full ? Date.now() : Date.now() + this.#settings.flushIntervalMs);
  }

  /** One flush, serialised with any other in progress (alarm and operator flush can overlap). */
  #flushOnce(): Promise<FlushOutcome> {
    const previous = this.#flushing ?? Promise.resolve();
    const run = previous.then(
      () => this.#flush(),
      () => this.#flush(),
    );
    this.#flushing = run;
    return run;
  }

  async #flush(): Promise<FlushOutcome> {
    const table = this.#store.table();
    if (table === undefined) return { status: 'empty', events: 0, bytes: 0 };
    const flush: PendingFlush | undefined =
      this.#store.pendingFlush() ??
      this.#store.beginFlush(crypto.randomUUID(), this.#settings.flushMaxEvents);
    if (flush === undefined) return { status: 'empty', events: 0, bytes: 0 };
    const rows: EventRow[] = [];
    for (const chunk of this.#store.flushRows(flush)) rows.push(...chunk);
    try {
      this.#target ??= icebergFlushTarget(this.env);
      const commit = await this.#target.appendOnce({ table, flushId: flush.flushId, rows });
      const done = this.#store.completeFlush(flush, Date.now());
      return {
        status: 'committed',
        events: done.events,
        bytes: commit.bytes,
        ...(commit.snapshotId === undefined ? {} : { snapshotId: commit.snapshotId.toString() }),
      };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.#store.failFlush(message);
      console.error(`flush ${flush.flushId} of ${table} failed (will retry): ${message}`);
      return { status: 'failed', events: rows.length, bytes: 0, message };
    }
  }

  async #schedule(at: number): Promise<void> {
    if (this.#alarmAt !== null && this.#alarmAt <= at) return;
    this.#alarmAt = at;
    await this.ctx.storage.setAlarm(at);
  }
}

/** 1 s, 2 s, 4 s … capped at 60 s. */
export function backoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** Math.max(0, attempts - 1));
}
