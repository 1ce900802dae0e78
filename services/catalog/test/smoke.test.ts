import { SELF } from 'cloudflare:test';
import { expect, it } from 'vitest';

it('runs with R2 and a SQLite durable object', async () => {
  const res = await SELF.fetch('https://x/');
  expect(await res.json()).toEqual({ n: 1, v: 'v' });
});
