// Generated from contracts/ingest.yaml by `npm run codegen`. Do not edit: change the contract and regenerate.

import * as z from 'zod';

/**
 * Fields every stored event has (SEED.md "Base Event Schema").
 */
export const zBaseEvent = z.object({
    event_id: z.uuid(),
    timestamp: z.iso.datetime(),
    session_id: z.string(),
    user_id: z.string().optional(),
    project_id: z.string(),
    environment: z.string(),
    version: z.string()
});

/**
 * A page view (SEED.md "Page View Event").
 */
export const zPageViewEvent = zBaseEvent.and(z.object({
    event_type: z.literal('page_view'),
    page_url: z.string(),
    page_title: z.string(),
    referrer: z.string().optional(),
    utm_source: z.string().optional(),
    utm_medium: z.string().optional(),
    utm_campaign: z.string().optional(),
    country: z.string().optional(),
    browser: z.string().optional(),
    os: z.string().optional(),
    device_type: z.string().optional(),
    time_on_page: z.number().optional()
}));

/**
 * A video player event (SEED.md "Video Event").
 */
export const zVideoEvent = zBaseEvent.and(z.object({
    event_type: z.literal('video_event'),
    video_id: z.string(),
    action: z.enum([
        'play',
        'pause',
        'seek',
        'complete',
        'error'
    ]),
    position: z.number(),
    duration: z.number(),
    playback_rate: z.number(),
    quality: z.string().optional(),
    buffered: z.number().optional()
}));

/**
 * Any other event type: an open shape. `event_id`, `event_type` and `timestamp` are always
 * present once stored; the other BaseEvent fields are optional, and any further properties are
 * kept (stored in the table's `properties` column as JSON). Scalar further properties also
 * become columns of the table; a value must then have the column's type (see "Custom fields
 * become columns").
 *
 */
export const zCustomEvent = z.looseObject({
    event_id: z.uuid(),
    event_type: z.string().min(1).regex(/^(?!page_view$|video_event$).+$/),
    timestamp: z.iso.datetime(),
    session_id: z.string().optional(),
    user_id: z.string().optional(),
    project_id: z.string().optional(),
    environment: z.string().optional(),
    version: z.string().optional(),
    source: z.string().optional(),
    subject: z.string().optional()
});

/**
 * A stored event: one of the three shapes, chosen by `event_type`.
 */
export const zEvent = z.union([
    zPageViewEvent,
    zVideoEvent,
    zCustomEvent
]);

/**
 * An event as a sender may send it: any JSON object. It is validated on its own, after
 * defaults and enrichment, against `Event` (see the API description); a CloudEvent (an object
 * with `specversion`) is mapped first.
 *
 */
export const zEventInput = z.looseObject({
    event_id: z.string().optional(),
    event_type: z.string().optional(),
    timestamp: z.string().optional(),
    specversion: z.string().optional()
});

/**
 * `{ "events": [...] }`, the HTTP API shape.
 */
export const zEventBatch = z.object({
    events: z.array(zEventInput)
});

/**
 * An `application/json` body: a batch or a single event (plain or CloudEvent).
 */
export const zJsonIngestBody = z.union([
    zEventBatch,
    zEventInput
]);

/**
 * A CloudEvents 1.0 event in the JSON format (structured mode). `id` is required by the
 * CloudEvents spec but optional here: the collector assigns one when missing. Any other
 * top-level member is an extension attribute (lower-case a-z0-9 name).
 *
 */
export const zCloudEvent = z.looseObject({
    specversion: z.literal('1.0'),
    id: z.string().min(1).optional(),
    source: z.string().min(1),
    type: z.string().min(1),
    datacontenttype: z.string().optional(),
    dataschema: z.url().optional(),
    subject: z.string().optional(),
    time: z.iso.datetime().optional(),
    data: z.unknown().optional(),
    data_base64: z.string().optional()
});

/**
 * CloudEvents 1.0 batched mode (`application/cloudevents-batch+json`).
 */
export const zCloudEventBatch = z.array(zCloudEvent);

/**
 * What happened to one event that was not rejected.
 */
export const zEventOutcome = z.object({
    index: z.int().gte(0),
    event_id: z.string(),
    status: z.enum(['accepted', 'duplicate'])
});

/**
 * Why one event was rejected.
 */
export const zEventError = z.object({
    index: z.int().gte(0),
    field: z.string(),
    message: z.string()
});

/**
 * The outcome of a request in which at least one event was valid.
 */
export const zIngestResult = z.object({
    accepted: z.int().gte(0),
    duplicates: z.int().gte(0),
    rejected: z.int().gte(0),
    events: z.array(zEventOutcome),
    errors: z.array(zEventError)
});

/**
 * Closed set of request-level failures.
 */
export const zErrorKind = z.enum([
    'invalid_json',
    'invalid_shape',
    'missing_api_key',
    'invalid_api_key',
    'payload_too_large',
    'unsupported_media_type',
    'all_events_invalid'
]);

/**
 * A request-level failure; nothing was stored.
 */
export const zErrorResponse = z.object({
    error: z.object({
        kind: zErrorKind,
        message: z.string()
    })
});

/**
 * Every event was invalid (422); nothing was stored.
 */
export const zIngestRejected = z.object({
    error: z.object({
        kind: zErrorKind,
        message: z.string()
    }),
    errors: z.array(zEventError)
});

/**
 * Binary mode marker; must be `1.0`.
 */
export const zCeSpecversion = z.enum(['1.0']);

/**
 * Binary mode event id; assigned when missing.
 */
export const zCeId = z.string().min(1);

/**
 * Binary mode event source (URI-reference); required in binary mode.
 */
export const zCeSource = z.string().min(1);

/**
 * Binary mode event type; required in binary mode.
 */
export const zCeType = z.string().min(1);

/**
 * Binary mode event time (RFC 3339).
 */
export const zCeTime = z.iso.datetime();

/**
 * Binary mode event subject.
 */
export const zCeSubject = z.string();

/**
 * Binary mode data schema (URI).
 */
export const zCeDataschema = z.url();

export const zPostEventsBody = zJsonIngestBody;

export const zPostEventsHeaders = z.object({
    'ce-specversion': z.enum(['1.0']).optional(),
    'ce-id': z.string().min(1).optional(),
    'ce-source': z.string().min(1).optional(),
    'ce-type': z.string().min(1).optional(),
    'ce-time': z.iso.datetime().optional(),
    'ce-subject': z.string().optional(),
    'ce-dataschema': z.url().optional()
});

/**
 * Every valid event is stored (duplicates are not stored twice).
 */
export const zPostEventsResponse = zIngestResult;
