/**
 * A fake page for the tracker's Node tests: location and history over a URL,
 * a document with a title, a referrer and a visibility state, sessionStorage,
 * a virtual clock with timers, and a `fetch` that records every request and
 * answers what the test scripts. Real enough to run the tracker unchanged;
 * no sleeps: time moves only when a test calls `advance`.
 */
import { randomUUID, webcrypto } from 'node:crypto';
import type { HostEventTarget, HostResponse, HostStorage, TrackerHost } from '../src/host.ts';

type Listener = (event: Event) => void;

export class FakeEventTarget implements HostEventTarget {
  readonly #listeners = new Map<string, Set<Listener>>();
  addEventListener(type: string, listener: Listener): void {
    if (!this.#listeners.has(type)) this.#listeners.set(type, new Set());
    this.#listeners.get(type)!.add(listener);
  }
  removeEventListener(type: string, listener: Listener): void {
    this.#listeners.get(type)?.delete(listener);
  }
  dispatch(type: string, extra: Record<string, unknown> = {}): void {
    const event = { type, ...extra } as unknown as Event;
    for (const listener of [...(this.#listeners.get(type) ?? [])]) listener(event);
  }
  listenerCount(type: string): number {
    return this.#listeners.get(type)?.size ?? 0;
  }
}

export class FakeStorage implements HostStorage {
  readonly data = new Map<string, string>();
  getItem(key: string): string | null {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.data.set(key, String(value));
  }
  removeItem(key: string): void {
    this.data.delete(key);
  }
}

/** One request the tracker made. */
export interface SentRequest {
  readonly url: string;
  readonly init: RequestInit;
  /** The parsed `{ events }` body. */
  readonly events: Record<string, unknown>[];
}

/**
 * What the fake collector answers: a status, `'network'` for a failed fetch,
 * `'gone'` for a send whose answer the page never sees (it was unloaded).
 */
export type Answer = number | 'network' | 'gone';

export interface FakeHostOptions {
  readonly url?: string;
  readonly referrer?: string;
  readonly title?: string;
  readonly visibility?: 'visible' | 'hidden';
  readonly doNotTrack?: string;
  readonly globalPrivacyControl?: boolean;
  readonly storage?: FakeStorage | 'blocked';
  /** Without `randomUUID` (an insecure context). */
  readonly noRandomUUID?: boolean;
  readonly now?: number;
}

export class FakeHost extends FakeEventTarget implements TrackerHost {
  #url: URL;
  nowMs: number;
  readonly requests: SentRequest[] = [];
  /** Answers for the next requests, in order; 202 once they run out. */
  readonly answers: Answer[] = [];
  readonly beacons: { url: string; data: string }[] = [];
  readonly #timers = new Map<number, { at: number; fn: () => void }>();
  #nextTimer = 1;
  #pending: Promise<unknown>[] = [];
  readonly document: FakeEventTarget & { title: string; referrer: string; visibilityState: string };
  readonly navigator: {
    doNotTrack?: string | null;
    globalPrivacyControl?: boolean;
    onLine: boolean;
    sendBeacon: (url: string, data?: string) => boolean;
  };
  readonly crypto: TrackerHost['crypto'];
  readonly #storage: FakeStorage | 'blocked';
  readonly history: TrackerHost['history'];

  constructor(options: FakeHostOptions = {}) {
    super();
    this.#url = new URL(options.url ?? 'https://site.example/');
    this.nowMs = options.now ?? Date.UTC(2026, 0, 15, 12, 0, 0);
    this.document = Object.assign(new FakeEventTarget(), {
      title: options.title ?? 'Home',
      referrer: options.referrer ?? '',
      visibilityState: options.visibility ?? 'visible',
    });
    this.navigator = {
      onLine: true,
      sendBeacon: (url, data) => {
        this.beacons.push({ url, data: String(data) });
        return true;
      },
      ...(options.doNotTrack === undefined ? {} : { doNotTrack: options.doNotTrack }),
      ...(options.globalPrivacyControl === undefined
        ? {}
        : { globalPrivacyControl: options.globalPrivacyControl }),
    };
    this.crypto = options.noRandomUUID
      ? { getRandomValues: <T extends Uint8Array>(a: T): T => webcrypto.getRandomValues(a) }
      : { randomUUID, getRandomValues: <T extends Uint8Array>(a: T): T => webcrypto.getRandomValues(a) };
    this.#storage = options.storage ?? new FakeStorage();
    const go = (url?: string | URL | null) => {
      if (url !== undefined && url !== null) this.#url = new URL(String(url), this.#url);
    };
    this.history = {
      pushState: (_data, _unused, url) => go(url),
      replaceState: (_data, _unused, url) => go(url),
    };
  }

  get location(): TrackerHost['location'] {
    const u = this.#url;
    return { href: u.href, origin: u.origin, pathname: u.pathname, search: u.search, hash: u.hash };
  }

  get sessionStorage(): HostStorage {
    if (this.#storage === 'blocked') throw new Error('SecurityError: storage is disabled');
    return this.#storage;
  }

  /** The browser's back button: the URL changes, then popstate fires. */
  back(url: string): void {
    this.#url = new URL(url, this.#url);
    this.dispatch('popstate');
  }

  fetch(url: string, init: RequestInit): Promise<HostResponse> {
    const events = (JSON.parse(String(init.body)) as { events: Record<string, unknown>[] }).events;
    this.requests.push({ url, init, events });
    const answer = this.answers.shift() ?? 202;
    if (answer === 'gone') return new Promise<HostResponse>(() => {});
    const result =
      answer === 'network'
        ? Promise.reject(new TypeError('Failed to fetch'))
        : Promise.resolve({ status: answer });
    this.#pending.push(result.catch(() => {}));
    return result;
  }

  setTimeout(callback: () => void, ms: number): number {
    const id = this.#nextTimer++;
    this.#timers.set(id, { at: this.nowMs + ms, fn: callback });
    return id;
  }

  clearTimeout(id: number): void {
    this.#timers.delete(id);
  }

  /** Lets answered sends settle (their promise callbacks run). */
  async settle(): Promise<void> {
    for (let i = 0; i < 5; i++) {
      const pending = this.#pending;
      this.#pending = [];
      await Promise.all(pending);
      await new Promise((r) => setImmediate(r));
    }
  }

  /** Moves the clock, firing due timers in order, and lets sends settle after each. */
  async advance(ms: number): Promise<void> {
    const end = this.nowMs + ms;
    for (;;) {
      await this.settle();
      const due = [...this.#timers.entries()]
        .filter(([, t]) => t.at <= end)
        .sort((a, b) => a[1].at - b[1].at)[0];
      if (due === undefined) break;
      this.#timers.delete(due[0]);
      this.nowMs = Math.max(this.nowMs, due[1].at);
      due[1].fn();
    }
    this.nowMs = end;
    await this.settle();
  }

  /** Hides or shows the page, as a tab switch does. */
  setVisible(visible: boolean): void {
    this.document.visibilityState = visible ? 'visible' : 'hidden';
    this.document.dispatch('visibilitychange');
  }

  /** Every event sent so far, in order. */
  get sent(): Record<string, unknown>[] {
    return this.requests.flatMap((r) => r.events);
  }

  /** Timers waiting to fire. */
  get timerCount(): number {
    return this.#timers.size;
  }
}
