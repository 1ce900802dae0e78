import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, isIsoDate, parseState, serializeState } from '../src/dashboard-state.ts';

describe('dashboard state in the query string', () => {
  it('opens the last 7 days of every project when the query string is empty', () => {
    expect(parseState('')).toEqual(DEFAULT_STATE);
    expect(serializeState(DEFAULT_STATE)).toBe('');
  });

  it('round-trips a period, filters and the exact switch', () => {
    const search = '?period=30d&project=web&env=production&page=%2Fblog&uniques=exact';
    const state = parseState(search);
    expect(state).toEqual({
      period: '30d',
      projectId: 'web',
      environment: 'production',
      pathPrefix: '/blog',
      exact: true,
    });
    expect(serializeState(state)).toBe(search);
  });

  it('keeps a custom range and swaps dates given in the wrong order', () => {
    expect(parseState('?period=custom&from=2024-01-31&to=2024-01-01')).toMatchObject({
      period: 'custom',
      from: '2024-01-01',
      to: '2024-01-31',
    });
    expect(serializeState(parseState('?period=custom&from=2024-01-01&to=2024-01-31'))).toBe(
      '?period=custom&from=2024-01-01&to=2024-01-31',
    );
  });

  it('falls back to the default range for an unknown period or a custom range without two valid dates', () => {
    expect(parseState('?period=forever&project=web')).toMatchObject({ period: '7d', projectId: 'web' });
    expect(parseState('?period=custom&from=2024-02-30&to=2024-03-01')).toMatchObject({ period: '7d' });
    expect(parseState('?period=custom&from=2024-01-01').from).toBeUndefined();
  });

  it('trims filters and ignores empty ones', () => {
    expect(parseState('?project=%20web%20&env=')).toMatchObject({ projectId: 'web', environment: '' });
    expect(serializeState({ ...DEFAULT_STATE, environment: '' })).toBe('');
  });

  it('drops from/to from the URL once the period is no longer custom', () => {
    expect(serializeState({ ...DEFAULT_STATE, period: 'today', from: '2024-01-01', to: '2024-01-02' })).toBe(
      '?period=today',
    );
  });

  it('accepts only real calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-1-5')).toBe(false);
    expect(isIsoDate(null)).toBe(false);
  });
});
