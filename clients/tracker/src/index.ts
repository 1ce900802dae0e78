export { LIMITS } from './batches.ts';
export { flush, init, pageview, setUser, track, trackVideo } from './default-tracker.ts';
export type { TrackerHost } from './host.ts';
export type { TrackerOptions } from './options.ts';
export type { PageViewOverrides } from './page-views.ts';
export { createTracker, type Tracker, type TrackerDependencies } from './tracker.ts';
export type { VideoElementLike, VideoOptions } from './video.ts';
