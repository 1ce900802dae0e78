import { type JsonValue, parseJson, type TableMetadata, tableMetadataFromJson } from '@analytics/iceberg';
import { QueryError } from './errors.ts';
import type { TableName } from './table-source.ts';

/** How to reach the Iceberg REST catalog. */
export interface RestCatalogReaderOptions {
  /** The REST root (the URL `/v1/config` is under), e.g. `http://127.0.0.1:8787`. */
  readonly uri: string;
  /** Bearer token, when the catalog requires one. */
  readonly token?: string;
  /**
   * `client_id:client_secret`, exchanged at `/v1/oauth/tokens` (client
   * credentials grant) for a bearer token, renewed shortly before it expires.
   */
  readonly credential?: string;
  readonly now?: () => number;
  /** `warehouse` for `/v1/config`, when the catalog serves several. */
  readonly warehouse?: string;
  readonly fetch?: (request: Request) => Promise<Response>;
}

/** A loaded table: where its metadata file is and what it says. */
export interface LoadedMetadata {
  readonly metadataLocation: string;
  readonly metadata: TableMetadata;
}

/**
 * The read side of the Iceberg REST catalog (apache/iceberg
 * `open-api/rest-catalog-open-api.yaml`): config (for the path prefix),
 * namespaces, tables and table metadata. Metadata is parsed losslessly
 * (64-bit snapshot ids stay exact).
 */
export class RestCatalogReader {
  readonly #o: RestCatalogReaderOptions;
  readonly #fetch: (request: Request) => Promise<Response>;
  #prefix: Promise<string> | undefined;
  #token: { value: string; expiresAtMs: number } | undefined;
  /**
   * The last load of each table with its ETag: the engine reloads every table
   * every refresh interval (1 s), and a table that did not change is then
   * answered 304 with no body, so neither side serialises or parses its
   * metadata again.
   */
  readonly #loaded = new Map<string, { etag: string; loaded: LoadedMetadata }>();

  constructor(options: RestCatalogReaderOptions) {
    this.#o = options;
    this.#fetch = options.fetch ?? ((r) => fetch(r));
  }

  /** Every table in every namespace (nested namespaces included). */
  async listTables(): Promise<TableName[]> {
    const out: TableName[] = [];
    const walk = async (parent: readonly string[]): Promise<void> => {
      const q = parent.length > 0 ? `?parent=${encodeURIComponent(parent.join('\u001f'))}` : '';
      const body = (await this.#get(`namespaces${q}`)) as { namespaces?: string[][] };
      for (const ns of body.namespaces ?? []) {
        const tables = (await this.#get(`namespaces/${encodeNamespace(ns)}/tables`)) as {
          identifiers?: { namespace: string[]; name: string }[];
        };
        for (const id of tables.identifiers ?? []) out.push({ namespace: id.namespace, name: id.name });
        await walk(ns);
      }
    };
    await walk([]);
    return out;
  }

  /** The table's current metadata. */
  async loadTable(table: TableName): Promise<LoadedMetadata> {
    const path = `namespaces/${encodeNamespace(table.namespace)}/tables/${encodeURIComponent(table.name)}`;
    const earlier = this.#loaded.get(path);
    const prefix = await this.#prefixPath();
    const answer = await this.#request(`/v1/${prefix}${path}`, earlier?.etag);
    if (answer === NOT_MODIFIED) {
      if (earlier === undefined)
        throw new QueryError('upstream', `Catalog answered 304 for ${path} unasked.`);
      return earlier.loaded;
    }
    const body = answer.body as { 'metadata-location'?: string; metadata: JsonValue };
    const loaded = {
      metadataLocation: body['metadata-location'] ?? '',
      metadata: tableMetadataFromJson(body.metadata),
    };
    if (answer.etag) this.#loaded.set(path, { etag: answer.etag, loaded });
    else this.#loaded.delete(path);
    return loaded;
  }

  async #get(path: string): Promise<JsonValue> {
    const prefix = await this.#prefixPath();
    return this.#body(`/v1/${prefix}${path}`);
  }

  /** A request that is never conditional: its JSON body. */
  async #body(path: string): Promise<JsonValue> {
    const answer = await this.#request(path);
    if (answer === NOT_MODIFIED)
      throw new QueryError('upstream', `Catalog answered 304 for ${path} unasked.`);
    return answer.body;
  }

  #prefixPath(): Promise<string> {
    this.#prefix ??= (async () => {
      const q = this.#o.warehouse ? `?warehouse=${encodeURIComponent(this.#o.warehouse)}` : '';
      const config = (await this.#body(`/v1/config${q}`)) as { overrides?: { prefix?: string } };
      const prefix = config.overrides?.prefix;
      return prefix ? `${prefix.replace(/^\/|\/$/g, '')}/` : '';
    })().catch((e) => {
      this.#prefix = undefined;
      throw e;
    });
    return this.#prefix;
  }

  async #bearer(): Promise<string | undefined> {
    if (this.#o.token) return this.#o.token;
    if (!this.#o.credential) return undefined;
    const now = (this.#o.now ?? Date.now)();
    if (this.#token && this.#token.expiresAtMs > now) return this.#token.value;
    const colon = this.#o.credential.indexOf(':');
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: colon < 0 ? '' : this.#o.credential.slice(0, colon),
      client_secret: colon < 0 ? this.#o.credential : this.#o.credential.slice(colon + 1),
      scope: 'catalog',
    });
    let res: Response;
    try {
      res = await this.#fetch(
        new Request(`${this.#o.uri.replace(/\/$/, '')}/v1/oauth/tokens`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body: form.toString(),
        }),
      );
    } catch (e) {
      throw new QueryError(
        'upstream',
        `The catalog at ${this.#o.uri} is unreachable: ${String(e)}`,
        {},
        { cause: e },
      );
    }
    const body = (await res.json().catch(() => ({}))) as { access_token?: string; expires_in?: number };
    if (!res.ok || !body.access_token) {
      throw new QueryError(
        'upstream',
        `The catalog refused the query engine's credentials (${res.status}).`,
        {
          status: res.status,
        },
      );
    }
    // Renew a minute early so a request never carries a token that expires in flight.
    const ttlMs = Math.max(0, (body.expires_in ?? 3600) * 1000 - 60_000);
    this.#token = { value: body.access_token, expiresAtMs: now + ttlMs };
    return body.access_token;
  }

  /** GET `path`; with `ifNoneMatch`, `NOT_MODIFIED` when the catalog answers 304. */
  async #request(path: string, ifNoneMatch?: string): Promise<Answer | typeof NOT_MODIFIED> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = await this.#bearer();
    if (token) headers.authorization = `Bearer ${token}`;
    if (ifNoneMatch !== undefined) headers['if-none-match'] = ifNoneMatch;
    let res: Response;
    try {
      res = await this.#fetch(new Request(`${this.#o.uri.replace(/\/$/, '')}${path}`, { headers }));
    } catch (e) {
      throw new QueryError(
        'upstream',
        `The catalog at ${this.#o.uri} is unreachable: ${String(e)}`,
        {},
        { cause: e },
      );
    }
    const text = await res.text();
    if (res.status === 304 && ifNoneMatch !== undefined) return NOT_MODIFIED;
    if (res.status === 401 && this.#token) {
      this.#token = undefined; // expired or revoked: the next call fetches a new one
    }
    if (res.status === 404) throw new QueryError('not-found', `Catalog: ${path} not found.`, { path });
    if (!res.ok) {
      throw new QueryError('upstream', `Catalog answered ${res.status} for ${path}: ${text.slice(0, 300)}`, {
        status: res.status,
      });
    }
    return { body: parseJson(text), etag: res.headers.get('etag') ?? undefined };
  }
}

/** A catalog answer: its JSON and, for table loads, its ETag. */
interface Answer {
  readonly body: JsonValue;
  readonly etag: string | undefined;
}

/** The catalog's 304 to a conditional load. */
const NOT_MODIFIED = Symbol('not modified');

/** Multi-level namespaces in paths: levels joined by the unit separator, URL-encoded (REST spec). */
function encodeNamespace(ns: readonly string[]): string {
  return encodeURIComponent(ns.join('\u001f'));
}
