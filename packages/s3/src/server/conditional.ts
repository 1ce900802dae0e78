/**
 * HTTP conditional requests on reads (RFC 9110 section 13.2.2 order, as S3
 * applies it): If-Match, else If-Unmodified-Since, fail with 412;
 * If-None-Match, else If-Modified-Since, answer 304.
 */
import type { R2ObjectLike } from './r2-bucket-like.ts';

/** The outcome of evaluating read preconditions. */
export type ConditionalOutcome = 'proceed' | 'not-modified' | 'precondition-failed';

function etagList(header: string): string[] {
  return header.split(',').map((e) => e.trim().replace(/^W\//, '').replace(/^"|"$/g, ''));
}

function matches(header: string, etag: string): boolean {
  const list = etagList(header);
  return list.includes('*') || list.includes(etag);
}

function seconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

/** Whether the conditional headers of a read let it proceed against `object`. */
export function evaluateConditions(headers: Headers, object: R2ObjectLike): ConditionalOutcome {
  const ifMatch = headers.get('if-match');
  const ifUnmodifiedSince = headers.get('if-unmodified-since');
  const ifNoneMatch = headers.get('if-none-match');
  const ifModifiedSince = headers.get('if-modified-since');
  if (ifMatch !== null) {
    if (!matches(ifMatch, object.etag)) return 'precondition-failed';
  } else if (ifUnmodifiedSince !== null) {
    const limit = Date.parse(ifUnmodifiedSince);
    if (!Number.isNaN(limit) && seconds(object.uploaded) > Math.floor(limit / 1000))
      return 'precondition-failed';
  }
  if (ifNoneMatch !== null) {
    if (matches(ifNoneMatch, object.etag)) return 'not-modified';
  } else if (ifModifiedSince !== null) {
    const since = Date.parse(ifModifiedSince);
    if (!Number.isNaN(since) && seconds(object.uploaded) <= Math.floor(since / 1000)) return 'not-modified';
  }
  return 'proceed';
}

/** True when the request carries any read precondition. */
export function hasConditions(headers: Headers): boolean {
  return ['if-match', 'if-none-match', 'if-modified-since', 'if-unmodified-since'].some((h) =>
    headers.has(h),
  );
}
