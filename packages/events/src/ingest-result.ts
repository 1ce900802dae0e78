import type { EventError } from './event-error.ts';
import { HTTP_MAPPING, type WireErrorKind } from './http-status.ts';
import type { PreparedBatch } from './prepare-events.ts';

/** `EventOutcome` of the contract. */
export interface EventOutcome {
  readonly index: number;
  readonly event_id: string;
  readonly status: 'accepted' | 'duplicate';
}

/** `EventError` of the contract: one problem of one rejected event. */
export interface WireEventError {
  readonly index: number;
  readonly field: string;
  readonly message: string;
}

/** `IngestResult` (202) of the contract. */
export interface IngestResult {
  readonly accepted: number;
  readonly duplicates: number;
  readonly rejected: number;
  readonly events: readonly EventOutcome[];
  readonly errors: readonly WireEventError[];
}

/** `ErrorResponse` / `IngestRejected` of the contract. */
export interface ErrorBody {
  readonly error: { readonly kind: WireErrorKind; readonly message: string };
  readonly errors?: readonly WireEventError[];
}

/** A status and JSON body ready to send. */
export interface IngestAnswer {
  readonly status: number;
  readonly body: IngestResult | ErrorBody;
}

/**
 * The answer to a request whose events were prepared and stored:
 * 202 with per-event outcomes when at least one event was valid, else 422
 * with every event's problems. `duplicateIndexes` are the request positions
 * of events whose id the buffers had already accepted (earlier, or earlier in
 * the same request).
 */
export function ingestAnswer(batch: PreparedBatch, duplicateIndexes: ReadonlySet<number>): IngestAnswer {
  const errors: WireEventError[] = batch.rejected.flatMap((r) =>
    r.problems.map((p) => ({ index: r.index, field: p.field ?? '', message: p.message })),
  );
  const valid = [...batch.prepared, ...batch.droppedAsBot].sort((a, b) => a.index - b.index);
  if (valid.length === 0 && batch.rejected.length > 0) {
    const first = errors[0];
    const count = batch.rejected.length;
    return {
      status: 422,
      body: {
        error: {
          kind: 'all_events_invalid',
          message: `${count === 1 ? 'the event was' : `all ${count} events were`} rejected: ${first?.message ?? 'invalid'}`,
        },
        errors,
      },
    };
  }
  const events: EventOutcome[] = valid.map((e) => ({
    index: e.index,
    event_id: e.eventId,
    status: duplicateIndexes.has(e.index) ? 'duplicate' : 'accepted',
  }));
  const duplicates = events.filter((e) => e.status === 'duplicate').length;
  return {
    status: 202,
    body: {
      accepted: events.length - duplicates,
      duplicates,
      rejected: batch.rejected.length,
      events,
      errors,
    },
  };
}

/** The answer to a request that failed as a whole (bad JSON, limits, keys). */
export function errorAnswer(error: EventError): IngestAnswer {
  const mapping = HTTP_MAPPING[error.kind];
  return { status: mapping.status, body: { error: { kind: mapping.wire, message: error.message } } };
}
