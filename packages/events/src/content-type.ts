import { EventError } from './event-error.ts';

/** The request body encodings `POST /events` understands (CloudEvents 1.0 HTTP binding, JSON). */
export type BodyEncoding = 'json' | 'cloudevents' | 'cloudevents-batch' | 'text';

/**
 * Media types accepted for structured bodies, in the order the docs list them.
 * `text/plain` is read as `application/json`: it is what browsers may send
 * cross-origin without a CORS preflight (and the only type `sendBeacon` sends
 * everywhere), so browser trackers use it.
 */
export const ACCEPTED_MEDIA_TYPES = [
  'application/json',
  'application/cloudevents+json',
  'application/cloudevents-batch+json',
  'text/plain',
] as const;

/** The media type without parameters, lower-cased (`Application/JSON; charset=utf-8` → `application/json`). */
export function mediaTypeOf(contentType: string | null | undefined): string | undefined {
  if (contentType === null || contentType === undefined) return undefined;
  const bare = contentType.split(';')[0]?.trim().toLowerCase();
  return bare === undefined || bare === '' ? undefined : bare;
}

/**
 * How to read a structured-mode body with this content type. Throws
 * `unsupported-content-type` naming the type received and the accepted ones.
 */
export function structuredEncodingOf(contentType: string | null | undefined): BodyEncoding {
  const media = mediaTypeOf(contentType);
  switch (media) {
    case 'application/json':
    case 'text/plain':
      return 'json';
    case 'application/cloudevents+json':
      return 'cloudevents';
    case 'application/cloudevents-batch+json':
      return 'cloudevents-batch';
    default:
      throw new EventError(
        'unsupported-content-type',
        `Content-Type ${media === undefined ? 'is missing' : `'${media}' is not supported`}; ` +
          `send one of ${ACCEPTED_MEDIA_TYPES.join(', ')} (or a CloudEvent in binary mode with ce-* headers)`,
        { context: { contentType: media } },
      );
  }
}

/** Whether a binary-mode CloudEvent's `datacontenttype` carries JSON data (`application/json`, `*+json`). */
export function isJsonMediaType(media: string | undefined): boolean {
  return media === 'application/json' || media === 'text/json' || (media?.endsWith('+json') ?? false);
}
