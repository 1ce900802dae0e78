/**
 * The import sources, configured as one JSON array in the `IMPORT_SOURCES`
 * variable (README "Import pipeline" shows every field). Secrets (a Turso
 * token, an API's bearer token) are never in it: a source names the secret
 * that holds them. A source whose entry is invalid fails on its own, with a
 * message naming the field, and the others still run.
 */
import { z } from 'zod';
import { parseJsonPath } from './json-path.ts';
import { DECLARABLE_TYPES } from './type-mapping.ts';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Table and source names become Iceberg table names: plain identifiers. */
const identifier = z.string().regex(IDENTIFIER, 'must be a letter or _ followed by letters, digits or _');

const jsonPath = z.string().superRefine((path, ctx) => {
  try {
    parseJsonPath(path);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: (e as Error).message });
  }
});

const common = {
  /** Names the source in results, logs and snapshot summaries; never change it once imported. */
  name: identifier,
  /** The Iceberg table in namespace `imports`; defaults to the source name. */
  table: identifier.optional(),
  /** The column (record field) whose value only grows: `updated_at`, an id. */
  cursor: z.string().min(1),
  /** The first run imports rows whose cursor is greater than this (all rows when absent). */
  initialCursor: z.union([z.string(), z.number()]).optional(),
  /** Rows per batch; each batch is one Iceberg commit. */
  batchSize: z.int().min(1).max(100_000).default(5000),
  /** Batches per run at most; the rest waits for the next run. */
  maxBatches: z.int().min(1).max(1000).default(10),
  /** Iceberg types for columns, instead of the inferred ones (not for the cursor and key columns). */
  types: z.record(z.string(), z.enum(Object.keys(DECLARABLE_TYPES) as [string, ...string[]])).optional(),
};

const sqlCommon = {
  /** The SQLite table to copy. */
  from: z.string().min(1),
  /** Only these columns (all when absent); the cursor and key columns are always read. */
  columns: z.array(z.string().min(1)).min(1).optional(),
  /** A unique, non-null column that orders rows sharing a cursor value (e.g. the primary key). */
  key: z.string().min(1).optional(),
};

const d1Source = z.strictObject({
  ...common,
  ...sqlCommon,
  kind: z.literal('d1'),
  /** The D1 binding's name in the pipeline's wrangler.jsonc (`d1_databases`). */
  binding: identifier,
});

const libsqlSource = z.strictObject({
  ...common,
  ...sqlCommon,
  kind: z.literal('libsql'),
  /** `libsql://<db>-<org>.turso.io`, or `http(s)://host:port` of a libSQL server (sqld). */
  url: z.string().regex(/^(libsql|https?):\/\/[^\s]+$/, 'must be a libsql://, https:// or http:// URL'),
  /** The secret holding the database token (Turso: `turso db tokens create`); none for an open sqld. */
  authTokenSecret: identifier.optional(),
});

const httpSource = z.strictObject({
  ...common,
  kind: z.literal('http'),
  /** The first page's URL; `{cursor}` is replaced by the URL-encoded cursor (empty before the first import). */
  url: z.string().regex(/^https?:\/\/[^\s]+$/, 'must be an http:// or https:// URL'),
  /** JSON path to the array of records in each page, e.g. `$.data` (`$` when the page is the array). */
  records: jsonPath,
  /** Paging: a JSON path to the next page's URL, or to a page token sent as query parameter `param`. */
  next: z
    .union([
      z.strictObject({ link: jsonPath }),
      z.strictObject({ cursor: jsonPath, param: z.string().min(1) }),
    ])
    .optional(),
  /** The secret holding a bearer token, sent as `Authorization: Bearer <token>`. */
  tokenSecret: identifier.optional(),
  /** Extra request headers (not secrets). */
  headers: z.record(z.string(), z.string()).optional(),
  /** Pages per batch at most (a guard against an API that ignores the cursor). */
  maxPages: z.int().min(1).max(10_000).default(100),
});

const sourceConfig = z.discriminatedUnion('kind', [d1Source, libsqlSource, httpSource]);

export type D1SourceConfig = z.infer<typeof d1Source>;
export type LibsqlSourceConfig = z.infer<typeof libsqlSource>;
export type HttpSourceConfig = z.infer<typeof httpSource>;
export type SqlSourceConfig = D1SourceConfig | LibsqlSourceConfig;
export type SourceConfig = z.infer<typeof sourceConfig>;
export type SourceKind = SourceConfig['kind'];

/** A source entry that could not be used, reported as that source's failure. */
export interface InvalidSource {
  /** The entry's `name`, or `#<index>` when it has none. */
  readonly name: string;
  /** Absent when the entry's `kind` is not one of the kinds. */
  readonly kind?: SourceKind;
  /** The table it names: its `table` when that is a valid identifier, otherwise its name. */
  readonly table: string;
  readonly message: string;
}

/** The sources of `IMPORT_SOURCES`. */
export interface ParsedSources {
  readonly sources: readonly SourceConfig[];
  readonly invalid: readonly InvalidSource[];
}

/** The table a source writes to. */
export function tableName(source: SourceConfig): string {
  return source.table ?? source.name;
}

/**
 * Reads `IMPORT_SOURCES`: a string holding a JSON array, or the array itself
 * (wrangler `vars` may hold JSON values, which reach the Worker parsed).
 * Throws only when it is not an array; entries that are invalid are returned
 * in `invalid`, with the field at fault, so one bad source never stops the
 * others.
 */
export function parseSources(value: string | readonly unknown[] | undefined): ParsedSources {
  let json: unknown = value ?? [];
  if (typeof value === 'string') {
    try {
      json = JSON.parse(value.trim() || '[]');
    } catch (e) {
      throw new Error(`IMPORT_SOURCES is not valid JSON: ${(e as Error).message}`);
    }
  }
  if (!Array.isArray(json)) throw new Error('IMPORT_SOURCES must be a JSON array of sources');
  const sources: SourceConfig[] = [];
  const invalid: InvalidSource[] = [];
  const names = new Set<string>();
  const tables = new Map<string, string>();
  for (const [i, entry] of (json as unknown[]).entries()) {
    const rawName =
      entry && typeof entry === 'object' && typeof (entry as { name?: unknown }).name === 'string'
        ? (entry as { name: string }).name
        : `#${i}`;
    const rawKind = (entry as { kind?: unknown } | null)?.kind;
    const kind = rawKind === 'd1' || rawKind === 'libsql' || rawKind === 'http' ? rawKind : undefined;
    const rawTable = (entry as { table?: unknown } | null)?.table;
    const table = typeof rawTable === 'string' && IDENTIFIER.test(rawTable) ? rawTable : rawName;
    const fail = (message: string) => {
      invalid.push({ name: rawName, ...(kind ? { kind } : {}), table, message });
    };
    const parsed = sourceConfig.safeParse(entry);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') || 'source';
      fail(`IMPORT_SOURCES[${i}] (${rawName}): ${field}: ${issue?.message ?? 'invalid'}`);
      continue;
    }
    const s = parsed.data;
    const declared = Object.keys(s.types ?? {});
    const typedKey = 'key' in s && s.key !== undefined && declared.includes(s.key) ? s.key : undefined;
    if (names.has(s.name)) {
      fail(`IMPORT_SOURCES[${i}]: a source named ${s.name} is configured twice`);
      continue;
    }
    const other = tables.get(tableName(s));
    if (other !== undefined) {
      fail(`IMPORT_SOURCES[${i}] (${s.name}): table imports.${tableName(s)} is already written by ${other}`);
      continue;
    }
    if (declared.includes(s.cursor) || typedKey !== undefined) {
      fail(
        `IMPORT_SOURCES[${i}] (${s.name}): types: the cursor and key columns keep their source types (${typedKey ?? s.cursor})`,
      );
      continue;
    }
    names.add(s.name);
    tables.set(tableName(s), s.name);
    sources.push(s);
  }
  return { sources, invalid };
}
