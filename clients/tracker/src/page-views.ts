import type { TrackerHost } from './host.ts';
import { type PageFields, pageFields, pageKey } from './page.ts';

/** What a manual `pageview()` may say instead of reading the page. */
export interface PageViewOverrides {
  /** The page's URL (absolute, or relative to the current one). */
  readonly url?: string;
  /** The page's title. */
  readonly title?: string;
}

/** The BaseEvent fields of an event made now (tracker.ts). */
export type BaseFields = Record<string, string>;

/**
 * Page views: one `page_view` event per view, sent when the view ends — the
 * page is hidden or left, or the app navigates to another page — so that it
 * carries `time_on_page`: the seconds the page was visible. The collector
 * keeps one row per event id and never updates a row, so a view cannot be
 * sent at its start and completed later without counting it twice; sending
 * it at its end is what makes the table's one row per view whole. The event
 * keeps the time the view started (`timestamp`) and the title the page had
 * when the view ended (SPAs set the title after they change the URL).
 *
 * After a view ended because the page was hidden, coming back to it does not
 * start a new view (a tab switch is not a page view), and that later time is
 * not counted.
 */
export interface PageViews {
  /** Ends the current view, if any, and starts one at the current location (or `overrides`). */
  start(overrides?: PageViewOverrides): void;
  /** Ends the current view, if any: queues its event with time_on_page. */
  end(): void;
  /** The page became visible or hidden. */
  visibility(visible: boolean): void;
  /** The location changed (SPA navigation): a new view when the page (path, or hash) differs. */
  navigated(): void;
}

interface View {
  readonly base: BaseFields;
  readonly page: PageFields;
  readonly title: string | undefined;
  visibleMs: number;
  visibleSince: number | undefined;
}

export function createPageViews(
  host: TrackerHost,
  hashRouting: boolean,
  newBase: () => BaseFields,
  emit: (event: Record<string, unknown>) => void,
  now: () => number,
): PageViews {
  let current: View | undefined;
  let key: string | undefined;
  let first = true;

  const end = (): void => {
    const view = current;
    if (view === undefined) return;
    current = undefined;
    if (view.visibleSince !== undefined) view.visibleMs += now() - view.visibleSince;
    emit({
      event_type: 'page_view',
      ...view.base,
      ...view.page,
      page_title: view.title ?? host.document.title,
      time_on_page: Math.round(view.visibleMs / 100) / 10,
    });
  };

  const start = (overrides?: PageViewOverrides): void => {
    end();
    let page = pageFields(host.location, host.document.referrer, hashRouting, first);
    if (overrides?.url !== undefined) {
      const url = new URL(overrides.url, host.location.href);
      page = pageFields(url, host.document.referrer, hashRouting, first);
    }
    first = false;
    key = pageKey(host.location, hashRouting);
    current = {
      base: newBase(),
      page,
      title: overrides?.title,
      visibleMs: 0,
      visibleSince: host.document.visibilityState === 'visible' ? now() : undefined,
    };
  };

  return {
    start,
    end,
    visibility(visible) {
      if (current === undefined) return;
      if (visible) current.visibleSince ??= now();
      else end();
    },
    navigated() {
      if (pageKey(host.location, hashRouting) !== key) start();
    },
  };
}
