import { describe, expect, it } from 'vitest';
import { breakdownRows, topPageRows } from '../src/list-rows.ts';

describe('ranked list rows', () => {
  it('sizes each bar by page views relative to the largest row', () => {
    const rows = breakdownRows({
      dimension: 'REFERRER',
      otherPageviews: 0,
      estimated: true,
      rows: [
        { value: null, pageviews: 40, visitors: 30, share: 0.5 },
        { value: 'https://news.ycombinator.com/', pageviews: 10, visitors: 9, share: 0.125 },
      ],
    });
    expect(rows).toEqual([
      { label: { text: 'Direct / none' }, visitors: 30, pageviews: 40, bar: 1 },
      {
        label: { text: 'news.ycombinator.com', title: 'https://news.ycombinator.com/' },
        visitors: 9,
        pageviews: 10,
        bar: 0.25,
      },
    ]);
  });

  it('makes top pages filterable by their URL and keeps their time on page', () => {
    const [row] = topPageRows([
      {
        pageUrl: 'https://example.com/pricing',
        pageTitle: 'Pricing',
        pageviews: 7,
        visitors: 5,
        averageTimeOnPage: 31.5,
      },
    ]);
    expect(row).toMatchObject({ filter: 'https://example.com/pricing', seconds: 31.5, bar: 1 });
    expect(row?.label.text).toBe('/pricing');
  });

  it('draws no bars when every row has zero page views', () => {
    const rows = topPageRows([{ pageUrl: '/a', pageTitle: null, pageviews: 0, visitors: 0 }]);
    expect(rows[0]?.bar).toBe(0);
    expect(rows[0]?.seconds).toBeNull();
  });
});
