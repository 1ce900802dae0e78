import { type DashboardState, isIsoDate, type Period } from './dashboard-state.ts';
import { h } from './dom.ts';

/** How each period reads on its button and in the page title. */
export const PERIOD_LABELS: Readonly<Record<Period, string>> = {
  today: 'Today',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  custom: 'Custom',
};

const DAY_MS = 86_400_000;

/**
 * The toolbar: the time range (presets, or two dates for a custom range) and
 * the filters (project, environment, page prefix), plus the exact-counts
 * switch. Every change goes through `navigate`, which updates the URL.
 */
export function toolbar(
  state: DashboardState,
  nowMs: number,
  navigate: (patch: Partial<DashboardState>) => void,
): HTMLElement {
  const today = new Date(nowMs).toISOString().slice(0, 10);
  const weekAgo = new Date(nowMs - 6 * DAY_MS).toISOString().slice(0, 10);

  const periods = h(
    'div',
    { class: 'periods', role: 'group', 'aria-label': 'Time range' },
    ...(Object.keys(PERIOD_LABELS) as Period[]).map((p) =>
      h(
        'button',
        {
          type: 'button',
          'data-period': p,
          'aria-pressed': String(state.period === p),
          onclick: () =>
            navigate(
              p === 'custom'
                ? { period: 'custom', from: state.from ?? weekAgo, to: state.to ?? today }
                : { period: p, from: undefined, to: undefined },
            ),
        },
        PERIOD_LABELS[p],
      ),
    ),
  );

  const dates = (() => {
    if (state.period !== 'custom') return null;
    const from = h('input', { type: 'date', name: 'from', value: state.from ?? weekAgo, max: today });
    const to = h('input', { type: 'date', name: 'to', value: state.to ?? today, max: today });
    const apply = () => {
      if (isIsoDate(from.value) && isIsoDate(to.value)) {
        const [a, b] = from.value <= to.value ? [from.value, to.value] : [to.value, from.value];
        navigate({ period: 'custom', from: a, to: b });
      }
    };
    from.addEventListener('change', apply);
    to.addEventListener('change', apply);
    return h(
      'div',
      { class: 'dates' },
      h('label', {}, 'From ', from),
      h('label', {}, 'to ', to),
      h('span', { class: 'hint' }, 'UTC days, inclusive'),
    );
  })();

  const field = (name: string, label: string, value: string, placeholder: string) =>
    h(
      'label',
      { class: 'field' },
      h('span', {}, label),
      h('input', { type: 'search', name, value, placeholder, autocomplete: 'off', spellcheck: 'false' }),
    );
  const form = h(
    'form',
    { class: 'filters', role: 'search' },
    field('project', 'Project', state.projectId, 'all projects'),
    field('env', 'Environment', state.environment, 'all'),
    field('page', 'Page', state.pathPrefix, 'URL or path prefix'),
    h('button', { type: 'submit', class: 'apply' }, 'Apply'),
    state.projectId || state.environment || state.pathPrefix
      ? h(
          'button',
          {
            type: 'button',
            class: 'link',
            onclick: () => navigate({ projectId: '', environment: '', pathPrefix: '' }),
          },
          'Clear filters',
        )
      : null,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    navigate({
      projectId: String(data.get('project') ?? '').trim(),
      environment: String(data.get('env') ?? '').trim(),
      pathPrefix: String(data.get('page') ?? '').trim(),
    });
  });

  const exact = h('input', { type: 'checkbox', name: 'exact', checked: state.exact });
  exact.addEventListener('change', () => navigate({ exact: exact.checked }));

  return h(
    'div',
    { class: 'toolbar' },
    h('div', { class: 'range' }, periods, dates),
    form,
    h(
      'label',
      { class: 'exact', title: 'Distinct counts by scanning raw events instead of HyperLogLog sketches' },
      exact,
      ' Exact unique counts',
    ),
  );
}
