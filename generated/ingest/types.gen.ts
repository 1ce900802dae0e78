// Generated from contracts/ingest.yaml by `npm run codegen`. Do not edit: change the contract and regenerate.

export type ClientOptions = {
    baseUrl: 'http://localhost:8787' | (string & {});
};

/**
 * Fields every stored event has (SEED.md "Base Event Schema").
 */
export type BaseEvent = {
    /**
     * UUID v4; assigned by the collector when the sender gives none.
     */
    event_id: string;
    /**
     * ISO 8601 / RFC 3339 time the event happened.
     */
    timestamp: string;
    /**
     * Session identifier.
     */
    session_id: string;
    /**
     * Authenticated user, when there is one.
     */
    user_id?: string;
    /**
     * Source project.
     */
    project_id: string;
    /**
     * production / development.
     */
    environment: string;
    /**
     * Schema version.
     */
    version: string;
};

/**
 * A page view (SEED.md "Page View Event").
 */
export type PageViewEvent = BaseEvent & {
    event_type: 'page_view';
    page_url: string;
    page_title: string;
    referrer?: string;
    utm_source?: string;
    utm_medium?: string;
    utm_campaign?: string;
    /**
     * From CF-IPCountry.
     */
    country?: string;
    browser?: string;
    os?: string;
    device_type?: string;
    /**
     * Seconds.
     */
    time_on_page?: number;
};

/**
 * A video player event (SEED.md "Video Event").
 */
export type VideoEvent = BaseEvent & {
    event_type: 'video_event';
    video_id: string;
    action: 'play' | 'pause' | 'seek' | 'complete' | 'error';
    /**
     * Seconds.
     */
    position: number;
    /**
     * Total duration in seconds.
     */
    duration: number;
    playback_rate: number;
    quality?: string;
    /**
     * Seconds buffered.
     */
    buffered?: number;
};

/**
 * Any other event type: an open shape. `event_id`, `event_type` and `timestamp` are always
 * present once stored; the other BaseEvent fields are optional, and any further properties are
 * kept (stored in the table's `properties` column as JSON). Scalar further properties also
 * become columns of the table; a value must then have the column's type (see "Custom fields
 * become columns").
 *
 */
export type CustomEvent = {
    event_id: string;
    /**
     * Anything except `page_view` and `video_event`, which have their own schemas.
     */
    event_type: string;
    timestamp: string;
    session_id?: string;
    user_id?: string;
    project_id?: string;
    environment?: string;
    version?: string;
    /**
     * CloudEvents `source`, when the event arrived as a CloudEvent.
     */
    source?: string;
    /**
     * CloudEvents `subject`, when the event arrived as a CloudEvent.
     */
    subject?: string;
    [key: string]: unknown;
};

/**
 * A stored event: one of the three shapes, chosen by `event_type`.
 */
export type Event = PageViewEvent | VideoEvent | CustomEvent;

/**
 * An event as a sender may send it: any JSON object. It is validated on its own, after
 * defaults and enrichment, against `Event` (see the API description); a CloudEvent (an object
 * with `specversion`) is mapped first.
 *
 */
export type EventInput = {
    event_id?: string;
    event_type?: string;
    timestamp?: string;
    specversion?: string;
    [key: string]: unknown;
};

/**
 * `{ "events": [...] }`, the HTTP API shape.
 */
export type EventBatch = {
    events: Array<EventInput>;
};

/**
 * An `application/json` body: a batch or a single event (plain or CloudEvent).
 */
export type JsonIngestBody = EventBatch | EventInput;

/**
 * A CloudEvents 1.0 event in the JSON format (structured mode). `id` is required by the
 * CloudEvents spec but optional here: the collector assigns one when missing. Any other
 * top-level member is an extension attribute (lower-case a-z0-9 name).
 *
 */
export type CloudEvent = {
    specversion: '1.0';
    id?: string;
    /**
     * URI-reference identifying the context the event happened in.
     */
    source: string;
    /**
     * Event type; `page_view` and `video_event` select the typed schemas.
     */
    type: string;
    /**
     * RFC 2046 media type of `data`; default application/json.
     */
    datacontenttype?: string;
    dataschema?: string;
    subject?: string;
    time?: string;
    /**
     * The event payload (any JSON value).
     */
    data?: unknown;
    /**
     * Base64 payload for binary data (CloudEvents JSON format §3.1).
     */
    data_base64?: string;
    [key: string]: unknown;
};

/**
 * CloudEvents 1.0 batched mode (`application/cloudevents-batch+json`).
 */
export type CloudEventBatch = Array<CloudEvent>;

/**
 * What happened to one event that was not rejected.
 */
export type EventOutcome = {
    /**
     * Position of the event in the request (0 for a single event).
     */
    index: number;
    /**
     * The event's id, assigned by the collector if the sender gave none.
     */
    event_id: string;
    /**
     * `duplicate`: an event with this id was already accepted; not stored again.
     */
    status: 'accepted' | 'duplicate';
};

/**
 * Why one event was rejected.
 */
export type EventError = {
    /**
     * Position of the event in the request (0 for a single event).
     */
    index: number;
    /**
     * JSON path of the offending field within the event, e.g. `page_url` or `data.position`; empty for the whole event.
     */
    field: string;
    /**
     * What is wrong and what to do.
     */
    message: string;
};

/**
 * The outcome of a request in which at least one event was valid.
 */
export type IngestResult = {
    /**
     * Events stored by this request (new, valid events).
     */
    accepted: number;
    /**
     * Valid events not stored because their event_id was already accepted.
     */
    duplicates: number;
    /**
     * Invalid events (listed in `errors`).
     */
    rejected: number;
    /**
     * One entry per accepted or duplicate event, in request order.
     */
    events: Array<EventOutcome>;
    /**
     * One or more entries per rejected event, in request order.
     */
    errors: Array<EventError>;
};

/**
 * Closed set of request-level failures.
 */
export type ErrorKind = 'invalid_json' | 'invalid_shape' | 'missing_api_key' | 'invalid_api_key' | 'payload_too_large' | 'unsupported_media_type' | 'all_events_invalid';

/**
 * A request-level failure; nothing was stored.
 */
export type ErrorResponse = {
    error: {
        kind: ErrorKind;
        /**
         * What went wrong, the bad value and what to do.
         */
        message: string;
    };
};

/**
 * Every event was invalid (422); nothing was stored.
 */
export type IngestRejected = {
    error: {
        kind: ErrorKind;
        message: string;
    };
    errors: Array<EventError>;
};

/**
 * Binary mode marker; must be `1.0`.
 */
export type CeSpecversion = '1.0';

/**
 * Binary mode event id; assigned when missing.
 */
export type CeId = string;

/**
 * Binary mode event source (URI-reference); required in binary mode.
 */
export type CeSource = string;

/**
 * Binary mode event type; required in binary mode.
 */
export type CeType = string;

/**
 * Binary mode event time (RFC 3339).
 */
export type CeTime = string;

/**
 * Binary mode event subject.
 */
export type CeSubject = string;

/**
 * Binary mode data schema (URI).
 */
export type CeDataschema = string;

export type PostEventsData = {
    body: JsonIngestBody;
    headers?: {
        /**
         * Binary mode marker; must be `1.0`.
         */
        'ce-specversion'?: '1.0';
        /**
         * Binary mode event id; assigned when missing.
         */
        'ce-id'?: string;
        /**
         * Binary mode event source (URI-reference); required in binary mode.
         */
        'ce-source'?: string;
        /**
         * Binary mode event type; required in binary mode.
         */
        'ce-type'?: string;
        /**
         * Binary mode event time (RFC 3339).
         */
        'ce-time'?: string;
        /**
         * Binary mode event subject.
         */
        'ce-subject'?: string;
        /**
         * Binary mode data schema (URI).
         */
        'ce-dataschema'?: string;
    };
    path?: never;
    query?: never;
    url: '/events';
};

export type PostEventsErrors = {
    /**
     * The body is not valid JSON, or its outer shape is none of the accepted ones.
     */
    400: ErrorResponse;
    /**
     * No `X-API-Key` header on a request that needs one.
     */
    401: ErrorResponse;
    /**
     * The `X-API-Key` does not match.
     */
    403: ErrorResponse;
    /**
     * The body, the number of events or one event exceeds the limits; nothing is stored.
     */
    413: ErrorResponse;
    /**
     * The Content-Type is not one of the accepted ones (and no `ce-specversion` header).
     */
    415: ErrorResponse;
    /**
     * Every event in the request is invalid; nothing is stored.
     */
    422: IngestRejected;
};

export type PostEventsError = PostEventsErrors[keyof PostEventsErrors];

export type PostEventsResponses = {
    /**
     * Every valid event is stored (duplicates are not stored twice).
     */
    202: IngestResult;
};

export type PostEventsResponse = PostEventsResponses[keyof PostEventsResponses];
