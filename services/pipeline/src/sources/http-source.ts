/**
 * An HTTP JSON API as a source. A batch starts a listing at the configured
 * URL with `{cursor}` replaced by the stored cursor, reads the records at
 * the `records` JSON path of each page, and follows the paging (a next link,
 * or a page token sent back as a query parameter) until it has `limit` new
 * records, the listing ends or `maxPages` pages were read. Records whose
 * cursor field is not greater than the stored cursor are dropped, so an API
 * whose filter is inclusive (`>=`) or absent imports nothing twice.
 *
 * Stopping before the end of a listing is only safe when the API lists
 * records in ascending cursor order: the batch checks that it did. Records
 * sharing a cursor value stay in one batch: past `limit` it reads on to the
 * first greater value; stopped by `maxPages` inside such a run of equal
 * values, it holds them back for the next batch, which asks again from the
 * previous value.
 */
import type { HttpSourceConfig } from '../config.ts';
import {
  type Cursor,
  type CursorValue,
  compareCursorValues,
  encodeCursorValue,
  toCursorValue,
} from '../cursor.ts';
import { ImportError } from '../errors.ts';
import { selectJsonPath } from '../json-path.ts';
import { fromJson, type SourceRow, type SourceValue } from '../source-values.ts';
import { DECLARABLE_TYPES, inferType } from '../type-mapping.ts';
import type { FetchLike } from './hrana-client.ts';
import type { ImportSource, SourceBatch, SourceColumn } from './source.ts';

/** The text a cursor value takes in a URL: strings as they are, numbers as digits. */
function cursorText(v: Cursor['value']): string {
  return typeof v === 'string' ? v : encodeCursorValue(v).replace(/\.0$/, '');
}

/** `url` with `{cursor}` replaced. */
export function firstPageUrl(template: string, cursor: string): string {
  return template.replaceAll('{cursor}', encodeURIComponent(cursor));
}

export class HttpSource implements ImportSource {
  readonly #config: HttpSourceConfig;
  readonly #fetcher: FetchLike;
  readonly #token: string | undefined;

  constructor(config: HttpSourceConfig, options: { fetcher?: FetchLike; token?: string } = {}) {
    this.#config = config;
    this.#fetcher = options.fetcher ?? globalThis;
    this.#token = options.token;
  }

  async #page(url: string): Promise<unknown> {
    let res: Response;
    try {
      res = await this.#fetcher.fetch(url, {
        headers: {
          accept: 'application/json',
          ...(this.#config.headers ?? {}),
          ...(this.#token ? { authorization: `Bearer ${this.#token}` } : {}),
        },
      });
    } catch (e) {
      throw new ImportError('source', `GET ${url} failed: ${String(e)}`);
    }
    const text = await res.text();
    if (!res.ok) {
      const hint = res.status === 401 || res.status === 403 ? " (check the source's tokenSecret)" : '';
      throw new ImportError('source', `GET ${url} answered HTTP ${res.status}${hint}: ${text.slice(0, 300)}`);
    }
    try {
      return JSON.parse(text);
    } catch {
      throw new ImportError(
        'source',
        `GET ${url} answered something that is not JSON: ${text.slice(0, 120)}`,
      );
    }
  }

  async readBatch(after: Cursor | undefined, limit: number): Promise<SourceBatch> {
    const c = this.#config;
    const start =
      after !== undefined
        ? cursorText(after.value)
        : c.initialCursor === undefined
          ? ''
          : String(c.initialCursor);
    let url: string | undefined = firstPageUrl(c.url, start);
    const taken: Record<string, unknown>[] = [];
    const notes: string[] = [];
    let pages = 0;
    let noCursor = 0;
    let old = 0;
    // Once `limit` records are taken, the batch still takes the rest of the last value's records,
    // up to the first record after them (`beyond`), so records sharing a value stay together.
    let boundary: CursorValue | undefined;
    let beyond = false;
    listing: while (url !== undefined && pages < c.maxPages) {
      const body = await this.#page(url);
      pages++;
      const records = selectJsonPath(body, c.records);
      if (!Array.isArray(records))
        throw new ImportError(
          'source',
          `GET ${url}: ${c.records} is ${records === undefined ? 'missing' : `a ${typeof records}`}, not an array of records`,
        );
      for (const record of records) {
        if (record === null || typeof record !== 'object' || Array.isArray(record))
          throw new ImportError('source', `GET ${url}: a record at ${c.records} is not a JSON object`);
        const value = toCursorValue(fromJson((record as Record<string, unknown>)[c.cursor]));
        if (value === undefined) {
          noCursor++;
          continue;
        }
        if (after !== undefined && compareCursorValues(value, after.value) <= 0) {
          old++;
          continue;
        }
        if (boundary !== undefined && compareCursorValues(value, boundary) > 0) {
          beyond = true;
          break listing;
        }
        taken.push(record as Record<string, unknown>);
        if (boundary === undefined && taken.length >= limit) boundary = value;
      }
      url = this.#next(body, url);
    }
    const more = beyond || url !== undefined;
    if (noCursor > 0) notes.push(`${noCursor} records without a ${c.cursor} were skipped`);
    if (more && taken.length === 0)
      notes.push(
        `no new records in ${pages} pages (${old} already imported); does the URL filter by {cursor}? the next run starts over`,
      );

    const cursorOf = (r: Record<string, unknown>) => toCursorValue(fromJson(r[c.cursor]))!;
    let rows = taken;
    if (more && rows.length > 0) {
      // Stopping mid-listing: every later record must come after the last one taken.
      for (let i = 1; i < rows.length; i++) {
        if (compareCursorValues(cursorOf(rows[i - 1]!), cursorOf(rows[i]!)) > 0)
          throw new ImportError(
            'source',
            `the API does not list records in ascending ${c.cursor} order (${encodeCursorValue(cursorOf(rows[i - 1]!))} before ${encodeCursorValue(cursorOf(rows[i]!))}), so a batch cannot stop mid-listing without skipping records: sort the listing by ${c.cursor} or raise batchSize above the listing's length`,
          );
      }
      if (!beyond) {
        // Stopped by maxPages inside a run of equal values: the next page may hold more of them.
        const last = cursorOf(rows.at(-1)!);
        const kept = rows.filter((r) => compareCursorValues(cursorOf(r), last) < 0);
        if (kept.length === 0)
          throw new ImportError(
            'source',
            `${rows.length} records share ${c.cursor} = ${encodeCursorValue(last)} over ${pages} pages and the listing goes on: raise maxPages`,
          );
        if (kept.length < rows.length)
          notes.push(
            `${rows.length - kept.length} records with ${c.cursor} = ${encodeCursorValue(last)} are held back for the next batch`,
          );
        rows = kept;
      }
    }

    const sourceRows: SourceRow[] = rows.map((r) => {
      const row: Record<string, SourceValue> = {};
      for (const [k, v] of Object.entries(r)) row[k] = fromJson(v);
      return row;
    });
    const names = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    const columns: SourceColumn[] = names.map((name) => {
      const override = c.types?.[name];
      if (override !== undefined)
        return { name, type: DECLARABLE_TYPES[override], origin: `types: ${override}` };
      const inferred = inferType(sourceRows.map((r) => r[name] ?? null));
      if (inferred.conflict)
        throw new ImportError('type_conflict', `field ${name} holds ${inferred.conflict}`, { column: name });
      return { name, ...(inferred.type ? { type: inferred.type } : {}), origin: 'JSON values' };
    });
    let cursor: Cursor | undefined;
    for (const r of rows) {
      const v = cursorOf(r);
      if (cursor === undefined || compareCursorValues(v, cursor.value) > 0) cursor = { value: v };
    }
    return { columns, rows: sourceRows, ...(cursor ? { cursor } : {}), more, notes };
  }

  /** The next page's URL, or undefined at the end of the listing. */
  #next(body: unknown, url: string): string | undefined {
    const next = this.#config.next;
    if (next === undefined) return undefined;
    if ('link' in next) {
      const link = selectJsonPath(body, next.link);
      if (link === undefined || link === null || link === '') return undefined;
      if (typeof link !== 'string')
        throw new ImportError('source', `GET ${url}: the next link at ${next.link} is not a string`);
      return new URL(link, url).toString();
    }
    const token = selectJsonPath(body, next.cursor);
    if (token === undefined || token === null || token === '' || token === false) return undefined;
    if (typeof token !== 'string' && typeof token !== 'number')
      throw new ImportError(
        'source',
        `GET ${url}: the page token at ${next.cursor} is not a string or number`,
      );
    const u = new URL(url);
    u.searchParams.set(next.param, String(token));
    return u.toString();
  }
}

export type { FetchLike };
