import {
  IcebergError,
  type JsonValue,
  parseJson,
  stringifyJson,
  type TableMetadata,
  tableMetadataFromJson,
} from '@analytics/iceberg';

/** A table as the catalog answered it (`LoadTableResult`). */
export interface LoadedTable {
  readonly metadataLocation: string | undefined;
  readonly metadata: TableMetadata;
}

/** What `createTable` sends (`CreateTableRequest`, wire JSON). */
export interface CreateTableBody {
  readonly name: string;
  readonly location: string;
  /** Schema JSON (Appendix C); serialised with the lossless codec. */
  readonly schema: unknown;
  readonly 'partition-spec': unknown;
  readonly 'write-order'?: unknown;
  readonly properties: Readonly<Record<string, string>>;
}

/**
 * The collector's port to the catalog: the four Iceberg REST calls a flush
 * needs. `commitTable` throws `IcebergError` `commit-failed` on 409 (refresh
 * and retry) and `commit-state-unknown` on 5xx or a lost connection (look for
 * the flush id before retrying).
 */
export interface TableCatalog {
  loadTable(namespace: string, table: string): Promise<LoadedTable | undefined>;
  createNamespace(namespace: string): Promise<void>;
  createTable(namespace: string, body: CreateTableBody): Promise<LoadedTable>;
  commitTable(
    namespace: string,
    table: string,
    requirements: readonly JsonValue[],
    updates: readonly JsonValue[],
  ): Promise<LoadedTable>;
}

/** Anything with `fetch`: a service binding, or `globalThis`. */
export interface FetchLike {
  fetch(input: string, init?: RequestInit): Promise<Response>;
}

/**
 * `TableCatalog` over the Iceberg REST protocol (open-api/rest-catalog-open-api.yaml),
 * reached through a service binding. Bodies use the lossless JSON codec so
 * 64-bit snapshot ids stay exact. The route prefix comes from `/v1/config`.
 */
export class RestTableCatalog implements TableCatalog {
  readonly #http: FetchLike;
  readonly #base: string;
  readonly #credential: string | undefined;
  #token: { value: string; expiresAtMs: number } | undefined;
  #prefix: Promise<string> | undefined;

  /**
   * `credential` is `client_id:client_secret` for the OAuth2 client-credentials
   * grant (`POST /v1/oauth/tokens`), or `token:<bearer>` for a static token.
   */
  constructor(http: FetchLike, options: { baseUrl?: string; credential?: string } = {}) {
    this.#http = http;
    this.#base = (options.baseUrl ?? 'https://catalog.internal').replace(/\/+$/, '');
    this.#credential = options.credential;
    if (options.credential?.startsWith('token:'))
      this.#token = {
        value: options.credential.slice('token:'.length),
        expiresAtMs: Number.POSITIVE_INFINITY,
      };
  }

  async loadTable(namespace: string, table: string): Promise<LoadedTable | undefined> {
    const res = await this.#call('GET', await this.#tablePath(namespace, table));
    if (res.status === 404) return undefined;
    return loadResult(await this.#expect(res, 'load table', [200]));
  }

  async createNamespace(namespace: string): Promise<void> {
    const res = await this.#call('POST', `${await this.#root()}/namespaces`, {
      namespace: [namespace],
      properties: {},
    });
    if (res.status === 409) return; // exists already
    await this.#expect(res, 'create namespace', [200]);
  }

  async createTable(namespace: string, body: CreateTableBody): Promise<LoadedTable> {
    const res = await this.#call(
      'POST',
      `${await this.#root()}/namespaces/${encodeURIComponent(namespace)}/tables`,
      body,
    );
    if (res.status === 409) {
      const existing = await this.loadTable(namespace, body.name);
      if (existing !== undefined) return existing;
    }
    return loadResult(await this.#expect(res, 'create table', [200]));
  }

  async commitTable(
    namespace: string,
    table: string,
    requirements: readonly JsonValue[],
    updates: readonly JsonValue[],
  ): Promise<LoadedTable> {
    let res: Response;
    try {
      res = await this.#call('POST', await this.#tablePath(namespace, table), {
        identifier: { namespace: [namespace], name: table },
        requirements,
        updates,
      });
    } catch (cause) {
      throw new IcebergError(
        'commit-state-unknown',
        `commit to ${namespace}.${table}: no answer`,
        {},
        { cause },
      );
    }
    if (res.status === 409)
      throw new IcebergError(
        'commit-failed',
        `commit to ${namespace}.${table} conflicted: ${await errorText(res)}`,
      );
    if (res.status >= 500)
      throw new IcebergError(
        'commit-state-unknown',
        `commit to ${namespace}.${table} answered ${res.status}: ${await errorText(res)}`,
      );
    return loadResult(await this.#expect(res, 'commit', [200]));
  }

  async #root(): Promise<string> {
    this.#prefix ??= this.#config();
    const prefix = await this.#prefix;
    return prefix === '' ? `${this.#base}/v1` : `${this.#base}/v1/${prefix}`;
  }

  async #config(): Promise<string> {
    const res = await this.#call('GET', `${this.#base}/v1/config`);
    if (!res.ok) return '';
    const config = parseJson(await res.text()) as {
      defaults?: Record<string, string>;
      overrides?: Record<string, string>;
    };
    return config.overrides?.prefix ?? config.defaults?.prefix ?? '';
  }

  async #tablePath(namespace: string, table: string): Promise<string> {
    return `${await this.#root()}/namespaces/${encodeURIComponent(namespace)}/tables/${encodeURIComponent(table)}`;
  }

  async #call(method: string, url: string, body?: unknown): Promise<Response> {
    const send = async () =>
      this.#http.fetch(url, {
        method,
        headers: { 'content-type': 'application/json', ...(await this.#authorization()) },
        ...(body === undefined ? {} : { body: stringifyJson(body) }),
      });
    const res = await send();
    if (res.status !== 401 || this.#credential === undefined || this.#credential.startsWith('token:'))
      return res;
    // An issued token may have expired or the catalog restarted with a new secret: get a new one once.
    this.#token = undefined;
    return send();
  }

  async #authorization(): Promise<Record<string, string>> {
    if (this.#credential === undefined) return {};
    if (this.#token === undefined || this.#token.expiresAtMs <= Date.now() + 30_000) {
      const [clientId = '', ...secret] = this.#credential.split(':');
      const res = await this.#http.fetch(`${this.#base}/v1/oauth/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: clientId,
          client_secret: secret.join(':'),
          scope: 'catalog',
        }).toString(),
      });
      if (!res.ok)
        throw new IcebergError(
          'storage',
          `catalog token request answered ${res.status}: ${await errorText(res)}`,
        );
      const body = (await res.json()) as { access_token: string; expires_in?: number };
      this.#token = { value: body.access_token, expiresAtMs: Date.now() + (body.expires_in ?? 3600) * 1000 };
    }
    return { authorization: `Bearer ${this.#token.value}` };
  }

  async #expect(res: Response, what: string, ok: readonly number[]): Promise<JsonValue> {
    if (!ok.includes(res.status))
      throw new IcebergError(
        res.status === 404 ? 'not-found' : 'storage',
        `catalog ${what} answered ${res.status}: ${await errorText(res)}`,
      );
    return parseJson(await res.text());
  }
}

function loadResult(json: JsonValue): LoadedTable {
  const body = json as { 'metadata-location'?: string; metadata: JsonValue };
  return { metadataLocation: body['metadata-location'], metadata: tableMetadataFromJson(body.metadata) };
}

async function errorText(res: Response): Promise<string> {
  const text = await res.text().catch(() => '');
  try {
    const parsed = JSON.parse(text) as { error?: { message?: string } };
    return parsed.error?.message ?? text.slice(0, 300);
  } catch {
    return text.slice(0, 300);
  }
}
