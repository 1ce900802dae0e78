import { describe, expect, it } from 'vitest';
import {
  areaPath,
  type Box,
  bars,
  labelIndexes,
  linePath,
  nearestIndex,
  niceScale,
  xPositions,
  yOf,
} from '../src/chart-geometry.ts';

const box: Box = { width: 220, height: 120, left: 20, right: 0, top: 20, bottom: 0 };

describe('value axis', () => {
  it('rounds the top up to a step of 1, 2 or 5 × 10ⁿ', () => {
    expect(niceScale(7)).toEqual({ max: 8, ticks: [0, 2, 4, 6, 8] });
    expect(niceScale(120)).toEqual({ max: 150, ticks: [0, 50, 100, 150] });
    expect(niceScale(3)).toEqual({ max: 3, ticks: [0, 1, 2, 3] });
    expect(niceScale(9_400).max).toBe(10_000);
  });

  it('never steps below one (counts are whole) and gives an empty series 0..1', () => {
    expect(niceScale(1)).toEqual({ max: 1, ticks: [0, 1] });
    expect(niceScale(0)).toEqual({ max: 1, ticks: [0, 1] });
    expect(niceScale(Number.NaN)).toEqual({ max: 1, ticks: [0, 1] });
  });
});

describe('positions and paths', () => {
  it('spreads buckets over the plot and centres a single one', () => {
    expect(xPositions(3, box)).toEqual([20, 120, 220]);
    expect(xPositions(1, box)).toEqual([120]);
    expect(xPositions(0, box)).toEqual([]);
  });

  it('puts zero at the bottom and the scale top at the top', () => {
    const scale = niceScale(10);
    expect(yOf(0, scale, box)).toBe(120);
    expect(yOf(10, scale, box)).toBe(20);
    expect(yOf(5, scale, box)).toBe(70);
  });

  it('draws a line through the points and closes the area down to the baseline', () => {
    expect(linePath([0, 10.04, 20], [5, 6.66, 7])).toBe('M0 5L10 6.7L20 7');
    expect(areaPath([0, 20], [5, 7], 100)).toBe('M0 5L20 7L20 100L0 100Z');
    expect(areaPath([], [], 100)).toBe('');
  });

  it('labels at most the asked number of buckets, starting with the first', () => {
    expect(labelIndexes(30, 8)).toEqual([0, 4, 8, 12, 16, 20, 24, 28]);
    expect(labelIndexes(7, 8)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(labelIndexes(0, 8)).toEqual([]);
  });

  it('finds the bucket nearest the pointer', () => {
    expect(nearestIndex(64, [20, 120, 220])).toBe(0);
    expect(nearestIndex(71, [20, 120, 220])).toBe(1);
    expect(nearestIndex(500, [20, 120, 220])).toBe(2);
  });
});

describe('minute bars', () => {
  it('scales bars to the largest value and keeps a single event visible', () => {
    const [a, b, c] = bars([0, 1, 200], 30, 100, 2);
    expect(a).toEqual({ x: 1, width: 8, y: 100, height: 0 });
    expect(b).toEqual({ x: 11, width: 8, y: 99, height: 1 });
    expect(c).toEqual({ x: 21, width: 8, y: 0, height: 100 });
  });

  it('draws nothing for a quiet window', () => {
    expect(bars([0, 0], 10, 10).every((b) => b.height === 0)).toBe(true);
    expect(bars([], 10, 10)).toEqual([]);
  });
});
