import { sha256 } from '@noble/hashes/sha2.js';

/**
 * Lower-case hex SHA-256 of a string's UTF-8 bytes, the form every hashed key
 * is configured in (`COLLECTOR_API_KEYS`, `QUERY_API_KEYS`): what
 * `printf %s "$KEY" | sha256sum` prints. Synchronous (@noble/hashes): for a key
 * of a few dozen bytes Web Crypto's asynchronous digest cost far more in
 * workerd than the hash itself, on every request.
 */
export function sha256Hex(text: string): string {
  let hex = '';
  for (const byte of sha256(ENCODER.encode(text))) hex += HEX[byte];
  return hex;
}

const ENCODER = new TextEncoder();
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));
