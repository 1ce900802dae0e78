// biome-ignore-all lint/suspicious/noExplicitAny: the tests read GraphQL response JSON.
import { env, SELF } from 'cloudflare:test';
import { sha256Hex } from '@analytics/keys';
import { describe, expect, it } from 'vitest';
import worker, { type Env } from '../src/index.ts';
import { ReadKeys } from '../src/read-keys.ts';

/** A query answered without the query engine: reaching `data` means the key check let it through. */
const TYPENAME = JSON.stringify({ query: '{ __typename }' });

function post(headers: Record<string, string> = {}): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: TYPENAME };
}

async function answer(res: Response) {
  return {
    status: res.status,
    headers: res.headers,
    body: (await res.json()) as { data?: any; errors?: any[] },
  };
}

/** The Worker with other settings than the test's wrangler.jsonc + vitest bindings. */
async function withSettings(settings: Partial<Env>, init: RequestInit) {
  const configured = { ...env, ANALYTICS_QUERY_KEY: undefined, QUERY_PUBLIC: 'false', ...settings } as Env;
  return answer(await worker.fetch(new Request('https://api.test/graphql', init), configured));
}

describe('/graphql read keys (QUERY_PUBLIC false, ANALYTICS_QUERY_KEY set)', () => {
  it('answers a request without a key 401 UNAUTHENTICATED, saying what to send', async () => {
    const { status, headers, body } = await answer(await SELF.fetch('https://api.test/graphql', post()));
    expect(status).toBe(401);
    expect(headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([
      {
        message: expect.stringMatching(/Authorization: Bearer <read key>.*X-API-Key/),
        extensions: { code: 'UNAUTHENTICATED' },
      },
    ]);
  });

  it('answers a wrong key 403 FORBIDDEN, without WWW-Authenticate', async () => {
    const { status, headers, body } = await answer(
      await SELF.fetch('https://api.test/graphql', post({ authorization: 'Bearer not-the-key' })),
    );
    expect(status).toBe(403);
    expect(headers.get('www-authenticate')).toBeNull();
    expect(body.errors?.[0]).toEqual({
      message: expect.stringMatching(/read key is not valid.*Authorization: Bearer/),
      extensions: { code: 'FORBIDDEN' },
    });
  });

  it('takes the key as Authorization: Bearer or X-API-Key, on POST and GET', async () => {
    for (const headers of <Record<string, string>[]>[
      { authorization: `Bearer ${env.ANALYTICS_QUERY_KEY}` },
      { authorization: `bearer ${env.ANALYTICS_QUERY_KEY}` },
      { 'x-api-key': env.ANALYTICS_QUERY_KEY },
    ]) {
      const { status, body } = await answer(await SELF.fetch('https://api.test/graphql', post(headers)));
      expect(status, JSON.stringify(headers)).toBe(200);
      expect(body).toEqual({ data: { __typename: 'Query' } });
    }
    const url = `https://api.test/graphql?query=${encodeURIComponent('{ __typename }')}`;
    expect((await SELF.fetch(url)).status).toBe(401);
    const get = await answer(
      await SELF.fetch(url, { headers: { authorization: `Bearer ${env.ANALYTICS_QUERY_KEY}` } }),
    );
    expect(get).toMatchObject({ status: 200, body: { data: { __typename: 'Query' } } });
  });

  it('checks the key before the body: a keyless malformed request is 401, not 400', async () => {
    const res = await SELF.fetch('https://api.test/graphql', { method: 'POST', body: 'not json' });
    expect(res.status).toBe(401);
  });

  it('keeps /healthz and /metrics open, and counts refused requests', async () => {
    expect((await SELF.fetch('https://api.test/healthz')).status).toBe(200);
    await SELF.fetch('https://api.test/graphql', post());
    const metrics = await SELF.fetch('https://api.test/metrics');
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(
      /graphql_requests_total\{[^}]*outcome="unauthenticated"[^}]*\} [1-9]/,
    );
  });
});

describe('/graphql CORS', () => {
  it('answers the preflight without a key, allowing Authorization and X-API-Key from any origin', async () => {
    const res = await SELF.fetch('https://api.test/graphql', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toBe('GET, POST');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase().split(/,\s*/)).toEqual(
      expect.arrayContaining(['authorization', 'content-type', 'x-api-key']),
    );
    expect(res.headers.get('access-control-max-age')).toBe('86400');
  });

  it('makes answers and refusals readable by other origins, WWW-Authenticate included', async () => {
    const ok = await SELF.fetch(
      'https://api.test/graphql',
      post({ origin: 'https://app.example', authorization: `Bearer ${env.ANALYTICS_QUERY_KEY}` }),
    );
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe('*');
    const refused = await SELF.fetch('https://api.test/graphql', post({ origin: 'https://app.example' }));
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe('*');
    expect(refused.headers.get('access-control-expose-headers')).toBe('WWW-Authenticate');
  });
});

describe('/graphql read key settings', () => {
  it('never opens silently: no keys and QUERY_PUBLIC not true is 401 naming the variables to set', async () => {
    for (const QUERY_PUBLIC of ['false', '', 'yes', '1', undefined]) {
      const { status, body } = await withSettings({ QUERY_PUBLIC }, post());
      expect(status, String(QUERY_PUBLIC)).toBe(401);
      expect(body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(body.errors?.[0].message).toMatch(/ANALYTICS_QUERY_KEY.*QUERY_API_KEYS.*QUERY_PUBLIC=true/);
    }
  });

  it('QUERY_PUBLIC=true answers without a key, checks a key that is sent, and takes the right one', async () => {
    const settings = { QUERY_PUBLIC: 'true', ANALYTICS_QUERY_KEY: 'dev-query-key' };
    expect(await withSettings(settings, post())).toMatchObject({
      status: 200,
      body: { data: { __typename: 'Query' } },
    });
    expect((await withSettings(settings, post({ authorization: 'Bearer guess' }))).status).toBe(403);
    expect((await withSettings(settings, post({ authorization: 'Bearer dev-query-key' }))).status).toBe(200);
    // Public without any key: a key that is sent still matches none.
    const keyless = await withSettings({ QUERY_PUBLIC: ' TRUE ' }, post({ 'x-api-key': 'stale' }));
    expect(keyless.status).toBe(403);
    expect(keyless.body.errors?.[0].message).toMatch(/no read keys configured/);
  });

  it('QUERY_API_KEYS holds named SHA-256 hashes; the plain key is not needed beside it', async () => {
    const QUERY_API_KEYS = JSON.stringify([
      { sha256: sha256Hex('grafana-key'), name: 'grafana' },
      { sha256: sha256Hex('notebook-key').toUpperCase() },
    ]);
    for (const key of ['grafana-key', 'notebook-key'])
      expect((await withSettings({ QUERY_API_KEYS }, post({ authorization: `Bearer ${key}` }))).status).toBe(
        200,
      );
    expect((await withSettings({ QUERY_API_KEYS }, post({ authorization: 'Bearer grafana' }))).status).toBe(
      403,
    );
    expect((await withSettings({ QUERY_API_KEYS }, post())).status).toBe(401);
    expect(ReadKeys.fromSettings({ QUERY_API_KEYS, ANALYTICS_QUERY_KEY: 'k' }).size).toBe(3);
  });

  it('a malformed QUERY_API_KEYS refuses every request with 500 naming the variable', async () => {
    for (const QUERY_API_KEYS of ['{', '[{"sha256":"plain-key"}]']) {
      const { status, body } = await withSettings(
        { QUERY_API_KEYS, ANALYTICS_QUERY_KEY: 'k', QUERY_PUBLIC: 'true' },
        post({ authorization: 'Bearer k' }),
      );
      expect(status).toBe(500);
      expect(body.errors?.[0]).toMatchObject({
        message: expect.stringContaining('QUERY_API_KEYS'),
        extensions: { code: 'INTERNAL' },
      });
    }
  });
});
