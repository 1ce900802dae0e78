import { isJsonMediaType, mediaTypeOf, structuredEncodingOf } from './content-type.ts';
import { EventError } from './event-error.ts';
import type { IngestLimits } from './limits.ts';
import { utf8Length } from './utf8-length.ts';

/**
 * The shapes `POST /events` accepts (contracts/ingest.yaml):
 * - `plain`: one event object (the service-binding example of SEED.md);
 * - `events-envelope`: `{ "events": [...] }` (the HTTP example);
 * - `json-array`: a bare JSON array of events;
 * - `cloudevent-structured`: one CloudEvent as JSON, with `application/cloudevents+json`
 *   or plain `application/json` (the curl example);
 * - `cloudevents-batch`: `application/cloudevents-batch+json`, an array of CloudEvents;
 * - `cloudevent-binary`: attributes in `ce-*` headers, the body is the event data.
 */
export type IngestShape =
  | 'plain'
  | 'events-envelope'
  | 'json-array'
  | 'cloudevent-structured'
  | 'cloudevents-batch'
  | 'cloudevent-binary';

/** One event as it arrived, not yet validated. */
export interface IncomingItem {
  /** Position in the request (0 for single-event shapes); per-event results use it. */
  readonly index: number;
  readonly value: unknown;
  /** The item is a CloudEvent (it carries `specversion`, or came in a CloudEvents mode). */
  readonly cloudEvent: boolean;
}

/** A parsed request body. */
export interface IngestBody {
  readonly shape: IngestShape;
  readonly items: readonly IncomingItem[];
}

/** What the body parser needs from the request. */
export interface IngestRequestParts {
  readonly contentType: string | null;
  /** Only `ce-*` headers are read here. */
  readonly headers: Headers;
  readonly text: string;
}

/**
 * Splits a request body into its events. Request-level problems (bad JSON,
 * wrong content type, a malformed envelope, too many events) throw an
 * `EventError`; problems with single events are left to validation.
 */
export function parseIngestBody(request: IngestRequestParts, limits: IngestLimits): IngestBody {
  const body = splitBody(request, limits);
  checkEventSizes(body, request.text, limits);
  return body;
}

function splitBody(request: IngestRequestParts, limits: IngestLimits): IngestBody {
  if (request.headers.has('ce-specversion')) return binaryMode(request);
  const encoding = structuredEncodingOf(request.contentType);
  const parsed = parseJson(request.text);
  switch (encoding) {
    case 'cloudevents':
      if (!isObject(parsed))
        throw envelope('a structured CloudEvent (application/cloudevents+json) must be a JSON object');
      return { shape: 'cloudevent-structured', items: [item(0, parsed, true)] };
    case 'cloudevents-batch':
      if (!Array.isArray(parsed))
        throw envelope('a CloudEvents batch (application/cloudevents-batch+json) must be a JSON array');
      checkCount(parsed.length, limits);
      return { shape: 'cloudevents-batch', items: parsed.map((value, index) => item(index, value, true)) };
    default:
      return jsonBody(parsed, limits);
  }
}

function jsonBody(parsed: unknown, limits: IngestLimits): IngestBody {
  if (Array.isArray(parsed)) {
    checkCount(parsed.length, limits);
    return {
      shape: 'json-array',
      items: parsed.map((value, index) => item(index, value, hasSpecVersion(value))),
    };
  }
  if (!isObject(parsed))
    throw envelope('the body must be a JSON object (one event or { "events": [...] }) or an array of events');
  if ('events' in parsed && !('specversion' in parsed)) {
    const events = parsed.events;
    if (!Array.isArray(events))
      throw envelope(`'events' must be an array of events, got ${describe(events)}`, 'events');
    checkCount(events.length, limits);
    return {
      shape: 'events-envelope',
      items: events.map((value, index) => item(index, value, hasSpecVersion(value))),
    };
  }
  if (hasSpecVersion(parsed)) return { shape: 'cloudevent-structured', items: [item(0, parsed, true)] };
  return { shape: 'plain', items: [item(0, parsed, false)] };
}

/** CloudEvents HTTP binding, binary mode: `ce-<attribute>` headers plus the data as the body. */
function binaryMode(request: IngestRequestParts): IngestBody {
  const event: Record<string, unknown> = {};
  request.headers.forEach((value, name) => {
    const lower = name.toLowerCase();
    if (lower.startsWith('ce-')) event[lower.slice(3)] = decodeHeaderValue(value);
  });
  const media = mediaTypeOf(request.contentType);
  if (media !== undefined) event.datacontenttype = request.contentType;
  if (request.text !== '') {
    if (media === undefined || isJsonMediaType(media)) event.data = parseJson(request.text);
    else if (media.startsWith('text/')) event.data = request.text;
    else
      throw new EventError(
        'unsupported-content-type',
        `binary-mode CloudEvent data of type '${media}' is not supported; send JSON (application/json) or text/*`,
        { context: { contentType: media } },
      );
  }
  return { shape: 'cloudevent-binary', items: [item(0, event, true)] };
}

/** Header values are percent-encoded in the CloudEvents HTTP binding (section 3.1.3.2). */
function decodeHeaderValue(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function parseJson(text: string): unknown {
  if (text.trim() === '')
    throw new EventError('invalid-json', 'request body is empty; send a JSON event or batch');
  try {
    return JSON.parse(text);
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new EventError('invalid-json', `request body is not valid JSON: ${detail}`, { cause });
  }
}

function checkCount(count: number, limits: IngestLimits): void {
  if (count > limits.maxEventsPerBatch)
    throw new EventError(
      'too-many-events',
      `batch holds ${count} events; the limit is ${limits.maxEventsPerBatch} per request: split it`,
      { context: { count, maxEventsPerBatch: limits.maxEventsPerBatch } },
    );
}

function item(index: number, value: unknown, cloudEvent: boolean): IncomingItem {
  return { index, value, cloudEvent };
}

/**
 * A single event over `maxEventBytes` (its JSON encoding, UTF-8) fails the
 * whole request (413, nothing stored, as the contract says). No event can be
 * larger than the body it came in, so events are only measured one by one
 * when the body itself is over the limit.
 */
function checkEventSizes(body: IngestBody, text: string, limits: IngestLimits): void {
  // UTF-8 needs at most 3 bytes per UTF-16 code unit.
  if (text.length * 3 <= limits.maxEventBytes || utf8Length(text) <= limits.maxEventBytes) return;
  for (const { index, value } of body.items) {
    const size = utf8Length(JSON.stringify(value) ?? '');
    if (size > limits.maxEventBytes)
      throw new EventError(
        'event-too-large',
        `event ${index} is ${size} bytes; the limit is ${limits.maxEventBytes} bytes per event`,
        { context: { index, size, maxEventBytes: limits.maxEventBytes } },
      );
  }
}

function envelope(message: string, field?: string): EventError {
  return new EventError('invalid-envelope', message, field === undefined ? {} : { field });
}

function hasSpecVersion(value: unknown): boolean {
  return isObject(value) && 'specversion' in value;
}

/** A plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Short description of a JSON value for error messages: its type and, for scalars, the value. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  const shown = JSON.stringify(value);
  return `${typeof value} ${shown.length > 60 ? `${shown.slice(0, 57)}...` : shown}`;
}
