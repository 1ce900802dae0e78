import { cloudEventFieldName, mapCloudEvent } from './cloud-event.ts';
import { applyEnrichment, type Enrichment } from './enrichment.ts';
import { EventError, type EventProblem } from './event-error.ts';
import { buildRow, type EventRow } from './event-row.ts';
import type { EventSchemas, EventValidator } from './event-schemas.ts';
import type { EventTableName } from './event-tables.ts';
import { describe, type IncomingItem, type IngestBody, type IngestShape, isObject } from './ingest-body.ts';
import type { IngestLimits } from './limits.ts';
import { type OpenField, openFields } from './open-columns.ts';
import { isCanonicalIso, isoFromMicros, timestampMicros } from './timestamp.ts';
import { problemsFromIssues } from './zod-problems.ts';

/** An event that passed validation, with its table and row. */
export interface PreparedEvent {
  readonly index: number;
  readonly eventId: string;
  /** The sender gave no id; the collector assigned `eventId`. */
  readonly idAssigned: boolean;
  readonly table: EventTableName;
  readonly timestampMicros: number;
  readonly projectId: string | undefined;
  readonly row: EventRow;
  /**
   * For the open tables: members that may be columns (schema evolution on
   * write). `fitOpenColumns` adds their values to `row` once the table's
   * columns are known; until then they are only in `properties`.
   */
  readonly openFields?: readonly OpenField[];
}

/** An event that failed validation, with every problem found. */
export interface RejectedEvent {
  readonly index: number;
  readonly problems: readonly EventProblem[];
}

/** The outcome of validating one request's events. */
export interface PreparedBatch {
  readonly shape: IngestShape;
  /** Valid events to store, in request order. */
  readonly prepared: readonly PreparedEvent[];
  readonly rejected: readonly RejectedEvent[];
  /** Valid events not to store because the request came from a bot and the policy is `drop`. */
  readonly droppedAsBot: readonly PreparedEvent[];
}

/** `flag`: store bot traffic with `is_bot = true`; `drop`: accept it but do not store it. */
export type BotPolicy = 'flag' | 'drop';

/** Everything event preparation depends on, passed in (no clock or randomness inside). */
export interface PrepareOptions {
  readonly schemas: EventSchemas;
  readonly limits: IngestLimits;
  readonly enrichment: Enrichment;
  readonly receivedAtMicros: number;
  readonly newEventId: () => string;
  readonly botPolicy: BotPolicy;
}

/**
 * Validates and enriches every event of a parsed body (sizes were checked by
 * `parseIngestBody`); a problem rejects only that event.
 */
export function prepareEvents(body: IngestBody, options: PrepareOptions): PreparedBatch {
  const prepared: PreparedEvent[] = [];
  const rejected: RejectedEvent[] = [];
  for (const item of body.items) {
    const outcome = prepareOne(item, options);
    if ('problems' in outcome) rejected.push(outcome);
    else prepared.push(outcome);
  }
  const drop = options.botPolicy === 'drop' && options.enrichment.isBot === true;
  return { shape: body.shape, prepared: drop ? [] : prepared, rejected, droppedAsBot: drop ? prepared : [] };
}

function prepareOne(item: IncomingItem, options: PrepareOptions): PreparedEvent | RejectedEvent {
  const reject = (problems: readonly EventProblem[]): RejectedEvent => ({ index: item.index, problems });
  if (!isObject(item.value))
    return reject([
      {
        kind: 'not-an-object',
        field: '',
        message: `event ${item.index} must be a JSON object, got ${describe(item.value)}`,
      },
    ]);
  const input = item.value;
  let event: Record<string, unknown>;
  let fieldName = (field: string): string => field;
  if (item.cloudEvent) {
    const mapped = mapCloudEvent(input, options.schemas);
    if (!mapped.ok) return reject(mapped.problems);
    event = mapped.event;
    fieldName = (field) => cloudEventFieldName(field, input);
  } else {
    event = { ...input };
  }

  let idAssigned = false;
  if (event.event_id === undefined) {
    event.event_id = options.newEventId();
    idAssigned = true;
  }
  let micros: number;
  if (event.timestamp === undefined) micros = options.receivedAtMicros;
  else {
    try {
      micros = timestampMicros(event.timestamp, fieldName('timestamp'));
    } catch (error) {
      if (error instanceof EventError) return reject([error.toProblem()]);
      throw error;
    }
  }
  // The canonical form is what `toISOString()` writes; most senders send exactly that.
  if (!isCanonicalIso(event.timestamp)) event.timestamp = isoFromMicros(micros);
  const enriched = applyEnrichment(event, options.enrichment);

  const checked = schemaFor(enriched.event_type, options.schemas).safeParse(enriched);
  if (!checked.success)
    return reject(
      problemsFromIssues(checked.error.issues, enriched).map((p) =>
        p.field === undefined ? p : { ...p, field: fieldName(p.field), message: renameField(p, fieldName) },
      ),
    );
  const valid =
    checked.data === enriched ? enriched : { ...enriched, ...(checked.data as Record<string, unknown>) };
  const table = tableFor(valid.event_type, item.cloudEvent);
  const row = buildRow(table, valid, {
    timestampMicros: micros,
    receivedAtMicros: options.receivedAtMicros,
    ...(options.enrichment.isBot === undefined ? {} : { isBot: options.enrichment.isBot }),
  });
  const open = openFields(table, valid, fieldName);
  return {
    index: item.index,
    eventId: String(valid.event_id),
    idAssigned,
    table,
    timestampMicros: micros,
    projectId: typeof valid.project_id === 'string' ? valid.project_id : undefined,
    row,
    ...(open === undefined ? {} : { openFields: open }),
  };
}

function schemaFor(eventType: unknown, schemas: EventSchemas): EventValidator {
  if (eventType === 'page_view') return schemas.pageView;
  if (eventType === 'video_event') return schemas.videoEvent;
  return schemas.customEvent;
}

/** Routing rule of `event-tables.ts`. */
export function tableFor(eventType: unknown, cloudEvent: boolean): EventTableName {
  if (eventType === 'page_view') return 'page_views';
  if (eventType === 'video_event') return 'video_events';
  return cloudEvent ? 'custom_events' : 'user_actions';
}

function renameField(problem: EventProblem, fieldName: (field: string) => string): string {
  if (problem.field === undefined || problem.field === '') return problem.message;
  const renamed = fieldName(problem.field);
  return renamed === problem.field
    ? problem.message
    : problem.message.split(`'${problem.field}'`).join(`'${renamed}'`);
}
