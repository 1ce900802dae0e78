import { KeyConfigError } from './key-config-error.ts';

/** One entry of a hashed key list: only the SHA-256 of the key is configured, never the key. */
export interface HashedKeyEntry {
  /** Lower-case hex SHA-256 of the key. */
  readonly sha256: string;
  /** A label for logs and metrics (`name` of the entry, else `key-<index>`), never the key. */
  readonly name: string;
  /** Position in the list, for messages about the entry's other members. */
  readonly index: number;
  /** The entry as configured, for members a caller adds (the collector's `projects`). */
  readonly raw: Readonly<Record<string, unknown>>;
}

/**
 * Parses a JSON array of `{ "sha256": "<64 hex digits>", "name"?: "…", … }`
 * held in configuration variable `variable` (`COLLECTOR_API_KEYS`,
 * `QUERY_API_KEYS`). Hex digits may be upper case; they are kept lower case.
 * A blank value is an empty list. Throws `KeyConfigError` (`invalid-key-list`)
 * naming the variable and the entry.
 */
export function parseHashedKeyList(json: string | undefined, variable: string): HashedKeyEntry[] {
  const text = json?.trim() ?? '';
  if (text === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new KeyConfigError('invalid-key-list', variable, `${variable} is not valid JSON`, { cause });
  }
  if (!Array.isArray(parsed))
    throw new KeyConfigError(
      'invalid-key-list',
      variable,
      `${variable} must be a JSON array of { "sha256": "<hex>", "name": "…" }`,
    );
  return parsed.map((raw: unknown, index) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      throw new KeyConfigError('invalid-key-list', variable, `${variable}[${index}] must be an object`);
    const entry = raw as Record<string, unknown>;
    const { sha256, name } = entry;
    if (typeof sha256 !== 'string' || !/^[0-9a-fA-F]{64}$/.test(sha256))
      throw new KeyConfigError(
        'invalid-key-list',
        variable,
        `${variable}[${index}].sha256 must be 64 hex digits (the SHA-256 of the key)`,
      );
    return {
      sha256: sha256.toLowerCase(),
      name: typeof name === 'string' && name !== '' ? name : `key-${index}`,
      index,
      raw: entry,
    };
  });
}
