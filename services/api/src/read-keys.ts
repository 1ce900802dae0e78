import {
  HashedKeySet,
  KeyConfigError,
  type NamedKeyHash,
  parseHashedKeyList,
  presentedKey,
} from '@analytics/keys';
import type { ApiErrorCode } from './api-error.ts';

/** Where read keys come from: the API Worker's vars and secrets (wrangler.jsonc, dev.vars.json). */
export interface ReadKeySettings {
  /** One plain read key; a secret on Cloudflare (`wrangler secret put ANALYTICS_QUERY_KEY`). */
  readonly ANALYTICS_QUERY_KEY?: string;
  /** JSON array of `{ "sha256": "<hex SHA-256 of the key>", "name"?: "grafana" }`; a secret on Cloudflare. */
  readonly QUERY_API_KEYS?: string;
  /**
   * `"true"`: requests without a key are answered too (a key that is sent is
   * still checked). Anything else, the default, means a key is required.
   */
  readonly QUERY_PUBLIC?: string;
}

/** Who may read: the name of the key that was sent, or `public` for a keyless request to an open API. */
export interface ReadAccessGranted {
  readonly allowed: true;
  readonly key: string;
}

/** Why a request may not read, as the API answers it. */
export interface ReadAccessDenied {
  readonly allowed: false;
  /** 401 no key (or none configured), 403 a key that matches none, 500 a malformed key list. */
  readonly status: 401 | 403 | 500;
  readonly code: Extract<ApiErrorCode, 'UNAUTHENTICATED' | 'FORBIDDEN' | 'INTERNAL'>;
  /** Says what to send, or what the operator must set. */
  readonly message: string;
}

export type ReadAccess = ReadAccessGranted | ReadAccessDenied;

/** The name a keyless request gets when `QUERY_PUBLIC` is `true`. */
export const PUBLIC_ACCESS = 'public';

const SEND = 'Send Authorization: Bearer <read key> (or X-API-Key: <read key>)';

/**
 * The read keys of `/graphql`. Only SHA-256 hashes are held (the plain
 * `ANALYTICS_QUERY_KEY` is hashed once, here); a presented key is hashed and
 * compared with each hash in constant time (`@analytics/keys`). The API never
 * opens by accident: without `QUERY_PUBLIC=true` and without any key it
 * refuses every request, naming the variables to set.
 */
export class ReadKeys {
  readonly #keys: HashedKeySet<NamedKeyHash>;
  readonly #public: boolean;
  readonly #configError: KeyConfigError | undefined;

  private constructor(keys: HashedKeySet<NamedKeyHash>, open: boolean, configError?: KeyConfigError) {
    this.#keys = keys;
    this.#public = open;
    this.#configError = configError;
  }

  /** Reads the settings. A malformed `QUERY_API_KEYS` does not throw: every request is then refused with 500. */
  static fromSettings(settings: ReadKeySettings): ReadKeys {
    const open = settings.QUERY_PUBLIC?.trim().toLowerCase() === 'true';
    try {
      const listed = parseHashedKeyList(settings.QUERY_API_KEYS, 'QUERY_API_KEYS');
      return new ReadKeys(
        HashedKeySet.withPlainKey(settings.ANALYTICS_QUERY_KEY, 'ANALYTICS_QUERY_KEY', listed),
        open,
      );
    } catch (error) {
      if (!(error instanceof KeyConfigError)) throw error;
      return new ReadKeys(new HashedKeySet([]), open, error);
    }
  }

  /** Whether keyless requests are answered (`QUERY_PUBLIC=true`). */
  get isPublic(): boolean {
    return this.#public;
  }

  /** Number of configured keys. */
  get size(): number {
    return this.#keys.size;
  }

  /** May a request with these headers read? */
  check(headers: Headers): ReadAccess {
    if (this.#configError !== undefined)
      return deny(
        500,
        'INTERNAL',
        `The API's read keys are misconfigured: ${this.#configError.message}. Fix QUERY_API_KEYS on the API Worker.`,
      );
    const key = presentedKey(headers);
    if (key === undefined) {
      if (this.#public) return { allowed: true, key: PUBLIC_ACCESS };
      if (this.#keys.size === 0)
        return deny(
          401,
          'UNAUTHENTICATED',
          'This API has no read keys configured. Set ANALYTICS_QUERY_KEY or QUERY_API_KEYS on the API Worker ' +
            '(or QUERY_PUBLIC=true to answer without a key), then send Authorization: Bearer <read key>.',
        );
      return deny(401, 'UNAUTHENTICATED', `A read key is required. ${SEND}.`);
    }
    const match = this.#keys.match(key);
    if (match === undefined)
      return deny(
        403,
        'FORBIDDEN',
        this.#keys.size === 0
          ? 'This API has no read keys configured, so the key sent matches none: send no key, or set ANALYTICS_QUERY_KEY or QUERY_API_KEYS on the API Worker.'
          : 'The read key is not valid: check the key you were given and send it as Authorization: Bearer <read key>.',
      );
    return { allowed: true, key: match.name };
  }
}

function deny(
  status: ReadAccessDenied['status'],
  code: ReadAccessDenied['code'],
  message: string,
): ReadAccessDenied {
  return { allowed: false, status, code, message };
}
