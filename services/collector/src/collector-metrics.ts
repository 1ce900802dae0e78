import type { EventTableName } from '@analytics/events';
import { MetricsRegistry, type MetricsSnapshot } from '@analytics/metrics';
import type { BufferStats } from './buffer-durable-object.ts';

/**
 * The collector's metrics (names the health Worker's `/metrics` reads): event
 * counters and ack latency kept per isolate, buffer gauges read from the
 * buffers when a snapshot is taken.
 */
export class CollectorMetrics {
  readonly #registry = new MetricsRegistry('collector');
  readonly #recent: { at: number; events: number }[] = [];

  /** Records one answered `POST /events`. */
  recordIngest(outcome: {
    accepted: ReadonlyMap<EventTableName, number>;
    rejected: number;
    duplicates: number;
    latencyMs: number;
    nowMs: number;
  }): void {
    let accepted = 0;
    for (const [table, n] of outcome.accepted) {
      this.#registry.inc('analytics_events_total', 'Events stored', { table }, n);
      accepted += n;
    }
    if (outcome.rejected > 0)
      this.#registry.inc(
        'analytics_events_rejected_total',
        'Events rejected by validation',
        {},
        outcome.rejected,
      );
    if (outcome.duplicates > 0)
      this.#registry.inc(
        'analytics_events_duplicates_total',
        'Events not stored again (seen id)',
        {},
        outcome.duplicates,
      );
    this.#registry.observe(
      'analytics_ingest_latency_ms',
      'POST /events time to acknowledgement',
      outcome.latencyMs,
    );
    // One entry per second, at most a minute of them: bounded however busy the isolate is.
    const second = Math.floor(outcome.nowMs / 1000) * 1000;
    const last = this.#recent[this.#recent.length - 1];
    if (last !== undefined && last.at === second) last.events += accepted;
    else this.#recent.push({ at: second, events: accepted });
    while (this.#recent.length > 0 && this.#recent[0]!.at < outcome.nowMs - 60_000) this.#recent.shift();
  }

  /** A snapshot with the buffers' current fill. */
  snapshot(buffers: readonly BufferStats[], nowMs: number): MetricsSnapshot {
    while (this.#recent.length > 0 && this.#recent[0]!.at < nowMs - 60_000) this.#recent.shift();
    const lastMinute = this.#recent.reduce((n, r) => n + r.events, 0);
    this.#registry.set(
      'analytics_events_per_second',
      'Events stored per second, last minute',
      lastMinute / 60,
    );
    const byTable = new Map<string, { events: number; bytes: number; fill: number; age: number }>();
    for (const b of buffers) {
      if (b.table === undefined) continue;
      const t = byTable.get(b.table) ?? { events: 0, bytes: 0, fill: 0, age: 0 };
      t.events += b.events;
      t.bytes += b.bytes;
      t.fill = Math.max(t.fill, b.fillRatio);
      t.age = Math.max(t.age, b.oldestEventAgeSeconds ?? 0);
      byTable.set(b.table, t);
    }
    for (const [table, t] of byTable) {
      this.#registry.set('analytics_buffer_events', 'Events waiting in the buffers', t.events, { table });
      this.#registry.set('analytics_buffer_bytes', 'Bytes waiting in the buffers', t.bytes, { table });
      this.#registry.set('analytics_buffer_fill_ratio', 'Buffer bytes / flush threshold', t.fill, { table });
      this.#registry.set(
        'analytics_buffer_oldest_event_age_seconds',
        'Age of the oldest buffered event',
        t.age,
        {
          table,
        },
      );
    }
    return this.#registry.snapshot();
  }
}

/** One registry per isolate. */
export const collectorMetrics = new CollectorMetrics();
