/**
 * The `Range` request header as S3 reads it: one `bytes=` range, first-last,
 * first- or -suffix. Anything else (several ranges, bad syntax) is ignored
 * and the whole object is served, as S3 does.
 */
import type { R2RangeLike } from './r2-bucket-like.ts';

/** A parsed single byte range. */
export type ByteRangeSpec =
  | { readonly kind: 'from'; readonly first: number; readonly last?: number }
  | { readonly kind: 'suffix'; readonly length: number };

/** Parse a Range header; `undefined` means "serve everything". */
export function parseRange(header: string | null): ByteRangeSpec | undefined {
  if (!header) return undefined;
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!m) return undefined;
  const [, first, last] = m as unknown as [string, string, string];
  if (first === '' && last === '') return undefined;
  if (first === '') return { kind: 'suffix', length: Number(last) };
  if (last !== '' && Number(last) < Number(first)) return undefined;
  return last === ''
    ? { kind: 'from', first: Number(first) }
    : { kind: 'from', first: Number(first), last: Number(last) };
}

/** The R2 range for a parsed spec. */
export function toR2Range(spec: ByteRangeSpec): R2RangeLike {
  if (spec.kind === 'suffix') return { suffix: spec.length };
  return spec.last === undefined
    ? { offset: spec.first }
    : { offset: spec.first, length: spec.last - spec.first + 1 };
}

/** The inclusive byte span a spec selects from an object of `size`, or `undefined` when unsatisfiable. */
export function resolveRange(spec: ByteRangeSpec, size: number): { start: number; end: number } | undefined {
  if (spec.kind === 'suffix') {
    if (spec.length === 0 || size === 0) return undefined;
    return { start: Math.max(0, size - spec.length), end: size - 1 };
  }
  if (spec.first >= size) return undefined;
  return { start: spec.first, end: Math.min(spec.last ?? size - 1, size - 1) };
}
