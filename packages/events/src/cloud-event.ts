import type { EventProblem } from './event-error.ts';
import type { EventSchemas } from './event-schemas.ts';
import { isObject } from './ingest-body.ts';
import { problemsFromIssues } from './zod-problems.ts';

/** CloudEvents 1.0 context attributes that are not extensions. */
const CONTEXT_ATTRIBUTES = new Set([
  'specversion',
  'id',
  'source',
  'type',
  'datacontenttype',
  'dataschema',
  'subject',
  'time',
  'data',
  'data_base64',
]);

/** Event fields that come from CloudEvents attributes, and the attribute each comes from. */
const FROM_ATTRIBUTE: Readonly<Record<string, string>> = {
  event_id: 'id',
  event_type: 'type',
  timestamp: 'time',
  source: 'source',
  subject: 'subject',
};

/** A CloudEvent mapped to the event form, or the problems with its attributes. */
export type MappedCloudEvent =
  | { readonly ok: true; readonly event: Record<string, unknown> }
  | { readonly ok: false; readonly problems: readonly EventProblem[] };

/**
 * Maps a CloudEvent (JSON format, any mode) to an event as contracts/ingest.yaml
 * says: the members of an object `data` merged in, then `event_id` = `id`,
 * `event_type` = `type`, `timestamp` = `time`, `source`, `subject`; a
 * non-object `data` is kept under `data`, extension attributes under
 * `extensions`. The attributes are checked against the contract's CloudEvent
 * schema first; `time` may be any ISO 8601 form here, it is normalised later.
 */
export function mapCloudEvent(ce: Record<string, unknown>, schemas: EventSchemas): MappedCloudEvent {
  const checked = schemas.cloudEvent.safeParse(withoutTime(ce));
  if (!checked.success) return { ok: false, problems: problemsFromIssues(checked.error.issues, ce) };
  const event: Record<string, unknown> = isObject(ce.data) ? { ...ce.data } : {};
  if (ce.data !== undefined && !isObject(ce.data)) event.data = ce.data;
  if (ce.data_base64 !== undefined) event.data_base64 = ce.data_base64;
  for (const [field, attribute] of Object.entries(FROM_ATTRIBUTE)) {
    if (ce[attribute] !== undefined) event[field] = ce[attribute];
  }
  const extensions = Object.fromEntries(Object.entries(ce).filter(([name]) => !CONTEXT_ATTRIBUTES.has(name)));
  if (Object.keys(extensions).length > 0) event.extensions = extensions;
  return { ok: true, event };
}

/**
 * Where a field of a mapped CloudEvent came from, for error messages: the
 * attribute (`id`, `time`) or the data member (`data.page_url`).
 */
export function cloudEventFieldName(field: string, ce: Record<string, unknown>): string {
  if (field === '') return field;
  const top = field.split('.')[0] ?? field;
  const attribute = FROM_ATTRIBUTE[top];
  if (attribute !== undefined && ce[attribute] !== undefined) return attribute + field.slice(top.length);
  return `data.${field}`;
}

// `time` is validated by the event's own timestamp rules (any ISO 8601 offset), not zod's Z-only form.
function withoutTime(ce: Record<string, unknown>): Record<string, unknown> {
  if (ce.time === undefined) return ce;
  const { time: _time, ...rest } = ce;
  return rest;
}
