/**
 * The documented ingest limits. Each one exceeded is answered with 413 and a
 * message naming the limit and the value seen.
 */
export interface IngestLimits {
  /** Largest request body in bytes. */
  readonly maxBodyBytes: number;
  /** Most events in one request (any batch shape). */
  readonly maxEventsPerBatch: number;
  /** Largest single event, measured as its UTF-8 JSON encoding. */
  readonly maxEventBytes: number;
}

/** Defaults: 1 MiB bodies, 500 events per request, 64 KiB per event. */
export const DEFAULT_LIMITS: IngestLimits = {
  maxBodyBytes: 1_048_576,
  maxEventsPerBatch: 500,
  maxEventBytes: 65_536,
};

/** Limits from string settings (Worker vars), falling back to the defaults for absent or bad values. */
export function limitsFromSettings(settings: {
  readonly MAX_BODY_BYTES?: string;
  readonly MAX_EVENTS_PER_BATCH?: string;
  readonly MAX_EVENT_BYTES?: string;
}): IngestLimits {
  return {
    maxBodyBytes: positiveInt(settings.MAX_BODY_BYTES) ?? DEFAULT_LIMITS.maxBodyBytes,
    maxEventsPerBatch: positiveInt(settings.MAX_EVENTS_PER_BATCH) ?? DEFAULT_LIMITS.maxEventsPerBatch,
    maxEventBytes: positiveInt(settings.MAX_EVENT_BYTES) ?? DEFAULT_LIMITS.maxEventBytes,
  };
}

function positiveInt(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}
