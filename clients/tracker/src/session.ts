import type { HostStorage } from './host.ts';

/** Where the session lives in sessionStorage: `{ "id": ..., "seen": <epoch ms> }`. */
export const SESSION_KEY = 'analytics:session';

/** A session ends after this long without an event (the usual web analytics rule). */
export const SESSION_IDLE_MS = 30 * 60 * 1000;

/**
 * The visitor's session id: random, kept in sessionStorage (one tab, gone
 * when the tab closes, never a cookie), renewed after 30 minutes without
 * events. Without storage it lives as long as the page.
 */
export interface Session {
  /** The current id, renewing it when the session went idle; marks the session active now. */
  id(nowMs: number): string;
}

export function createSession(storage: HostStorage | undefined, newId: () => string): Session {
  let memory: { id: string; seen: number } | undefined;
  const read = (): { id: string; seen: number } | undefined => {
    if (storage === undefined) return memory;
    try {
      const parsed = JSON.parse(storage.getItem(SESSION_KEY) ?? 'null') as unknown;
      if (
        typeof parsed === 'object' &&
        parsed !== null &&
        typeof (parsed as { id?: unknown }).id === 'string' &&
        typeof (parsed as { seen?: unknown }).seen === 'number'
      )
        return parsed as { id: string; seen: number };
    } catch {
      // A value another script wrote, or storage gone: fall back to this page's copy.
    }
    return memory;
  };
  return {
    id(nowMs) {
      const current = read();
      const id = current !== undefined && nowMs - current.seen < SESSION_IDLE_MS ? current.id : newId();
      memory = { id, seen: nowMs };
      try {
        storage?.setItem(SESSION_KEY, JSON.stringify(memory));
      } catch {
        // Storage full or revoked: the in-memory session still holds for this page.
      }
      return id;
    },
  };
}
