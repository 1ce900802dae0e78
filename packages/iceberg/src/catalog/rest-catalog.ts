/**
 * The `Catalog` port over the Iceberg REST protocol (apache/iceberg
 * `open-api/rest-catalog-open-api.yaml`, served by services/catalog), for every
 * component that commits through the catalog service: the collector's buffers,
 * the maintenance Worker, tools. Bodies go through the lossless JSON codec, so
 * 64-bit snapshot ids stay exact.
 *
 * Status mapping (REST spec "Error model"): 404 → `not-found`, 409 on a commit
 * → `commit-failed` (refresh and retry), 409 on create → `already-exists`,
 * 500/502/503/504 or a lost connection on a commit → `commit-state-unknown`
 * (the commit may have landed: never clean up its files), other 4xx →
 * `invalid-argument`.
 */
import type { TableRequirement } from '../commit/table-requirement.ts';
import { tableRequirementToJson } from '../commit/table-requirement.ts';
import type { TableUpdate } from '../commit/table-update.ts';
import { tableUpdateToJson } from '../commit/table-update.ts';
import { IcebergError, type IcebergErrorKind } from '../errors.ts';
import { type JsonValue, parseJson, stringifyJson } from '../json/lossless-json.ts';
import { tableMetadataFromJson } from '../spec/table-metadata-json.ts';
import { type Catalog, formatIdentifier, type LoadedTable, type TableIdentifier } from './catalog.ts';

/** Anything with `fetch`: a Worker service binding, or `globalThis`. */
export interface FetchLike {
  fetch(input: string, init?: RequestInit): Promise<Response>;
}

/** Where and how to reach the catalog. */
export interface RestCatalogOptions {
  /** Base URL of the REST root, e.g. `http://catalog` over a binding or `http://127.0.0.1:8787`. */
  readonly uri: string;
  /** Fetch implementation; a service binding's `fetch` or the global one. */
  readonly fetcher: FetchLike;
  /** Bearer token sent on every request. */
  readonly token?: string;
  /**
   * OAuth2 client credentials `client_id:client_secret`, exchanged at
   * `/v1/oauth/tokens` for a bearer token (cached until shortly before it
   * expires), as PyIceberg's and Spark's `credential` property does.
   */
  readonly credential?: string;
  /** Clock for token expiry (default `Date.now`). */
  readonly now?: () => number;
  /** Extra headers on every request. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** `ns1\u001fns2` URL-encoded, as the spec encodes multi-level namespaces in paths. */
export function encodeNamespace(namespace: readonly string[]): string {
  return encodeURIComponent(namespace.join('\u001f'));
}

interface ErrorBody {
  readonly error?: { readonly message?: string; readonly type?: string; readonly code?: number };
}

/** A `Catalog` talking to an Iceberg REST catalog. */
export class RestCatalog implements Catalog {
  #token: { value: string; expiresAtMs: number } | undefined;

  private readonly options: RestCatalogOptions;

  constructor(options: RestCatalogOptions) {
    this.options = options;
  }

  private get base(): string {
    return this.options.uri.replace(/\/$/, '');
  }

  /** The bearer token to send: the configured one, or one obtained with the client credentials. */
  private async bearer(): Promise<string | undefined> {
    if (this.options.token) return this.options.token;
    if (!this.options.credential) return undefined;
    const now = this.options.now ?? Date.now;
    if (this.#token && this.#token.expiresAtMs > now()) return this.#token.value;
    const colon = this.options.credential.indexOf(':');
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: colon < 0 ? '' : this.options.credential.slice(0, colon),
      client_secret: colon < 0 ? this.options.credential : this.options.credential.slice(colon + 1),
      scope: 'catalog',
    });
    const res = await this.options.fetcher.fetch(`${this.base}/v1/oauth/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form.toString(),
    });
    const body = (await res.json().catch(() => ({}))) as {
      access_token?: string;
      expires_in?: number;
      error?: string;
      error_description?: string;
    };
    if (!res.ok || !body.access_token) {
      throw new IcebergError(
        'invalid-argument',
        `the catalog refused the client credentials: ${res.status} ${body.error ?? ''} ${body.error_description ?? ''}`.trim(),
        { status: res.status },
      );
    }
    // Renew a minute early (or at half-life for short tokens).
    const lifetimeMs = (body.expires_in ?? 3600) * 1000;
    this.#token = {
      value: body.access_token,
      expiresAtMs: now() + Math.max(lifetimeMs - 60_000, lifetimeMs / 2),
    };
    return body.access_token;
  }

  private tablePath(id: TableIdentifier): string {
    return `/v1/namespaces/${encodeNamespace(id.namespace)}/tables/${encodeURIComponent(id.name)}`;
  }

  private async request(method: string, path: string, body?: JsonValue): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json', ...this.options.headers };
    const token = await this.bearer();
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    return this.options.fetcher.fetch(`${this.base}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body: stringifyJson(body) } : {}),
    });
  }

  private async fail(res: Response, what: string, conflictKind: IcebergErrorKind): Promise<never> {
    const text = await res.text();
    let message = text.slice(0, 500);
    let type: string | undefined;
    try {
      const parsed = JSON.parse(text) as ErrorBody;
      message = parsed.error?.message ?? message;
      type = parsed.error?.type;
    } catch {
      // not JSON: keep the text
    }
    const context = { status: res.status, ...(type ? { type } : {}) };
    if (res.status === 404) throw new IcebergError('not-found', `${what}: ${message}`, context);
    if (res.status === 409) throw new IcebergError(conflictKind, `${what}: ${message}`, context);
    if (res.status >= 500)
      throw new IcebergError('commit-state-unknown', `${what}: ${res.status} ${message}`, context);
    throw new IcebergError('invalid-argument', `${what}: ${res.status} ${message}`, context);
  }

  private static loaded(json: JsonValue): LoadedTable {
    const body = json as { 'metadata-location'?: string; metadata: JsonValue };
    return {
      metadataLocation: body['metadata-location'] ?? '',
      metadata: tableMetadataFromJson(body.metadata),
    };
  }

  async loadTable(id: TableIdentifier): Promise<LoadedTable> {
    const res = await this.request('GET', this.tablePath(id));
    if (!res.ok) return this.fail(res, `load ${formatIdentifier(id)}`, 'commit-failed');
    return RestCatalog.loaded(parseJson(await res.text()));
  }

  async commitTable(
    id: TableIdentifier,
    requirements: readonly TableRequirement[],
    updates: readonly TableUpdate[],
  ): Promise<LoadedTable> {
    const body: JsonValue = {
      identifier: { namespace: [...id.namespace], name: id.name },
      requirements: requirements.map(tableRequirementToJson),
      updates: updates.map(tableUpdateToJson),
    };
    let res: Response;
    try {
      res = await this.request('POST', this.tablePath(id), body);
    } catch (err) {
      throw new IcebergError(
        'commit-state-unknown',
        `commit ${formatIdentifier(id)}: ${String(err)}`,
        {},
        { cause: err },
      );
    }
    if (!res.ok) return this.fail(res, `commit ${formatIdentifier(id)}`, 'commit-failed');
    return RestCatalog.loaded(parseJson(await res.text()));
  }

  /**
   * Creates a table the way staged creates finish: one commit with
   * `assert-create` and every initial update, which the server applies to
   * empty metadata.
   */
  async createTable(id: TableIdentifier, updates: readonly TableUpdate[]): Promise<LoadedTable> {
    const body: JsonValue = {
      identifier: { namespace: [...id.namespace], name: id.name },
      requirements: [{ type: 'assert-create' }],
      updates: updates.map(tableUpdateToJson),
    };
    const res = await this.request('POST', this.tablePath(id), body);
    if (!res.ok) return this.fail(res, `create ${formatIdentifier(id)}`, 'already-exists');
    return RestCatalog.loaded(parseJson(await res.text()));
  }

  /** Creates a namespace; an existing one is fine. */
  async ensureNamespace(
    namespace: readonly string[],
    properties: Readonly<Record<string, string>> = {},
  ): Promise<void> {
    const res = await this.request('POST', '/v1/namespaces', {
      namespace: [...namespace],
      properties: { ...properties },
    });
    if (res.ok || res.status === 409) {
      await res.body?.cancel();
      return;
    }
    await this.fail(res, `create namespace ${namespace.join('.')}`, 'already-exists');
  }

  /** Tables of a namespace (every page). */
  async listTables(namespace: readonly string[]): Promise<TableIdentifier[]> {
    const out: TableIdentifier[] = [];
    let pageToken: string | undefined;
    do {
      const query = pageToken ? `?pageToken=${encodeURIComponent(pageToken)}` : '';
      const res = await this.request('GET', `/v1/namespaces/${encodeNamespace(namespace)}/tables${query}`);
      if (!res.ok) return this.fail(res, `list tables of ${namespace.join('.')}`, 'commit-failed');
      const body = (await res.json()) as {
        identifiers?: TableIdentifier[];
        'next-page-token'?: string | null;
      };
      out.push(...(body.identifiers ?? []));
      pageToken = body['next-page-token'] ?? undefined;
    } while (pageToken);
    return out;
  }
}
