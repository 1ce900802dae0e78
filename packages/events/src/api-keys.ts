import { KeyConfigError, parseHashedKeyList, sha256Hex as sha256HexOf } from '@analytics/keys';
import { EventError } from './event-error.ts';

/** One configured ingest key: only the SHA-256 of the key is kept. */
export interface ApiKeyEntry {
  /** Lower-case hex SHA-256 of the key. */
  readonly sha256: string;
  /** Projects the key may write; `*` means any. */
  readonly projects: readonly string[];
  /** A label for logs and metrics, never the key. */
  readonly name: string;
}

/** Where keys come from: Worker vars and secrets. */
export interface ApiKeySettings {
  /** The local single key (any project), e.g. from `ANALYTICS_API_KEY` in the environment. */
  readonly ANALYTICS_API_KEY?: string;
  /** JSON array of `{ "sha256": "<hex>", "projects": ["web", ...], "name"?: "..." }`. */
  readonly COLLECTOR_API_KEYS?: string;
  /**
   * Projects that accept events sent without a key, comma-separated (`*` for
   * any): for browser trackers on public sites, where a key in the page's
   * source would be no secret. Empty (the default) means every request over
   * HTTP needs a key.
   */
  readonly ANONYMOUS_PROJECTS?: string;
}

/** How many matching presented keys a ring remembers (a deployment has a handful). */
const MAX_REMEMBERED_KEYS = 64;

/** The name the key ring gives requests that came without a key and were let in. */
export const ANONYMOUS = 'anonymous';

/**
 * The set of ingest keys, held as SHA-256 hashes so the configuration (and a
 * memory dump) never holds a usable key. `X-API-Key` is hashed and looked up.
 */
export class ApiKeyRing {
  readonly #byHash: ReadonlyMap<string, ApiKeyEntry>;
  readonly #anonymous: ApiKeyEntry | undefined;
  /**
   * Keys presented before that matched, so a sender's key is hashed once per
   * isolate rather than once per request (hashing was ~6 % of a request's
   * CPU). Only matches are kept, and at most `MAX_REMEMBERED_KEYS`.
   */
  readonly #matched = new Map<string, ApiKeyEntry>();

  private constructor(entries: readonly ApiKeyEntry[], anonymousProjects: readonly string[]) {
    this.#byHash = new Map(entries.map((e) => [e.sha256, e]));
    this.#anonymous =
      anonymousProjects.length === 0
        ? undefined
        : { sha256: '', projects: anonymousProjects, name: ANONYMOUS };
  }

  /** Reads `ANALYTICS_API_KEY` and `COLLECTOR_API_KEYS`; throws `invalid-key-config` for a malformed list. */
  static async fromSettings(settings: ApiKeySettings): Promise<ApiKeyRing> {
    const entries: ApiKeyEntry[] = [];
    const single = settings.ANALYTICS_API_KEY?.trim();
    if (single !== undefined && single !== '')
      entries.push({ sha256: await sha256Hex(single), projects: ['*'], name: 'ANALYTICS_API_KEY' });
    entries.push(...parseKeyList(settings.COLLECTOR_API_KEYS));
    const anonymous = (settings.ANONYMOUS_PROJECTS ?? '')
      .split(',')
      .map((p) => p.trim())
      .filter((p) => p !== '');
    return new ApiKeyRing(entries, anonymous);
  }

  /** Number of configured keys. */
  get size(): number {
    return this.#byHash.size;
  }

  /**
   * The entry for a presented key. Without a key: the anonymous entry when
   * some projects accept anonymous events (`ANONYMOUS_PROJECTS`; which events
   * it may write is checked per event), else `missing-api-key` (401). A key
   * that matches no configured key is `wrong-api-key` (403), anonymous
   * projects or not.
   */
  async authenticate(presented: string | null | undefined): Promise<ApiKeyEntry> {
    const key = presented?.trim() ?? '';
    if (key === '') {
      if (this.#anonymous !== undefined) return this.#anonymous;
      throw new EventError('missing-api-key', 'X-API-Key header is required for POST /events over HTTP');
    }
    const known = this.#matched.get(key);
    if (known !== undefined) return known;
    const entry = this.#byHash.get(sha256HexSync(key));
    if (entry === undefined)
      throw new EventError(
        'wrong-api-key',
        'X-API-Key is not a valid ingest key: check the key you were given',
      );
    if (this.#matched.size >= MAX_REMEMBERED_KEYS) this.#matched.clear();
    this.#matched.set(key, entry);
    return entry;
  }
}

/** Whether a key may write events of `projectId` (events without a project are allowed). */
export function keyAllowsProject(entry: ApiKeyEntry, projectId: string | undefined): boolean {
  return projectId === undefined || entry.projects.includes('*') || entry.projects.includes(projectId);
}

/** Lower-case hex SHA-256 of a string's UTF-8 bytes (`@analytics/keys`), as a promise. */
export async function sha256Hex(text: string): Promise<string> {
  return sha256HexOf(text);
}

/** `sha256Hex` without the promise. */
export function sha256HexSync(text: string): string {
  return sha256HexOf(text);
}

/** `COLLECTOR_API_KEYS`: the shared hashed key list (`@analytics/keys`), each entry with its `projects`. */
function parseKeyList(json: string | undefined): ApiKeyEntry[] {
  let list: ReturnType<typeof parseHashedKeyList>;
  try {
    list = parseHashedKeyList(json, 'COLLECTOR_API_KEYS');
  } catch (cause) {
    if (cause instanceof KeyConfigError) throw new EventError('invalid-key-config', cause.message, { cause });
    throw cause;
  }
  return list.map(({ sha256, name, index, raw }) => {
    const { projects } = raw;
    if (!Array.isArray(projects) || projects.length === 0 || !projects.every((p) => typeof p === 'string'))
      throw new EventError(
        'invalid-key-config',
        `COLLECTOR_API_KEYS[${index}].projects must be a non-empty array of strings`,
      );
    return { sha256, projects, name };
  });
}
