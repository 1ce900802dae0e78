import { CatalogError } from './errors.ts';

/** A resolved page request: an exclusive start key and a size; `paged` when the client asked for pages. */
export interface Paging {
  readonly after?: string;
  readonly limit: number;
  readonly paged: boolean;
}

/** Page size when the client sends `pageToken` without `pageSize`. */
export const DEFAULT_PAGE_SIZE = 100;
/** Upper bound for one store read when the client does not page. */
const UNPAGED_CHUNK = 1000;

function encode(key: string): string {
  const bytes = new TextEncoder().encode(key);
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function decode(token: string): string {
  try {
    const b64 = token.replaceAll('-', '+').replaceAll('_', '/');
    const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
  } catch (cause) {
    throw new CatalogError(
      'invalid-argument',
      `Invalid pageToken ${token}: pass back a next-page-token unchanged`,
      {},
      { cause },
    );
  }
}

/**
 * Reads `pageToken`/`pageSize` (REST spec: a client that sends `pageToken`,
 * even empty, supports paging; `pageSize` without a token starts paging too).
 */
export function parsePaging(
  pageToken: string | null | undefined,
  pageSize: string | null | undefined,
): Paging {
  let limit = UNPAGED_CHUNK;
  const paged =
    (pageToken !== null && pageToken !== undefined) || (pageSize !== null && pageSize !== undefined);
  if (pageSize !== null && pageSize !== undefined) {
    const n = Number(pageSize);
    if (!Number.isInteger(n) || n < 1) {
      throw new CatalogError(
        'invalid-argument',
        `Invalid pageSize ${pageSize}: must be a positive integer`,
        {},
      );
    }
    limit = Math.min(n, UNPAGED_CHUNK);
  } else if (paged) {
    limit = DEFAULT_PAGE_SIZE;
  }
  return { ...(pageToken ? { after: decode(pageToken) } : {}), limit, paged };
}

/**
 * Reads every page (unpaged clients) or one page (paged clients) through
 * `read`, which returns rows after a key; `keyOf` gives a row's key.
 */
export function collectPage<T>(
  paging: Paging,
  read: (after: string | undefined, limit: number) => T[],
  keyOf: (row: T) => string,
): { rows: T[]; nextPageToken?: string } {
  if (paging.paged) {
    const rows = read(paging.after, paging.limit);
    const last = rows.at(-1);
    return rows.length === paging.limit && last !== undefined
      ? { rows, nextPageToken: encode(keyOf(last)) }
      : { rows };
  }
  const rows: T[] = [];
  let after = paging.after;
  for (;;) {
    const chunk = read(after, paging.limit);
    rows.push(...chunk);
    const last = chunk.at(-1);
    if (chunk.length < paging.limit || last === undefined) return { rows };
    after = keyOf(last);
  }
}
