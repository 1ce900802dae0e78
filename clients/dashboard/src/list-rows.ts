import type { BreakdownQuery, TopPagesQuery } from '@analytics/client';
import { dimensionLabel, pageLabel, type RowLabel } from './labels.ts';

/** One row of a ranked list (pages, referrers, countries…), ready to draw. */
export interface ListRow {
  readonly label: RowLabel;
  readonly visitors: number;
  readonly pageviews: number;
  /** Width of the row's bar, 0..1: its page views relative to the first (largest) row. */
  readonly bar: number;
  /** The value to filter by when the row is clicked (top pages filter by their URL). */
  readonly filter?: string;
  /** Extra column: average time on page, in seconds, when known. */
  readonly seconds?: number | null;
}

type Breakdown = BreakdownQuery['analytics']['breakdown'];
/** A top page; the realtime panel's pages carry no time on page. */
type TopPage = Pick<
  TopPagesQuery['analytics']['topPages'][number],
  'pageUrl' | 'pageTitle' | 'pageviews' | 'visitors'
> & {
  readonly averageTimeOnPage?: number | null;
};

function bars<T extends { pageviews: number }>(rows: readonly T[]): (row: T) => number {
  const max = Math.max(0, ...rows.map((r) => r.pageviews));
  return (row) => (max > 0 ? row.pageviews / max : 0);
}

/** Rows of a breakdown, labelled for its dimension (null values read as the dimension's "none"). */
export function breakdownRows(breakdown: Breakdown): ListRow[] {
  const bar = bars(breakdown.rows);
  return breakdown.rows.map((r) => ({
    label: dimensionLabel(breakdown.dimension, r.value),
    visitors: r.visitors,
    pageviews: r.pageviews,
    bar: bar(r),
  }));
}

/** Rows of the top pages, each filterable by its URL. */
export function topPageRows(pages: readonly TopPage[]): ListRow[] {
  const bar = bars(pages);
  return pages.map((p) => ({
    label: pageLabel(p.pageUrl, p.pageTitle),
    visitors: p.visitors,
    pageviews: p.pageviews,
    bar: bar(p),
    filter: p.pageUrl,
    seconds: p.averageTimeOnPage ?? null,
  }));
}
