import { describe, expect, it } from 'vitest';
import { AnalyticsClient, AnalyticsError, TablesDocument } from '../src/index.ts';

/** A fetch that records each request and answers `body` with `status`. */
function recording(status: number, body: unknown) {
  const requests: Request[] = [];
  const fetch = async (request: Request) => {
    requests.push(request);
    return Response.json(body, { status });
  };
  return { requests, fetch };
}

const TABLES = { data: { catalog: { tables: [] } } };

describe('AnalyticsClient read keys', () => {
  it('sends apiKey as Authorization: Bearer on every request', async () => {
    const api = recording(200, TABLES);
    const client = new AnalyticsClient({ url: 'https://a.test/graphql', fetch: api.fetch, apiKey: 'k-123' });
    await client.tables();
    await client.request(TablesDocument);
    expect(api.requests.map((r) => r.headers.get('authorization'))).toEqual(['Bearer k-123', 'Bearer k-123']);
    expect(api.requests[0]?.headers.get('content-type')).toBe('application/json');
  });

  it('sends no Authorization without apiKey; explicit headers win over it', async () => {
    const api = recording(200, TABLES);
    await new AnalyticsClient({ url: 'https://a.test/graphql', fetch: api.fetch }).tables();
    await new AnalyticsClient({
      url: 'https://a.test/graphql',
      fetch: api.fetch,
      apiKey: 'k-123',
      headers: { authorization: 'Bearer from-headers', 'x-trace': '1' },
    }).tables();
    expect(api.requests[0]?.headers.has('authorization')).toBe(false);
    expect(api.requests[1]?.headers.get('authorization')).toBe('Bearer from-headers');
    expect(api.requests[1]?.headers.get('x-trace')).toBe('1');
  });

  it.each([
    [401, 'UNAUTHENTICATED', 'A read key is required.'],
    [403, 'FORBIDDEN', 'The read key is not valid.'],
  ])(
    'throws AnalyticsError with status %i and code %s when the key is missing or refused',
    async (status, code, message) => {
      const api = recording(status, { errors: [{ message, extensions: { code } }] });
      const error = await new AnalyticsClient({ url: 'https://a.test/graphql', fetch: api.fetch })
        .tables()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AnalyticsError);
      expect(error).toMatchObject({ kind: 'graphql', status, code, message });
    },
  );
});
