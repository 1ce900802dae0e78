import { describe, expect, it } from 'vitest';
import {
  formatBucket,
  formatBucketSpan,
  formatClock,
  formatCount,
  formatDuration,
  formatExact,
  formatPercent,
  formatRange,
} from '../src/format.ts';

const L = 'en-US';

describe('numbers', () => {
  it('writes counts in full below 10,000 and compactly above', () => {
    expect(formatCount(0, L)).toBe('0');
    expect(formatCount(9_999, L)).toBe('9,999');
    expect(formatCount(12_345, L)).toBe('12.3K');
    expect(formatCount(4_560_000, L)).toBe('4.6M');
    expect(formatExact(4_560_000, L)).toBe('4,560,000');
  });

  it('writes ratios as percentages with at most one decimal', () => {
    expect(formatPercent(0.4567, L)).toBe('45.7%');
    expect(formatPercent(1, L)).toBe('100%');
    expect(formatPercent(0, L)).toBe('0%');
    expect(formatPercent(Number.NaN, L)).toBe('—');
  });

  it('writes durations in seconds, minutes or hours', () => {
    expect(formatDuration(42.4)).toBe('42s');
    expect(formatDuration(65)).toBe('1m 05s');
    expect(formatDuration(59.6)).toBe('1m 00s');
    expect(formatDuration(7_380)).toBe('2h 03m');
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(-1)).toBe('—');
  });
});

describe('instants, always in UTC', () => {
  it('labels day buckets with the date and hour buckets with the time', () => {
    expect(formatBucket('2024-01-15T00:00:00.000Z', 'DAY', true, L)).toBe('Jan 15');
    expect(formatBucket('2024-01-15T14:00:00.000Z', 'HOUR', false, L)).toBe('14:00');
    expect(formatBucket('2024-01-15T00:00:00.000Z', 'HOUR', false, L)).toBe('00:00');
    expect(formatBucket('2024-01-15T14:00:00.000Z', 'HOUR', true, L)).toBe('Jan 15, 14:00');
  });

  it('heads a tooltip with the whole bucket', () => {
    expect(formatBucketSpan('2024-01-15T00:00:00.000Z', 'DAY', L)).toBe('Mon, Jan 15, 2024');
    expect(formatBucketSpan('2024-01-15T23:00:00.000Z', 'HOUR', L)).toBe('Jan 15, 23:00–00:00 UTC');
  });

  it('names the days of a half-open range', () => {
    expect(formatRange('2024-01-09T00:00:00.000Z', '2024-01-16T00:00:00.000Z', L)).toBe(
      'Jan 9 – Jan 15, 2024',
    );
    expect(formatRange('2024-01-15T00:00:00.000Z', '2024-01-15T15:00:00.000Z', L)).toBe('Jan 15, 2024');
    expect(formatRange('2023-12-30T00:00:00.000Z', '2024-01-02T00:00:00.000Z', L)).toBe(
      'Dec 30, 2023 – Jan 1, 2024',
    );
  });

  it('writes a clock time in UTC', () => {
    expect(formatClock(Date.parse('2024-01-15T14:05:09.500Z'), L)).toBe('14:05:09 UTC');
  });
});
