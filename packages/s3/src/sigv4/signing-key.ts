/**
 * SigV4 signing-key derivation: HMAC chain over date, region, service and
 * `aws4_request`, starting from `AWS4` + secret. Keys are cached per scope,
 * since a server verifies many requests with the same one.
 */
import { hmacSha256, toHex, utf8 } from './encoding.ts';

const cache = new Map<string, Uint8Array>();
const CACHE_LIMIT = 256;

/** The derived signing key for a secret and credential scope parts. */
export async function signingKey(
  secret: string,
  date: string,
  region: string,
  service: string,
): Promise<Uint8Array> {
  const id = `${date}\n${region}\n${service}\n${secret}`;
  const hit = cache.get(id);
  if (hit) return hit;
  const kDate = await hmacSha256(utf8(`AWS4${secret}`), date);
  const kRegion = await hmacSha256(kDate, region);
  const kService = await hmacSha256(kRegion, service);
  const key = await hmacSha256(kService, 'aws4_request');
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(id, key);
  return key;
}

/** Hex HMAC-SHA256 signature of a string to sign. */
export async function signString(key: Uint8Array, text: string): Promise<string> {
  return toHex(await hmacSha256(key, text));
}
