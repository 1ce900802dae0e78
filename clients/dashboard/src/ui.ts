import { AnalyticsError } from '@analytics/client';
import { h } from './dom.ts';
import { formatCount, formatDuration, formatExact } from './format.ts';
import type { ListRow } from './list-rows.ts';

/**
 * The pieces every panel is made of: a card with a title and optional tabs,
 * ranked lists with bars, the "estimated" mark, empty states and errors.
 */

/** A panel's frame. `data-state` is `loading`, `ready` or `error` (tests and styles read it). */
export interface Card {
  readonly root: HTMLElement;
  readonly title: HTMLElement;
  readonly body: HTMLElement;
}

/** A card titled `title`; `panel` names it in `data-panel`. */
export function card(panel: string, title: string, ...headerExtras: HTMLElement[]): Card {
  const heading = h('h2', {}, title);
  const body = h('div', { class: 'card-body' }, h('p', { class: 'placeholder' }, 'Loading…'));
  const root = h(
    'section',
    { class: 'card', 'data-panel': panel, 'data-state': 'loading', 'aria-busy': 'true' },
    h('header', {}, heading, ...headerExtras),
    body,
  );
  return { root, title: heading, body };
}

/**
 * Loads one panel: marks it busy (its old content stays, dimmed, until the
 * answer arrives), then draws the data or the error. Answers to a view the
 * user has already left (`signal` aborted) are dropped.
 */
export async function load<T>(
  c: Card,
  signal: AbortSignal,
  what: string,
  fetch: () => Promise<T>,
  draw: (data: T) => void,
): Promise<void> {
  c.root.dataset.state = 'loading';
  c.root.setAttribute('aria-busy', 'true');
  try {
    const data = await fetch();
    if (signal.aborted) return;
    draw(data);
    c.root.dataset.state = 'ready';
  } catch (error) {
    if (signal.aborted) return;
    c.body.replaceChildren(errorBox(error, what));
    c.root.dataset.state = 'error';
  }
  c.root.removeAttribute('aria-busy');
}

/** The message of a failed query, with the API's error code when it gave one. */
export function errorBox(error: unknown, what: string): HTMLElement {
  let detail: string;
  let code: string | undefined;
  if (error instanceof AnalyticsError) {
    code = error.code;
    detail = error.message;
  } else {
    detail = error instanceof Error ? error.message : String(error);
  }
  return h(
    'div',
    { class: 'error', role: 'alert' },
    h('strong', {}, `Could not load ${what}`),
    code ? h('code', { class: 'code' }, code) : null,
    h('p', {}, detail),
  );
}

/** What a panel shows when the range holds nothing for it. */
export function emptyState(message: string, hint?: string): HTMLElement {
  return h('div', { class: 'empty' }, h('p', {}, message), hint ? h('p', { class: 'hint' }, hint) : null);
}

/** The mark next to a number (or column) that is a HyperLogLog estimate. */
export function estimatedMark(): HTMLElement {
  return h(
    'abbr',
    { class: 'est', title: 'Estimated from HyperLogLog sketches (typically within 1–2 %)' },
    '≈',
  );
}

/** A count with its exact value as a hint. */
export function count(n: number, locale: string | undefined): HTMLElement {
  return h('span', { title: formatExact(n, locale) }, formatCount(n, locale));
}

export interface ListOptions {
  /** Heading of the label column (`Page`, `Referrer`, `Country`…). */
  readonly label: string;
  /** Whether the visitor numbers are estimates (marks their column). */
  readonly estimated: boolean;
  readonly locale: string | undefined;
  /** Show the average time on page column. */
  readonly seconds?: boolean;
  /** Called with a row's `filter` when its label is clicked. */
  readonly onPick?: (value: string) => void;
}

/** A ranked list: label over a bar proportional to page views, then visitors and page views. */
export function list(rows: readonly ListRow[], o: ListOptions): HTMLElement {
  const head = h(
    'tr',
    {},
    h('th', { scope: 'col' }, o.label),
    h('th', { scope: 'col', class: 'num' }, o.estimated ? estimatedMark() : null, 'Visitors'),
    h('th', { scope: 'col', class: 'num', title: 'Page views' }, 'Views'),
    o.seconds ? h('th', { scope: 'col', class: 'num', title: 'Average time on page' }, 'Avg. time') : null,
  );
  const body = rows.map((row) => {
    const text = h('span', { class: 'text' }, row.label.icon ? `${row.label.icon} ` : '', row.label.text);
    const pick = row.filter;
    const label =
      pick !== undefined && o.onPick
        ? h(
            'button',
            {
              type: 'button',
              class: 'pick',
              title: `${row.label.title ?? row.label.text}\nClick to filter by this page`,
              onclick: () => o.onPick?.(pick),
            },
            text,
          )
        : h('span', { title: row.label.title ?? null }, text);
    return h(
      'tr',
      { 'data-value': row.label.text },
      h(
        'td',
        { class: 'label' },
        h('div', { class: 'bar', style: `width:${(row.bar * 100).toFixed(1)}%` }),
        label,
      ),
      h('td', { class: 'num' }, count(row.visitors, o.locale)),
      h('td', { class: 'num' }, count(row.pageviews, o.locale)),
      o.seconds ? h('td', { class: 'num' }, formatDuration(row.seconds)) : null,
    );
  });
  return h('table', { class: 'list' }, h('thead', {}, head), h('tbody', {}, ...body));
}

/** Tabs in a card header; `onSelect` gets the chosen key. */
export function tabs<K extends string>(
  options: readonly { readonly key: K; readonly label: string }[],
  selected: K,
  onSelect: (key: K) => void,
): HTMLElement {
  const nav = h('div', { class: 'tabs', role: 'tablist' });
  const buttons = options.map((o) =>
    h(
      'button',
      {
        type: 'button',
        role: 'tab',
        'data-tab': o.key,
        'aria-selected': o.key === selected ? 'true' : 'false',
        onclick: () => {
          for (const b of buttons)
            b.setAttribute('aria-selected', b === buttons[idx(o.key)] ? 'true' : 'false');
          onSelect(o.key);
        },
      },
      o.label,
    ),
  );
  const idx = (key: K) => options.findIndex((o) => o.key === key);
  nav.append(...buttons);
  return nav;
}
