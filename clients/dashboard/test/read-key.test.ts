import { describe, expect, it } from 'vitest';
import {
  type Auth,
  type AuthEvent,
  initialAuth,
  type KeyStorage,
  keyToSend,
  nextAuth,
  persistAuth,
  READ_KEY_ITEM,
  type Refusal,
  refusalOf,
} from '../src/read-key.ts';

/** Web Storage over a Map. */
function memoryStorage(initial: Record<string, string> = {}): KeyStorage & { items: Map<string, string> } {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => void items.set(k, v),
    removeItem: (k) => void items.delete(k),
  };
}

const missing: Refusal = { status: 401, code: 'UNAUTHENTICATED', message: 'A read key is required.' };
const wrong: Refusal = { status: 403, code: 'FORBIDDEN', message: 'The read key is not valid.' };

/** Runs events from `start`, persisting after each like the page does; returns every state. */
function run(storage: KeyStorage, start: Auth, ...events: AuthEvent[]): Auth[] {
  const states = [start];
  let auth = start;
  for (const event of events) {
    auth = nextAuth(auth, event);
    persistAuth(storage, auth);
    states.push(auth);
  }
  return states;
}

describe('read key state', () => {
  it('starts from the stored key, or none (blank, missing or unreadable storage)', () => {
    expect(initialAuth(memoryStorage({ [READ_KEY_ITEM]: 'k1' }))).toEqual({
      kind: 'key',
      key: 'k1',
      entered: false,
    });
    expect(initialAuth(memoryStorage({ [READ_KEY_ITEM]: '  ' }))).toEqual({ kind: 'none' });
    expect(initialAuth(memoryStorage())).toEqual({ kind: 'none' });
    expect(initialAuth(undefined)).toEqual({ kind: 'none' });
    const blocked: KeyStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('SecurityError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(initialAuth(blocked)).toEqual({ kind: 'none' });
    expect(() => persistAuth(blocked, { kind: 'key', key: 'k', entered: true })).not.toThrow();
  });

  it('asks for a key on 401, keeps the one entered, and sends it from then on', () => {
    const storage = memoryStorage();
    const [, asked, entered, accepted] = run(
      storage,
      { kind: 'none' },
      { type: 'refused', refusal: missing },
      { type: 'submit', input: '  k-right \n' },
      { type: 'answered' },
    );
    expect(asked).toEqual({
      kind: 'sign-in',
      prompt: { reason: 'key-required', message: 'This dashboard needs a read key.', refusal: missing },
    });
    expect(keyToSend(asked as Auth)).toBeUndefined();
    expect(entered).toEqual({ kind: 'key', key: 'k-right', entered: true });
    expect(accepted).toEqual({ kind: 'key', key: 'k-right', entered: false });
    expect(keyToSend(accepted as Auth)).toBe('k-right');
    expect(storage.items.get(READ_KEY_ITEM)).toBe('k-right');
  });

  it('says a key just entered was not accepted, and does not keep it', () => {
    const storage = memoryStorage();
    const states = run(
      storage,
      { kind: 'sign-in', prompt: { reason: 'key-required', message: '', refusal: missing } },
      { type: 'submit', input: 'k-wrong' },
      { type: 'refused', refusal: wrong },
    );
    expect(states.at(-1)).toMatchObject({
      kind: 'sign-in',
      prompt: { reason: 'key-refused', message: expect.stringMatching(/not accepted/), refusal: wrong },
    });
    expect(storage.items.has(READ_KEY_ITEM)).toBe(false);
  });

  it('says a saved key is no longer accepted, and drops it', () => {
    const storage = memoryStorage({ [READ_KEY_ITEM]: 'k-old' });
    const states = run(storage, initialAuth(storage), { type: 'refused', refusal: wrong });
    expect(states.at(-1)).toMatchObject({ kind: 'sign-in', prompt: { reason: 'saved-key-refused' } });
    expect(storage.items.has(READ_KEY_ITEM)).toBe(false);
  });

  it('tells a 401 despite a key apart: the API has no keys configured', () => {
    const unconfigured: Refusal = { ...missing, message: 'Set ANALYTICS_QUERY_KEY or QUERY_API_KEYS…' };
    const [, refused] = run(
      memoryStorage(),
      { kind: 'key', key: 'k', entered: true },
      {
        type: 'refused',
        refusal: unconfigured,
      },
    );
    expect(refused).toMatchObject({
      kind: 'sign-in',
      prompt: { reason: 'no-keys-configured', refusal: unconfigured },
    });
  });

  it('keeps the first refusal of a view: the others of that view change nothing', () => {
    const first = nextAuth({ kind: 'key', key: 'k', entered: false }, { type: 'refused', refusal: wrong });
    expect(nextAuth(first, { type: 'refused', refusal: missing })).toBe(first);
  });

  it('asks again when the form is sent empty, leaving storage as it was', () => {
    const storage = memoryStorage();
    const [, empty] = run(storage, { kind: 'none' }, { type: 'submit', input: '   ' });
    expect(empty).toMatchObject({
      kind: 'sign-in',
      prompt: { reason: 'key-empty', message: 'Enter the read key.' },
    });
    expect(storage.items.size).toBe(0);
  });

  it('forgets the key: nothing stored, nothing sent', () => {
    const storage = memoryStorage({ [READ_KEY_ITEM]: 'k1' });
    const [, forgotten] = run(storage, initialAuth(storage), { type: 'forget' });
    expect(forgotten).toEqual({ kind: 'none' });
    expect(keyToSend(forgotten as Auth)).toBeUndefined();
    expect(storage.items.has(READ_KEY_ITEM)).toBe(false);
  });

  it('does not count a key as entered once the API answered with it', () => {
    const kept: Auth = { kind: 'key', key: 'k', entered: false };
    expect(nextAuth(kept, { type: 'answered' })).toBe(kept);
    expect(nextAuth({ kind: 'none' }, { type: 'answered' })).toEqual({ kind: 'none' });
  });
});

describe('refusalOf', () => {
  it('reads status, code and message of a 401 or 403, leaving the response readable', async () => {
    const response = Response.json(
      { errors: [{ message: 'A read key is required.', extensions: { code: 'UNAUTHENTICATED' } }] },
      { status: 401 },
    );
    expect(await refusalOf(response)).toEqual(missing);
    expect(((await response.json()) as { errors: unknown[] }).errors).toHaveLength(1);
  });

  it('is undefined for answers that are not refusals, GraphQL errors with 200 or 400 included', async () => {
    expect(await refusalOf(Response.json({ data: {} }))).toBeUndefined();
    const sqlRefused = { errors: [{ message: 'no', extensions: { code: 'FORBIDDEN' } }] };
    expect(await refusalOf(Response.json(sqlRefused, { status: 200 }))).toBeUndefined();
    expect(await refusalOf(Response.json(sqlRefused, { status: 400 }))).toBeUndefined();
  });

  it('falls back to the status when the body is not the API’s (a proxy in front)', async () => {
    expect(await refusalOf(new Response('<html>denied</html>', { status: 403 }))).toEqual({
      status: 403,
      code: undefined,
      message: 'The API answered 403 Forbidden.',
    });
  });
});
