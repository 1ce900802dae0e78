import { describe, expect, it } from 'vitest';
import { countryLabel, dimensionLabel, flagEmoji, pageLabel, referrerLabel } from '../src/labels.ts';

describe('row labels', () => {
  it('shows a page as its path, with the title and full URL as the hint', () => {
    expect(pageLabel('https://example.com/blog/post', 'A post')).toEqual({
      text: '/blog/post',
      title: 'A post\nhttps://example.com/blog/post',
    });
    expect(pageLabel('https://example.com').text).toBe('/');
    expect(pageLabel('/already/a/path').text).toBe('/already/a/path');
  });

  it('shows a referrer without its scheme or trailing slash', () => {
    expect(referrerLabel('https://news.ycombinator.com/').text).toBe('news.ycombinator.com');
    expect(referrerLabel('https://www.google.com/search?q=x').text).toBe('www.google.com/search?q=x');
    expect(referrerLabel('android-app://com.slack').text).toBe('com.slack');
  });

  it('names countries with their flag, and keeps codes it does not know', () => {
    expect(countryLabel('de')).toEqual({ text: 'Germany', title: 'DE', icon: '🇩🇪' });
    expect(flagEmoji('US')).toBe('🇺🇸');
    expect(flagEmoji('USA')).toBe('');
    expect(countryLabel('ZZZ')).toEqual({ text: 'ZZZ', title: 'ZZZ' });
  });

  it('says what a missing value means for each dimension', () => {
    expect(dimensionLabel('REFERRER', null).text).toBe('Direct / none');
    expect(dimensionLabel('UTM_CAMPAIGN', null).text).toBe('(no campaign)');
    expect(dimensionLabel('COUNTRY', '').text).toBe('Unknown');
  });

  it('capitalises device types and leaves browsers as the API names them', () => {
    expect(dimensionLabel('DEVICE_TYPE', 'mobile').text).toBe('Mobile');
    expect(dimensionLabel('BROWSER', 'Chrome').text).toBe('Chrome');
    expect(dimensionLabel('PAGE', 'https://example.com/a').text).toBe('/a');
  });
});
