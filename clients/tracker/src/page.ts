import type { TrackerHost } from './host.ts';

/** The page fields of a PageViewEvent (contracts/ingest.yaml) known when a view starts. */
export interface PageFields {
  page_url: string;
  referrer?: string;
  utm_source?: string;
  utm_medium?: string;
  utm_campaign?: string;
}

/**
 * The page's URL as a page view records it: without the fragment, unless the
 * site routes by hash (`#/settings`), where the fragment is the page.
 */
export function pageUrl(location: TrackerHost['location'], hashRouting: boolean): string {
  const url = location.origin + location.pathname + location.search;
  return hashRouting ? url + location.hash : url;
}

/**
 * What makes two locations different pages: the path (and the hash for hash
 * routers). Query changes (filters, sorting, an app dropping its UTM
 * parameters with replaceState) are not a new page view.
 */
export function pageKey(location: TrackerHost['location'], hashRouting: boolean): string {
  return hashRouting ? location.pathname + location.hash : location.pathname;
}

/**
 * The referrer when it is another site's: a visitor coming from within the
 * site is not a referral. `document.referrer` describes how the document was
 * loaded, so it applies to the first view only; SPA navigations have none.
 */
export function externalReferrer(referrer: string, origin: string): string | undefined {
  if (referrer === '') return undefined;
  try {
    return new URL(referrer).origin === origin ? undefined : referrer;
  } catch {
    return undefined;
  }
}

/**
 * The page fields of a view starting now at `location`; `referrer` is
 * `document.referrer`, used for the first view of the document only.
 */
export function pageFields(
  location: TrackerHost['location'],
  referrer: string,
  hashRouting: boolean,
  firstView: boolean,
): PageFields {
  const fields: PageFields = { page_url: pageUrl(location, hashRouting) };
  const external = firstView ? externalReferrer(referrer, location.origin) : undefined;
  if (external !== undefined) fields.referrer = external;
  const params = new URLSearchParams(location.search);
  for (const name of ['utm_source', 'utm_medium', 'utm_campaign'] as const) {
    const value = params.get(name);
    if (value) fields[name] = value;
  }
  return fields;
}
