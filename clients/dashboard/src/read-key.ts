/**
 * The dashboard's read key: where it is kept, and what the page does when the
 * API refuses a request. Pure (no DOM), so it is unit-tested; `main.ts` and
 * `sign-in.ts` draw what it decides.
 *
 * The API (services/api) wants `Authorization: Bearer <read key>` unless it
 * is public: no key is 401 (`UNAUTHENTICATED`), a wrong one 403 (`FORBIDDEN`).
 * Either answer turns the page into a sign-in form; a key the user enters is
 * kept in `localStorage` and sent with every query until they forget it, or
 * until the API refuses it.
 */

/** The `localStorage` item holding the key. */
export const READ_KEY_ITEM = 'analytics.readKey';

/** The part of Web Storage the key needs: `localStorage`, or a Map-backed stand-in in tests. */
export interface KeyStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** What the API said when it refused a request. */
export interface Refusal {
  /** 401: no key, or the API has none configured; 403: the key matches none. */
  readonly status: 401 | 403;
  /** `extensions.code` of its first error (`UNAUTHENTICATED`, `FORBIDDEN`), when it gave one. */
  readonly code: string | undefined;
  /** Its first error's message (says what to send, or what the operator must set). */
  readonly message: string;
}

/** Why the form is shown; tests and styles read it as `data-reason`. */
export type SignInReason =
  /** The API wants a key and none was sent. */
  | 'key-required'
  /** The key just entered was refused. */
  | 'key-refused'
  /** The key kept from an earlier visit is refused now (rotated, revoked). */
  | 'saved-key-refused'
  /** The API wants a key but has none configured: no key can work until its operator sets one. */
  | 'no-keys-configured'
  /** The form was submitted empty. */
  | 'key-empty';

/** What the sign-in form says. */
export interface SignInPrompt {
  readonly reason: SignInReason;
  /** One sentence for the user. */
  readonly message: string;
  /** What the API said (its message and code), when it said something. */
  readonly refusal: Refusal | undefined;
}

/**
 * Where the page stands:
 * - `none`: no key; queries go without one (a public API answers them);
 * - `key`: queries carry `key`; `entered` until the API first accepts it;
 * - `sign-in`: the form is shown and nothing is queried.
 */
export type Auth =
  | { readonly kind: 'none' }
  | { readonly kind: 'key'; readonly key: string; readonly entered: boolean }
  | { readonly kind: 'sign-in'; readonly prompt: SignInPrompt };

/** What can happen to it. */
export type AuthEvent =
  /** The API answered 401 or 403. */
  | { readonly type: 'refused'; readonly refusal: Refusal }
  /** The API answered a query (any other status). */
  | { readonly type: 'answered' }
  /** The form was submitted with this text. */
  | { readonly type: 'submit'; readonly input: string }
  /** "Forget key" was clicked. */
  | { readonly type: 'forget' };

/** The state a page load starts in: the stored key, if any. */
export function initialAuth(storage: KeyStorage | undefined): Auth {
  const key = readStored(storage);
  return key === undefined ? { kind: 'none' } : { kind: 'key', key, entered: false };
}

/** The next state. Pure: storage follows with `persistAuth`. */
export function nextAuth(auth: Auth, event: AuthEvent): Auth {
  switch (event.type) {
    case 'refused':
      // The first refusal of a view wins; the other queries of that view are refused alike.
      if (auth.kind === 'sign-in') return auth;
      return { kind: 'sign-in', prompt: promptFor(auth, event.refusal) };
    case 'answered':
      return auth.kind === 'key' && auth.entered ? { ...auth, entered: false } : auth;
    case 'submit': {
      const key = event.input.trim();
      if (key === '')
        return {
          kind: 'sign-in',
          prompt: { reason: 'key-empty', message: 'Enter the read key.', refusal: undefined },
        };
      return { kind: 'key', key, entered: true };
    }
    case 'forget':
      return { kind: 'none' };
  }
}

/**
 * Makes storage agree with `auth`: a key in use is kept; once forgotten or
 * refused it is removed, so a reload does not send it again. The form of an
 * empty submit keeps storage as it is (there was nothing stored to refuse).
 */
export function persistAuth(storage: KeyStorage | undefined, auth: Auth): void {
  if (storage === undefined) return;
  try {
    if (auth.kind === 'key') storage.setItem(READ_KEY_ITEM, auth.key);
    else if (auth.kind === 'none' || auth.prompt.reason !== 'key-empty') storage.removeItem(READ_KEY_ITEM);
  } catch {
    // Storage full or blocked: the key still works for this page, it is just not remembered.
  }
}

/** The key to send with queries, if any. */
export function keyToSend(auth: Auth): string | undefined {
  return auth.kind === 'key' ? auth.key : undefined;
}

/** The refusal a `/graphql` response is (401 or 403), read from a copy of it; undefined for any other status. */
export async function refusalOf(response: Response): Promise<Refusal | undefined> {
  const status = response.status;
  if (status !== 401 && status !== 403) return undefined;
  let first: { message?: unknown; extensions?: { code?: unknown } } | undefined;
  try {
    const body = (await response.clone().json()) as { errors?: (typeof first)[] };
    first = body.errors?.[0];
  } catch {
    // Not the API's JSON (a proxy in front, say): the status alone decides.
  }
  return {
    status,
    code: typeof first?.extensions?.code === 'string' ? first.extensions.code : undefined,
    message:
      typeof first?.message === 'string' && first.message !== ''
        ? first.message
        : `The API answered ${status} ${status === 401 ? 'Unauthorized' : 'Forbidden'}.`,
  };
}

function promptFor(auth: Exclude<Auth, { kind: 'sign-in' }>, refusal: Refusal): SignInPrompt {
  const sent = auth.kind === 'key';
  if (refusal.status === 401 && sent)
    return {
      reason: 'no-keys-configured',
      message: 'The API asks for a read key but accepts none yet: its operator has to configure one.',
      refusal,
    };
  if (refusal.status === 401)
    return { reason: 'key-required', message: 'This dashboard needs a read key.', refusal };
  if (sent && !auth.entered)
    return {
      reason: 'saved-key-refused',
      message: 'The saved read key is no longer accepted. Enter the current one.',
      refusal,
    };
  return {
    reason: 'key-refused',
    message: 'That read key was not accepted. Check it and try again.',
    refusal,
  };
}

function readStored(storage: KeyStorage | undefined): string | undefined {
  try {
    const key = storage?.getItem(READ_KEY_ITEM)?.trim();
    return key ? key : undefined;
  } catch {
    return undefined;
  }
}
