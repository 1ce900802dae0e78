import type { Dimension } from '@analytics/client';

/** How a row of a list reads: the text shown, an optional hint (title) and an optional leading icon. */
export interface RowLabel {
  readonly text: string;
  readonly title?: string;
  readonly icon?: string;
}

/** What a missing value (null) means per dimension: no referrer is direct traffic, and so on. */
const NONE: Readonly<Record<Dimension, string>> = {
  PAGE: '(no page)',
  REFERRER: 'Direct / none',
  UTM_SOURCE: '(no source)',
  UTM_MEDIUM: '(no medium)',
  UTM_CAMPAIGN: '(no campaign)',
  COUNTRY: 'Unknown',
  BROWSER: 'Unknown',
  OS: 'Unknown',
  DEVICE_TYPE: 'Unknown',
};

/** A page URL as its path (`/blog/post`); the full URL and the page title go in the hint. */
export function pageLabel(url: string, title?: string | null): RowLabel {
  const hint = title ? `${title}\n${url}` : url;
  try {
    const u = new URL(url);
    return { text: u.pathname || '/', title: hint };
  } catch {
    // Not an absolute URL (a path, or whatever the sender put there): show it as it is.
    return { text: url, title: hint };
  }
}

/** A referrer without its scheme and trailing slash (`news.ycombinator.com/item?id=1`). */
export function referrerLabel(value: string): RowLabel {
  const text = value.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\/$/, '');
  return { text: text || value, title: value };
}

/** Regional-indicator flag emoji for an ISO 3166-1 alpha-2 code; empty for anything else. */
export function flagEmoji(code: string): string {
  if (!/^[A-Z]{2}$/.test(code)) return '';
  return String.fromCodePoint(...[...code].map((c) => 0x1f1e6 + c.charCodeAt(0) - 65));
}

let regionNames: Intl.DisplayNames | undefined;

/** A country code as its English name with a flag (`🇩🇪 Germany`); unknown codes stay as they are. */
export function countryLabel(code: string): RowLabel {
  const upper = code.toUpperCase();
  let name = upper;
  try {
    regionNames ??= new Intl.DisplayNames(['en'], { type: 'region' });
    name = regionNames.of(upper) ?? upper;
  } catch {
    // Not a region code Intl knows (RangeError): keep the code.
  }
  const flag = flagEmoji(upper);
  return { text: name, title: upper, ...(flag ? { icon: flag } : {}) };
}

/** The label of one value of a dimension (null is the dimension's "none"). */
export function dimensionLabel(dimension: Dimension, value: string | null): RowLabel {
  if (value === null || value === '') return { text: NONE[dimension] };
  switch (dimension) {
    case 'PAGE':
      return pageLabel(value);
    case 'REFERRER':
      return referrerLabel(value);
    case 'COUNTRY':
      return countryLabel(value);
    case 'DEVICE_TYPE':
      return { text: value.charAt(0).toUpperCase() + value.slice(1) };
    default:
      return { text: value };
  }
}
