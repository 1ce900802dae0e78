import { ANONYMOUS, type ApiKeyRing, keyAllowsProject } from './api-keys.ts';
import { type ColumnCatalog, fitOpenColumns } from './column-catalog.ts';
import { enrichmentFromHeaders } from './enrichment.ts';
import { EventError } from './event-error.ts';
import type { EventSchemas } from './event-schemas.ts';
import { parseIngestBody } from './ingest-body.ts';
import { errorAnswer, type IngestAnswer, ingestAnswer } from './ingest-result.ts';
import type { IngestLimits } from './limits.ts';
import { type BotPolicy, type PreparedBatch, type PreparedEvent, prepareEvents } from './prepare-events.ts';
import { readBodyWithin } from './read-body.ts';

/**
 * The port events are stored through (the collector's buffers; an in-memory
 * array in tests). `append` resolves only once every event is durable, and
 * returns the request positions of events whose id was already stored.
 */
export interface EventSink {
  append(events: readonly PreparedEvent[]): Promise<ReadonlySet<number>>;
}

/** Everything `ingest` depends on. */
export interface IngestDeps {
  readonly schemas: EventSchemas;
  readonly limits: IngestLimits;
  /** The keys to check `X-API-Key` against; `undefined` for trusted callers (service bindings). */
  readonly keys: ApiKeyRing | undefined;
  readonly botPolicy: BotPolicy;
  /** Current time in epoch milliseconds. */
  readonly now: () => number;
  /** A fresh UUID v4. */
  readonly newEventId: () => string;
  readonly sink: EventSink;
  /** Where open tables' columns are checked and added (schema evolution on write); none: `properties` only. */
  readonly columns?: ColumnCatalog;
}

/** The answer, plus what was stored (for metrics and Analytics Engine data points). */
export interface IngestOutcome {
  readonly answer: IngestAnswer;
  readonly batch?: PreparedBatch;
}

/**
 * `POST /events` without the HTTP framework: authenticate, read the body
 * within the limits, split it into events, validate and enrich each one, store
 * the valid ones through the sink, and build the contract's answer.
 */
/** The columns a table has, with no way to add any. */
function existingColumnsOnly(catalog: ColumnCatalog): ColumnCatalog {
  return { columns: (table) => catalog.columns(table), addColumns: async () => undefined };
}

export async function ingest(request: Request, deps: IngestDeps): Promise<IngestOutcome> {
  try {
    const key =
      deps.keys === undefined ? undefined : await deps.keys.authenticate(request.headers.get('x-api-key'));
    const text = await readBodyWithin(
      request.body,
      request.headers.get('content-length'),
      deps.limits.maxBodyBytes,
    );
    const body = parseIngestBody(
      { contentType: request.headers.get('content-type'), headers: request.headers, text },
      deps.limits,
    );
    let batch = prepareEvents(body, {
      schemas: deps.schemas,
      limits: deps.limits,
      enrichment: enrichmentFromHeaders(request.headers),
      receivedAtMicros: deps.now() * 1000,
      newEventId: deps.newEventId,
      botPolicy: deps.botPolicy,
    });
    const anonymous = key?.name === ANONYMOUS;
    if (key !== undefined) {
      const denied = batch.prepared.find((e) => !keyAllowsProject(key, e.projectId));
      if (denied !== undefined && anonymous)
        throw new EventError(
          'missing-api-key',
          `X-API-Key header is required for events of project '${denied.projectId}' (event ${denied.index}); events without a key are accepted only for ${key.projects.join(', ')}`,
          { field: 'project_id' },
        );
      if (denied !== undefined)
        throw new EventError(
          'project-not-allowed',
          `this X-API-Key may not write project '${denied.projectId}' (event ${denied.index}); it allows ${key.projects.join(', ')}`,
          { field: 'project_id' },
        );
    }
    // After the key check: a request that may not write must not change a table's schema either,
    // and one without a key may fill existing columns but never add any (new fields stay in `properties`).
    if (deps.columns !== undefined)
      batch = await fitOpenColumns(batch, anonymous ? existingColumnsOnly(deps.columns) : deps.columns);
    const duplicates =
      batch.prepared.length === 0 ? new Set<number>() : await deps.sink.append(batch.prepared);
    return { answer: ingestAnswer(batch, duplicates), batch };
  } catch (error) {
    if (error instanceof EventError) return { answer: errorAnswer(error) };
    throw error;
  }
}
