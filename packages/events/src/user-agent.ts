import Bowser from 'bowser';
import { isbot } from 'isbot';

/** What a User-Agent header tells about the client. */
export interface UserAgentInfo {
  readonly browser?: string;
  readonly os?: string;
  /** `desktop`, `mobile`, `tablet`, `tv` or `bot`. */
  readonly deviceType?: string;
  /** A crawler, monitor or script (isbot's pattern list); unknown without a User-Agent. */
  readonly isBot?: boolean;
}

// Parsing a User-Agent costs about a millisecond, and a site's traffic comes
// from a few hundred distinct strings: remember the most recent ones.
const CACHE_SIZE = 512;
const cache = new Map<string, UserAgentInfo>();

/** Browser, OS, device type and bot flag from a User-Agent header (bowser + isbot). */
export function parseUserAgent(userAgent: string | null | undefined): UserAgentInfo {
  const ua = userAgent?.trim() ?? '';
  // No header at all is the normal case over a service binding: say nothing rather than "bot".
  if (ua === '') return {};
  const known = cache.get(ua);
  if (known !== undefined) {
    // Most recently used last, so the first key is the one to evict.
    cache.delete(ua);
    cache.set(ua, known);
    return known;
  }
  const info = Object.freeze(parse(ua));
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(ua, info);
  return info;
}

function parse(ua: string): UserAgentInfo {
  const isBot = isbot(ua);
  const parsed = Bowser.parse(ua);
  const browser = nonEmpty(parsed.browser.name);
  const os = nonEmpty(parsed.os.name);
  const deviceType = isBot ? 'bot' : nonEmpty(parsed.platform.type);
  return {
    isBot,
    ...(browser === undefined ? {} : { browser }),
    ...(os === undefined ? {} : { os }),
    ...(deviceType === undefined ? {} : { deviceType }),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
