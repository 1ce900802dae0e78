import { parseUserAgent } from './user-agent.ts';

/**
 * What the collector adds to every event of one request. Derived from the
 * request headers only; the client IP address is never read, so it can never
 * be stored.
 */
export interface Enrichment {
  readonly country?: string;
  readonly browser?: string;
  readonly os?: string;
  readonly deviceType?: string;
  /** Undefined when the request had no User-Agent. */
  readonly isBot?: boolean;
}

// Cloudflare's CF-IPCountry uses XX for unknown and T1 for Tor; neither is a country.
const NOT_A_COUNTRY = new Set(['XX', 'T1', '']);

/** Enrichment from `CF-IPCountry` and `User-Agent`. */
export function enrichmentFromHeaders(headers: Headers): Enrichment {
  const ua = parseUserAgent(headers.get('user-agent'));
  const rawCountry = headers.get('cf-ipcountry')?.trim().toUpperCase() ?? '';
  const country = NOT_A_COUNTRY.has(rawCountry) ? undefined : rawCountry;
  return {
    ...(ua.isBot === undefined ? {} : { isBot: ua.isBot }),
    ...(country === undefined ? {} : { country }),
    ...(ua.browser === undefined ? {} : { browser: ua.browser }),
    ...(ua.os === undefined ? {} : { os: ua.os }),
    ...(ua.deviceType === undefined ? {} : { deviceType: ua.deviceType }),
  };
}

/**
 * Fills `country`, `browser`, `os` and `device_type` where the event left them
 * out (a value the sender gave wins: over a service binding the headers are the
 * calling Worker's, not the visitor's), in place: the caller passes its own copy.
 */
export function applyEnrichment(
  event: Record<string, unknown>,
  enrichment: Enrichment,
): Record<string, unknown> {
  const out = event;
  if (out.country === undefined && enrichment.country !== undefined) out.country = enrichment.country;
  if (out.browser === undefined && enrichment.browser !== undefined) out.browser = enrichment.browser;
  if (out.os === undefined && enrichment.os !== undefined) out.os = enrichment.os;
  if (out.device_type === undefined && enrichment.deviceType !== undefined)
    out.device_type = enrichment.deviceType;
  return out;
}
