import type { TrackerHost } from './host.ts';
import type { TrackerOptions } from './options.ts';
import type { PageViewOverrides } from './page-views.ts';
import { createTracker, type Tracker, type TrackerDependencies } from './tracker.ts';
import type { VideoElementLike, VideoOptions } from './video.ts';

/**
 * The module's own tracker, for `import { init, track } from '@analytics/tracker'`:
 * `init` starts it once, the functions below use it. Calls before `init`
 * do nothing but warn.
 */
let instance: Tracker | undefined;

function current(call: string): Tracker | undefined {
  if (instance === undefined)
    console.warn(`analytics tracker: ${call}() before init(); call init({ project, endpoint }) first`);
  return instance;
}

/** Starts the tracker (once; a second call returns the running one). */
export function init(
  options: TrackerOptions,
  host: TrackerHost = window,
  dependencies?: TrackerDependencies,
): Tracker {
  instance ??= createTracker(options, host, dependencies);
  return instance;
}

/** A custom event (see `Tracker.track`). */
export function track(eventType: string, properties?: Record<string, unknown>): void {
  current('track')?.track(eventType, properties);
}

/** Starts a page view now (see `Tracker.pageview`). */
export function pageview(overrides?: PageViewOverrides): void {
  current('pageview')?.pageview(overrides);
}

/** Sets `user_id` for the events from now on. */
export function setUser(userId: string | null | undefined): void {
  current('setUser')?.setUser(userId);
}

/** Tracks a `<video>` element (see `Tracker.trackVideo`). */
export function trackVideo(video: VideoElementLike, options?: VideoOptions): () => void {
  return current('trackVideo')?.trackVideo(video, options) ?? (() => {});
}

/** Sends what is queued now. */
export function flush(): Promise<void> {
  return current('flush')?.flush() ?? Promise.resolve();
}
