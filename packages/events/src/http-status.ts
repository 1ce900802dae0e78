import type { EventErrorKind } from './event-error.ts';

/** The contract's request-level error kinds (`ErrorKind` of contracts/ingest.yaml). */
export type WireErrorKind =
  | 'invalid_json'
  | 'invalid_shape'
  | 'missing_api_key'
  | 'invalid_api_key'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'all_events_invalid';

/** How one kind is answered: HTTP status and the contract's error kind. */
export interface HttpMapping {
  readonly status: number;
  readonly wire: WireErrorKind;
}

/**
 * The one table from error kind to HTTP answer. 400 for malformed bodies,
 * 401/403 for keys, 413 for the documented limits, 415 for content types, 422
 * when every event of a request was rejected (event-level kinds).
 */
export const HTTP_MAPPING: Readonly<Record<EventErrorKind, HttpMapping>> = {
  'invalid-json': { status: 400, wire: 'invalid_json' },
  'unsupported-content-type': { status: 415, wire: 'unsupported_media_type' },
  'invalid-envelope': { status: 400, wire: 'invalid_shape' },
  'body-too-large': { status: 413, wire: 'payload_too_large' },
  'too-many-events': { status: 413, wire: 'payload_too_large' },
  'event-too-large': { status: 413, wire: 'payload_too_large' },
  'missing-api-key': { status: 401, wire: 'missing_api_key' },
  'wrong-api-key': { status: 403, wire: 'invalid_api_key' },
  'project-not-allowed': { status: 403, wire: 'invalid_api_key' },
  // A server fault, not the caller's: the contract has no kind for it, so it is named in the message.
  'invalid-key-config': { status: 500, wire: 'invalid_api_key' },
  'not-an-object': { status: 422, wire: 'all_events_invalid' },
  'missing-field': { status: 422, wire: 'all_events_invalid' },
  'wrong-type': { status: 422, wire: 'all_events_invalid' },
  'bad-timestamp': { status: 422, wire: 'all_events_invalid' },
  'invalid-value': { status: 422, wire: 'all_events_invalid' },
  'schema-conflict': { status: 422, wire: 'all_events_invalid' },
};
