import { bodyOf, LIMITS, type QueuedEvent, splitIntoBatches, utf8Bytes } from './batches.ts';
import type { HostStorage, TrackerHost } from './host.ts';

/** Failed events are kept here (sessionStorage) so the next page of the session sends them. */
export const PENDING_KEY = 'analytics:pending';

/** A failed send is retried this many times at most (about eight minutes of backoff in all). */
export const MAX_ATTEMPTS = 10;

/** Backoff before retry number `attempts` (1, 2, 4 … seconds, at most a minute). */
export function backoffMs(attempts: number): number {
  return Math.min(1000 * 2 ** Math.max(0, attempts - 1), 60_000);
}

/** Whether a send that ended with this status may succeed later (0: no answer at all). */
export function isRetryable(status: number): boolean {
  return status === 0 || status === 408 || status === 429 || status >= 500;
}

/** Why a flush happens (see `Delivery.flush`). */
export type FlushMode = 'due' | 'now' | 'leaving';

export interface DeliveryOptions {
  readonly endpoint: string;
  readonly apiKey: string | undefined;
  readonly flushDelayMs: number;
}

/**
 * The send queue. Events wait `flushDelayMs` to travel together, go out in
 * `{ "events": [...] }` bodies within the limits (batches.ts), and are
 * retried with backoff when the network or the collector fails (no answer,
 * 408, 429, 5xx), always with the ids they were made with: the collector
 * de-duplicates by event_id, so a resend never stores an event twice. An
 * answer the collector will not change its mind about (4xx) drops the
 * batch with a console warning.
 *
 * Sends use `fetch` with `keepalive` (so they outlive the page) and a
 * `text/plain` body (no CORS preflight); `sendBeacon` is the fallback where
 * fetch refuses. A page that is leaving cannot learn whether its last sends
 * arrived, so events that already failed once, and everything sent while the
 * browser says it is offline, are also written to sessionStorage; the next
 * page of the session sends them again.
 */
export interface Delivery {
  /** Queues one event (dropped with a warning when larger than the collector's 64 KiB limit). */
  enqueue(event: Record<string, unknown>): void;
  /**
   * Sends what is queued. `due`: the batching timer fired (a retry backoff is
   * respected); `now`: asked for (the API's flush, the browser came back
   * online); `leaving`: the page is being hidden or unloaded.
   */
  flush(mode: FlushMode): void;
  /** Resolves when no send is in flight. */
  settled(): Promise<void>;
}

export function createDelivery(
  host: TrackerHost,
  storage: HostStorage | undefined,
  options: DeliveryOptions,
  now: () => number,
  warn: (message: string) => void,
): Delivery {
  let queue: QueuedEvent[] = [];
  const inFlight = new Set<Promise<void>>();
  /** Events that must survive this page until the collector acknowledges them. */
  const unacked = new Map<string, QueuedEvent>();
  let timer: number | undefined;
  let backoffUntil = 0;

  const persist = (): void => {
    if (storage === undefined) return;
    try {
      if (unacked.size === 0) storage.removeItem(PENDING_KEY);
      else
        storage.setItem(
          PENDING_KEY,
          JSON.stringify([...unacked.values()].map((e) => ({ json: e.json, attempts: e.attempts }))),
        );
    } catch {
      // Storage full: the events are still queued for this page.
    }
  };

  const schedule = (ms: number): void => {
    if (timer !== undefined) return;
    timer = host.setTimeout(() => {
      timer = undefined;
      flush('due');
    }, ms);
  };

  const settle = (batch: QueuedEvent[], status: number): void => {
    if (status >= 200 && status < 300) {
      for (const e of batch) unacked.delete(e.id);
    } else if (isRetryable(status)) {
      const retry: QueuedEvent[] = [];
      for (const e of batch) {
        e.attempts += 1;
        if (e.attempts < MAX_ATTEMPTS) {
          retry.push(e);
          unacked.set(e.id, e);
        } else unacked.delete(e.id);
      }
      if (retry.length < batch.length)
        warn(
          `analytics tracker: gave up on ${batch.length - retry.length} events after ${MAX_ATTEMPTS} attempts`,
        );
      queue = retry.concat(queue);
      const wait = backoffMs(Math.min(...batch.map((e) => e.attempts)));
      backoffUntil = now() + wait;
      if (retry.length > 0) schedule(wait);
    } else {
      for (const e of batch) unacked.delete(e.id);
      warn(`analytics tracker: the collector refused ${batch.length} events (HTTP ${status})`);
    }
    persist();
  };

  const send = (batch: QueuedEvent[]): void => {
    const body = bodyOf(batch);
    const headers: Record<string, string> = { 'Content-Type': 'text/plain;charset=UTF-8' };
    if (options.apiKey !== undefined) headers['X-API-Key'] = options.apiKey;
    let sent: Promise<number>;
    try {
      sent = host
        .fetch(options.endpoint, {
          method: 'POST',
          body,
          headers,
          keepalive: utf8Bytes(body) <= LIMITS.maxBodyBytes,
          credentials: 'omit',
          mode: 'cors',
        })
        .then(
          (res) => res.status,
          () => 0,
        );
    } catch {
      // fetch refused outright (an old browser without keepalive, a page being torn down): a beacon
      // carries no key and tells nothing back but that the browser took it.
      const beaconed =
        options.apiKey === undefined && host.navigator.sendBeacon?.(options.endpoint, body) === true;
      sent = Promise.resolve(beaconed ? 202 : 0);
    }
    const done: Promise<void> = sent.then((status) => {
      inFlight.delete(done);
      settle(batch, status);
    });
    inFlight.add(done);
  };

  const flush = (mode: FlushMode): void => {
    if (timer !== undefined) {
      host.clearTimeout(timer);
      timer = undefined;
    }
    if (queue.length === 0) return;
    const waitMs = backoffUntil - now();
    if (mode === 'due' && waitMs > 0) {
      schedule(waitMs);
      return;
    }
    const batches = splitIntoBatches(queue);
    queue = [];
    if (mode === 'leaving') {
      for (const batch of batches)
        for (const e of batch) if (e.attempts > 0 || host.navigator.onLine === false) unacked.set(e.id, e);
      persist();
    }
    for (const batch of batches) send(batch);
  };

  const restore = (): void => {
    if (storage === undefined) return;
    try {
      const saved = JSON.parse(storage.getItem(PENDING_KEY) ?? '[]') as unknown;
      storage.removeItem(PENDING_KEY);
      if (!Array.isArray(saved)) return;
      for (const item of saved) {
        const json = (item as { json?: unknown }).json;
        if (typeof json !== 'string') continue;
        const id = (JSON.parse(json) as { event_id?: unknown }).event_id;
        if (typeof id !== 'string') continue;
        const attempts = Number((item as { attempts?: unknown }).attempts) || 0;
        const e: QueuedEvent = { id, json, bytes: utf8Bytes(json), attempts };
        unacked.set(id, e);
        queue.push(e);
      }
    } catch {
      // Not ours, or corrupt: nothing to resend.
    }
    // Kept until acknowledged: this page may be left before they go out.
    if (unacked.size > 0) persist();
  };

  restore();
  if (queue.length > 0) schedule(options.flushDelayMs);
  host.addEventListener('online', () => flush('now'));

  return {
    enqueue(event) {
      const json = JSON.stringify(event);
      const bytes = utf8Bytes(json);
      if (bytes > LIMITS.maxEventBytes) {
        warn(
          `analytics tracker: dropped a ${String(event.event_type)} event of ${bytes} bytes; the collector takes at most ${LIMITS.maxEventBytes}`,
        );
        return;
      }
      queue.push({ id: String(event.event_id), json, bytes, attempts: 0 });
      if (queue.length >= LIMITS.maxEventsPerRequest) flush('due');
      else schedule(options.flushDelayMs);
    },
    flush,
    async settled() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}
