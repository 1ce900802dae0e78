import { h } from './dom.ts';
import type { SignInPrompt } from './read-key.ts';

/**
 * The sign-in form the page shows instead of its cards when the API wants a
 * read key (read-key.ts decides when, and what it says). `onSubmit` gets the
 * text entered. The key field is a password field, so the browser neither
 * shows it nor suggests it elsewhere, and may offer to remember it.
 */
export function signInForm(prompt: SignInPrompt, onSubmit: (input: string) => void): HTMLElement {
  const input = h('input', {
    type: 'password',
    name: 'key',
    id: 'read-key',
    autocomplete: 'current-password',
    spellcheck: 'false',
    'aria-describedby': 'read-key-message',
  });
  const form = h(
    'form',
    { class: 'sign-in-form' },
    h('label', { for: 'read-key' }, 'Read key'),
    input,
    h('button', { type: 'submit', class: 'apply' }, 'Show analytics'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    onSubmit(input.value);
  });
  const refusal = prompt.refusal;
  const section = h(
    'section',
    {
      class: 'card sign-in',
      'data-sign-in': '',
      'data-reason': prompt.reason,
      'aria-labelledby': 'sign-in-title',
    },
    h('h2', { id: 'sign-in-title' }, 'Sign in'),
    h(
      'div',
      { id: 'read-key-message', class: prompt.reason === 'key-required' ? 'notice' : 'error', role: 'alert' },
      h('strong', {}, prompt.message),
      refusal?.code ? h('code', { class: 'code' }, refusal.code) : null,
      refusal ? h('p', {}, refusal.message) : null,
    ),
    form,
    h(
      'p',
      { class: 'hint' },
      'Ask whoever runs this analytics for the API’s read key. It is kept in this browser (localStorage) and sent as ',
      h('code', {}, 'Authorization: Bearer'),
      ' with every query, until you choose “Forget key”.',
    ),
  );
  // Focus once the section is in the document.
  queueMicrotask(() => input.focus());
  return section;
}
