import { constantTimeEqual } from './constant-time.ts';
import { sha256Hex } from './sha256-hex.ts';

/** A key as the set holds it: its hash and a label. */
export interface NamedKeyHash {
  /** Lower-case hex SHA-256 of the key. */
  readonly sha256: string;
  /** A label for logs and metrics, never the key. */
  readonly name: string;
}

/**
 * Keys held only as SHA-256 hashes, so the configuration (and a memory dump)
 * never holds a usable key. A presented key is hashed, then compared with
 * every configured hash in constant time, without stopping at a match: how
 * long a check takes says nothing about which hash, or which prefix of one,
 * came close.
 */
export class HashedKeySet<K extends NamedKeyHash = NamedKeyHash> {
  readonly #keys: readonly K[];

  constructor(keys: readonly K[]) {
    this.#keys = keys;
  }

  /** A set with one plain key (a secret such as `ANALYTICS_QUERY_KEY`), hashed here; blank adds nothing. */
  static withPlainKey<K extends NamedKeyHash>(
    plain: string | undefined,
    name: string,
    others: readonly K[] = [],
  ): HashedKeySet<NamedKeyHash | K> {
    const key = plain?.trim() ?? '';
    const single: NamedKeyHash[] = key === '' ? [] : [{ sha256: sha256Hex(key), name }];
    return new HashedKeySet<NamedKeyHash | K>([...single, ...others]);
  }

  /** Number of keys. */
  get size(): number {
    return this.#keys.length;
  }

  /** The configured key `presented` is, or undefined. */
  match(presented: string): K | undefined {
    const hash = sha256Hex(presented);
    let found: K | undefined;
    for (const key of this.#keys) {
      if (constantTimeEqual(key.sha256, hash) && found === undefined) found = key;
    }
    return found;
  }
}
