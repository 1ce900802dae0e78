/**
 * Request bodies within the collector's limits (contracts/ingest.yaml
 * `x-ingest-limits`: 500 events, 1 MiB body, 64 KiB per event) and the
 * browser's: a `keepalive` fetch or a beacon may carry at most 64 KiB in
 * flight per page, and keepalive is what lets a send outlive the page. So a
 * body is at most 64 KiB; an event that large travels alone.
 */
export const LIMITS = {
  maxEventsPerRequest: 500,
  maxEventBytes: 65_536,
  maxBodyBytes: 65_536,
} as const;

const encoder = new TextEncoder();

/** UTF-8 length of a string, as the collector measures it. */
export function utf8Bytes(text: string): number {
  return encoder.encode(text).length;
}

/** One event, serialised once: the bytes that go out are the bytes measured. */
export interface QueuedEvent {
  readonly id: string;
  readonly json: string;
  readonly bytes: number;
  /** Sends that failed so far. */
  attempts: number;
}

/** The `{ "events": [...] }` body of some queued events. */
export function bodyOf(events: readonly QueuedEvent[]): string {
  return `{"events":[${events.map((e) => e.json).join(',')}]}`;
}

/** Groups events, in order, into bodies within `LIMITS`. */
export function splitIntoBatches(
  events: readonly QueuedEvent[],
  limits: { maxEventsPerRequest: number; maxBodyBytes: number } = LIMITS,
): QueuedEvent[][] {
  // `{"events":[` + `]}` and one comma between events.
  const envelope = 13;
  const batches: QueuedEvent[][] = [];
  let current: QueuedEvent[] = [];
  let bytes = envelope;
  for (const event of events) {
    const added = event.bytes + (current.length > 0 ? 1 : 0);
    if (
      current.length > 0 &&
      (current.length >= limits.maxEventsPerRequest || bytes + added > limits.maxBodyBytes)
    ) {
      batches.push(current);
      current = [];
      bytes = envelope;
    }
    bytes += event.bytes + (current.length > 0 ? 1 : 0);
    current.push(event);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
