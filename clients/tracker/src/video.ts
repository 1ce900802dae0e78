import type { HostEventTarget } from './host.ts';

/** The parts of an `HTMLVideoElement` (or `<audio>`) the video helper reads. */
export interface VideoElementLike extends HostEventTarget {
  readonly currentTime: number;
  readonly duration: number;
  readonly playbackRate: number;
  readonly ended: boolean;
  readonly videoHeight?: number;
  readonly buffered: { readonly length: number; start(index: number): number; end(index: number): number };
  readonly currentSrc: string;
  readonly id: string;
  getAttribute(name: string): string | null;
}

/** How to describe a tracked video. */
export interface VideoOptions {
  /** `video_id` (default: the element's `data-video-id`, its `id`, then its source URL). */
  readonly videoId?: string;
  /** The current quality (`1080p`, `auto`…), for players that know better than the element's height. */
  readonly quality?: () => string | undefined;
}

/** The VideoEvent `action`s (contracts/ingest.yaml). */
export type VideoAction = 'play' | 'pause' | 'seek' | 'complete' | 'error';

/** The VideoEvent fields of one moment of a video. */
export function videoFields(
  video: VideoElementLike,
  action: VideoAction,
  options: VideoOptions,
): Record<string, unknown> {
  // NaN before the metadata loads, Infinity for live streams: the contract needs a number.
  const finite = (n: number): number => (Number.isFinite(n) ? n : 0);
  let buffered = 0;
  for (let i = 0; i < video.buffered.length; i++) buffered += video.buffered.end(i) - video.buffered.start(i);
  const fields: Record<string, unknown> = {
    event_type: 'video_event',
    video_id:
      options.videoId ||
      video.getAttribute('data-video-id') ||
      video.id ||
      video.currentSrc.split(/[?#]/)[0] ||
      'video',
    action,
    position: round(finite(video.currentTime)),
    duration: round(finite(video.duration)),
    playback_rate: finite(video.playbackRate),
    buffered: round(buffered),
  };
  const quality = options.quality?.() ?? (video.videoHeight ? `${video.videoHeight}p` : undefined);
  if (quality) fields.quality = quality;
  return fields;
}

const round = (seconds: number): number => Math.round(seconds * 1000) / 1000;

/**
 * Emits a VideoEvent for each play, pause, seek, completion and error of the
 * element. The `pause` a browser fires when a video reaches its end is left
 * out: `complete` says it. Returns a function that stops tracking.
 */
export function watchVideo(
  video: VideoElementLike,
  options: VideoOptions,
  emit: (fields: Record<string, unknown>) => void,
): () => void {
  const handlers: [string, (event: Event) => void][] = [
    ['play', () => emit(videoFields(video, 'play', options))],
    ['pause', () => video.ended || emit(videoFields(video, 'pause', options))],
    ['seeked', () => emit(videoFields(video, 'seek', options))],
    ['ended', () => emit(videoFields(video, 'complete', options))],
    ['error', () => emit(videoFields(video, 'error', options))],
  ];
  for (const [type, handler] of handlers) video.addEventListener(type, handler);
  return () => {
    for (const [type, handler] of handlers) video.removeEventListener(type, handler);
  };
}
