import { createDelivery } from './delivery.ts';
import { newEventId } from './event-id.ts';
import { storageOf, type TrackerHost, visitorOptedOut } from './host.ts';
import { resolveOptions, type TrackerOptions } from './options.ts';
import { pageUrl } from './page.ts';
import { type BaseFields, createPageViews, type PageViewOverrides } from './page-views.ts';
import { createSession } from './session.ts';
import { type VideoElementLike, type VideoOptions, watchVideo } from './video.ts';

/** A running tracker (`init` / `createTracker`). */
export interface Tracker {
  /** False when the visitor opted out (Do Not Track / GPC with `respectDoNotTrack`): every call does nothing. */
  readonly enabled: boolean;
  /**
   * A custom event: `track('signup', { plan: 'pro' })` sends a plain event
   * of that `event_type`, stored in `user_actions`; its members are kept in
   * `properties`, and scalar ones become columns (keyed senders only: keyless
   * events never add columns). The page's URL rides along as `page_url`.
   */
  track(eventType: string, properties?: Record<string, unknown>): void;
  /**
   * Starts a page view now (ending the current one). Needed only with
   * `autoPageviews: false`, or for a view the URL does not show.
   */
  pageview(overrides?: PageViewOverrides): void;
  /** `user_id` of the events from now on (`null` after a sign-out). */
  setUser(userId: string | null | undefined): void;
  /** Sends VideoEvents for the element's play, pause, seek, completion and errors; returns the way to stop. */
  trackVideo(video: VideoElementLike, options?: VideoOptions): () => void;
  /** Sends what is queued now; resolves once the collector answered (or the send failed). */
  flush(): Promise<void>;
}

/** What the tracker takes from outside besides the page (tests pass their own). */
export interface TrackerDependencies {
  /** Epoch milliseconds (default `Date.now`). */
  readonly now?: () => number;
  /** Where problems are reported (default `console.warn`); the tracker never throws into the page after init. */
  readonly warn?: (message: string) => void;
}

const disabled: Tracker = {
  enabled: false,
  track() {},
  pageview() {},
  setUser() {},
  trackVideo: () => () => {},
  flush: () => Promise.resolve(),
};

/**
 * Starts a tracker on `host` (the page's `window`). Throws a TypeError when
 * `project` or `endpoint` is missing; nothing else throws.
 */
export function createTracker(
  options: TrackerOptions,
  host: TrackerHost,
  dependencies: TrackerDependencies = {},
): Tracker {
  const settings = resolveOptions(options);
  if (settings.respectDoNotTrack && visitorOptedOut(host)) return disabled;
  const now = dependencies.now ?? Date.now;
  const warn = dependencies.warn ?? ((message: string) => console.warn(message));
  const storage = storageOf(host);
  const newId = (): string => newEventId(host.crypto);
  const session = createSession(storage, newId);
  let userId = settings.userId;

  const base = (): BaseFields => {
    const at = now();
    const fields: BaseFields = {
      event_id: newId(),
      timestamp: new Date(at).toISOString(),
      session_id: session.id(at),
      project_id: settings.project,
      environment: settings.environment,
      version: settings.version,
    };
    if (userId !== undefined) fields.user_id = userId;
    return fields;
  };

  const delivery = createDelivery(host, storage, settings, now, warn);
  const views = createPageViews(host, settings.hashRouting, base, delivery.enqueue, now);

  host.document.addEventListener('visibilitychange', () => {
    const visible = host.document.visibilityState === 'visible';
    views.visibility(visible);
    if (!visible) delivery.flush('leaving');
  });
  host.addEventListener('pagehide', () => {
    views.end();
    delivery.flush('leaving');
  });

  if (settings.autoPageviews) {
    // SPA navigation: routers call pushState/replaceState; back and forward fire popstate.
    const history = host.history;
    for (const name of ['pushState', 'replaceState'] as const) {
      const original = history[name];
      history[name] = function (this: unknown, ...args: Parameters<typeof original>) {
        original.apply(this, args);
        views.navigated();
      };
    }
    host.addEventListener('popstate', () => views.navigated());
    if (settings.hashRouting) host.addEventListener('hashchange', () => views.navigated());
    // A page restored from the back/forward cache is viewed again without loading again.
    host.addEventListener('pageshow', (event) => {
      if ((event as PageTransitionEvent).persisted) views.start();
    });
    views.start();
  }

  return {
    enabled: true,
    track(eventType, properties = {}) {
      if (typeof eventType !== 'string' || eventType === '' || /^(page_view|video_event)$/.test(eventType)) {
        warn(
          `analytics tracker: track() needs an event type other than page_view and video_event, got ${JSON.stringify(eventType)}`,
        );
        return;
      }
      delivery.enqueue({
        page_url: pageUrl(host.location, settings.hashRouting),
        ...properties,
        event_type: eventType,
        ...base(),
      });
    },
    pageview: (overrides) => views.start(overrides),
    setUser(id) {
      userId = id || undefined;
    },
    trackVideo: (video, videoOptions = {}) =>
      watchVideo(video, videoOptions, (fields) => delivery.enqueue({ ...fields, ...base() })),
    flush() {
      delivery.flush('now');
      return delivery.settled();
    },
  };
}
