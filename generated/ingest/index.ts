// Generated from contracts/ingest.yaml by `npm run codegen`. Do not edit: change the contract and regenerate.

export { type Options, postEvents } from './sdk.gen.ts';
export type { BaseEvent, CeDataschema, CeId, CeSource, CeSpecversion, CeSubject, CeTime, CeType, ClientOptions, CloudEvent, CloudEventBatch, CustomEvent, ErrorKind, ErrorResponse, Event, EventBatch, EventError, EventInput, EventOutcome, IngestRejected, IngestResult, JsonIngestBody, PageViewEvent, PostEventsData, PostEventsError, PostEventsErrors, PostEventsResponse, PostEventsResponses, VideoEvent } from './types.gen.ts';
