import type { TrackerHost } from './host.ts';

/**
 * A random UUID v4 (RFC 9562 §5.4): `crypto.randomUUID` where the page may
 * use it (secure contexts only), otherwise built from `getRandomValues`,
 * which every page has. The collector de-duplicates by this id, so it is
 * made once per event and kept through every retry.
 */
export function newEventId(crypto: TrackerHost['crypto']): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // variant 10
  let hex = '';
  for (let i = 0; i < 16; i++) {
    hex += (bytes[i]! + 0x100).toString(16).slice(1);
    if (i === 3 || i === 5 || i === 7 || i === 9) hex += '-';
  }
  return hex;
}
