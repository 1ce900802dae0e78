import type { EventRow } from './event-row.ts';
import type { EventTableName } from './event-tables.ts';
import type { EventSink } from './ingest.ts';
import type { PreparedEvent } from './prepare-events.ts';

/**
 * The in-memory `EventSink`: rows per table, de-duplicated by event id for
 * the life of the object. For tests and tools; the collector's sink is the
 * Buffer Durable Object.
 */
export class MemoryEventSink implements EventSink {
  readonly #seen = new Set<string>();
  readonly #rows = new Map<EventTableName, EventRow[]>();

  async append(events: readonly PreparedEvent[]): Promise<ReadonlySet<number>> {
    const duplicates = new Set<number>();
    for (const event of events) {
      if (this.#seen.has(event.eventId)) {
        duplicates.add(event.index);
        continue;
      }
      this.#seen.add(event.eventId);
      const rows = this.#rows.get(event.table) ?? [];
      rows.push(event.row);
      this.#rows.set(event.table, rows);
    }
    return duplicates;
  }

  /** Rows stored in one table, in arrival order. */
  rows(table: EventTableName): readonly EventRow[] {
    return this.#rows.get(table) ?? [];
  }

  /** Rows stored in all tables. */
  get size(): number {
    let n = 0;
    for (const rows of this.#rows.values()) n += rows.length;
    return n;
  }
}
