import { describe, expect, it } from 'vitest';
import { createTracker } from '../src/tracker.ts';
import type { VideoElementLike } from '../src/video.ts';
import { FakeEventTarget, FakeHost } from './fake-host.ts';

/** A `<video>` whose state the test sets before firing its events. */
class FakeVideo extends FakeEventTarget implements VideoElementLike {
  currentTime = 0;
  duration = Number.NaN;
  playbackRate = 1;
  ended = false;
  videoHeight = 0;
  ranges: [number, number][] = [];
  currentSrc = 'https://media.example/intro.mp4?token=secret';
  id = '';
  attributes: Record<string, string> = {};
  get buffered() {
    const ranges = this.ranges;
    return { length: ranges.length, start: (i: number) => ranges[i]![0], end: (i: number) => ranges[i]![1] };
  }
  getAttribute(name: string): string | null {
    return this.attributes[name] ?? null;
  }
}

function setup() {
  const host = new FakeHost();
  const tracker = createTracker(
    { project: 'web', endpoint: 'https://c.example/events', autoPageviews: false },
    host,
    {
      now: () => host.nowMs,
    },
  );
  return { host, tracker, video: new FakeVideo() };
}

describe('video helpers', () => {
  it('emit SEED’s VideoEvent for play, pause, seek, complete and error, with position, duration, rate, quality and buffer', async () => {
    const { host, tracker, video } = setup();
    video.attributes['data-video-id'] = 'intro';
    tracker.trackVideo(video);
    video.duration = 120;
    video.videoHeight = 720;
    video.ranges = [
      [0, 30.5],
      [60, 70],
    ];
    video.dispatch('play');
    video.currentTime = 12.3456;
    video.dispatch('pause');
    video.currentTime = 60;
    video.playbackRate = 1.5;
    video.dispatch('seeked');
    video.currentTime = 120;
    video.ended = true;
    video.dispatch('pause'); // browsers pause at the end: `complete` says it
    video.dispatch('ended');
    video.dispatch('error');
    await host.advance(1_000);
    expect(host.sent.map((e) => [e.action, e.position, e.playback_rate])).toEqual([
      ['play', 0, 1],
      ['pause', 12.346, 1],
      ['seek', 60, 1.5],
      ['complete', 120, 1.5],
      ['error', 120, 1.5],
    ]);
    expect(host.sent[0]).toEqual({
      event_type: 'video_event',
      video_id: 'intro',
      action: 'play',
      position: 0,
      duration: 120,
      playback_rate: 1,
      buffered: 40.5,
      quality: '720p',
      event_id: expect.any(String),
      timestamp: expect.any(String),
      session_id: expect.any(String),
      project_id: 'web',
      environment: 'production',
      version: '1',
    });
  });

  it('send numbers the contract accepts before metadata loads and for live streams', async () => {
    const { host, tracker, video } = setup();
    tracker.trackVideo(video, { videoId: 'live-1', quality: () => 'auto' });
    video.dispatch('play');
    video.duration = Number.POSITIVE_INFINITY;
    video.dispatch('pause');
    await host.advance(1_000);
    expect(host.sent.map((e) => [e.video_id, e.duration, e.quality])).toEqual([
      ['live-1', 0, 'auto'],
      ['live-1', 0, 'auto'],
    ]);
  });

  it('name a video by its id, else its source without the query', async () => {
    const { host, tracker, video } = setup();
    tracker.trackVideo(video);
    video.dispatch('play');
    const other = new FakeVideo();
    other.id = 'hero';
    tracker.trackVideo(other);
    other.dispatch('play');
    await host.advance(1_000);
    expect(host.sent.map((e) => e.video_id)).toEqual(['https://media.example/intro.mp4', 'hero']);
  });

  it('stop when detached', async () => {
    const { host, tracker, video } = setup();
    const stop = tracker.trackVideo(video);
    stop();
    video.dispatch('play');
    await host.advance(1_000);
    expect(host.requests).toHaveLength(0);
    expect(video.listenerCount('play')).toBe(0);
  });
});
