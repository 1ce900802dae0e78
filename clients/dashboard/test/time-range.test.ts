import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE } from '../src/dashboard-state.ts';
import { eventFilter, resolveRange, uniquesMode } from '../src/time-range.ts';

const now = Date.parse('2024-03-15T14:25:30.000Z');

describe('time ranges', () => {
  it('today runs from midnight UTC to the end of the current hour, by hour', () => {
    expect(resolveRange({ ...DEFAULT_STATE, period: 'today' }, now)).toEqual({
      timeRange: { start: '2024-03-15T00:00:00.000Z', end: '2024-03-15T15:00:00.000Z' },
      interval: 'HOUR',
      days: 1,
    });
  });

  it('today at the top of an hour still includes that hour', () => {
    const range = resolveRange({ ...DEFAULT_STATE, period: 'today' }, Date.parse('2024-03-15T15:00:00.000Z'));
    expect(range.timeRange.end).toBe('2024-03-15T16:00:00.000Z');
  });

  it('the last 7 and 30 days include today, by day', () => {
    expect(resolveRange(DEFAULT_STATE, now)).toEqual({
      timeRange: { start: '2024-03-09T00:00:00.000Z', end: '2024-03-16T00:00:00.000Z' },
      interval: 'DAY',
      days: 7,
    });
    expect(resolveRange({ ...DEFAULT_STATE, period: '30d' }, now).timeRange).toEqual({
      start: '2024-02-15T00:00:00.000Z',
      end: '2024-03-16T00:00:00.000Z',
    });
  });

  it('a custom range covers both dates whole; hourly up to two days, daily beyond', () => {
    const one = resolveRange(
      { ...DEFAULT_STATE, period: 'custom', from: '2024-01-15', to: '2024-01-15' },
      now,
    );
    expect(one).toEqual({
      timeRange: { start: '2024-01-15T00:00:00.000Z', end: '2024-01-16T00:00:00.000Z' },
      interval: 'HOUR',
      days: 1,
    });
    const two = resolveRange(
      { ...DEFAULT_STATE, period: 'custom', from: '2024-01-15', to: '2024-01-16' },
      now,
    );
    expect(two.interval).toBe('HOUR');
    const month = resolveRange(
      { ...DEFAULT_STATE, period: 'custom', from: '2024-01-01', to: '2024-01-31' },
      now,
    );
    expect(month).toMatchObject({ interval: 'DAY', days: 31 });
    expect(month.timeRange.end).toBe('2024-02-01T00:00:00.000Z');
  });

  it('a custom period without dates means the last 7 days', () => {
    expect(resolveRange({ ...DEFAULT_STATE, period: 'custom' }, now)).toEqual(
      resolveRange(DEFAULT_STATE, now),
    );
  });
});

describe('query arguments', () => {
  it('sends only the filters that are set, and none at all when nothing is', () => {
    expect(eventFilter(DEFAULT_STATE)).toBeUndefined();
    expect(eventFilter({ ...DEFAULT_STATE, projectId: 'web', pathPrefix: '/blog' })).toEqual({
      projectId: 'web',
      pathPrefix: '/blog',
    });
  });

  it('asks for EXACT uniques only when switched on, else leaves the contract default', () => {
    expect(uniquesMode(DEFAULT_STATE)).toBeUndefined();
    expect(uniquesMode({ ...DEFAULT_STATE, exact: true })).toBe('EXACT');
  });
});
