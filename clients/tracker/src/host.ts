/**
 * What the tracker uses of the page it runs in: a narrow, structural slice of
 * `window`, so the browser's own `window` is one implementation and the
 * tests' fake window is another (STYLE: pass dependencies in). Nothing here
 * reads cookies, the IP address or anything a fingerprint could be made of.
 */

/** Something that dispatches DOM events (`window`, `document`, a `<video>`). */
export interface HostEventTarget {
  addEventListener(type: string, listener: (event: Event) => void): void;
  removeEventListener(type: string, listener: (event: Event) => void): void;
}

/** The parts of `sessionStorage` the tracker uses. */
export interface HostStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The answer of a send, as far as the tracker cares. */
export interface HostResponse {
  readonly status: number;
}

/** The page the tracker runs in; `window` satisfies it. */
export interface TrackerHost extends HostEventTarget {
  readonly location: {
    readonly href: string;
    readonly origin: string;
    readonly pathname: string;
    readonly search: string;
    readonly hash: string;
  };
  readonly document: HostEventTarget & {
    readonly title: string;
    readonly referrer: string;
    readonly visibilityState: string;
  };
  readonly history: {
    pushState(data: unknown, unused: string, url?: string | URL | null): void;
    replaceState(data: unknown, unused: string, url?: string | URL | null): void;
  };
  readonly navigator: {
    readonly doNotTrack?: string | null;
    /** Global Privacy Control (https://privacycg.github.io/gpc-spec/). */
    readonly globalPrivacyControl?: boolean;
    readonly onLine?: boolean;
    sendBeacon?(url: string, data?: string): boolean;
  };
  /** May throw on access (storage blocked by the browser's settings). */
  readonly sessionStorage?: HostStorage;
  readonly crypto: {
    randomUUID?(): string;
    getRandomValues<T extends Uint8Array>(array: T): T;
  };
  fetch(url: string, init: RequestInit): Promise<HostResponse>;
  setTimeout(callback: () => void, ms: number): number;
  clearTimeout(id: number): void;
}

/** The page's sessionStorage, or undefined where the browser refuses it (private modes, sandboxed frames). */
export function storageOf(host: TrackerHost): HostStorage | undefined {
  try {
    const storage = host.sessionStorage;
    if (storage === undefined || storage === null) return undefined;
    // Safari's old private mode had a storage that throws on every write.
    storage.setItem('analytics:probe', '1');
    storage.removeItem('analytics:probe');
    return storage;
  } catch {
    return undefined;
  }
}

/** Whether the visitor asked not to be tracked: Do Not Track or Global Privacy Control. */
export function visitorOptedOut(host: TrackerHost): boolean {
  const nav = host.navigator;
  const legacy = (host as { doNotTrack?: string | null }).doNotTrack;
  return nav.globalPrivacyControl === true || nav.doNotTrack === '1' || legacy === '1';
}
