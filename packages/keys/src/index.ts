export { constantTimeEqual } from './constant-time.ts';
export { type HashedKeyEntry, parseHashedKeyList } from './hashed-key-list.ts';
export { HashedKeySet, type NamedKeyHash } from './hashed-key-set.ts';
export { KeyConfigError, type KeyConfigErrorKind } from './key-config-error.ts';
export { presentedKey } from './presented-key.ts';
export { sha256Hex } from './sha256-hex.ts';
