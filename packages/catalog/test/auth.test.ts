import { describe, expect, it } from 'vitest';
import { authenticate, issueClientCredentialsToken } from '../src/auth/authenticate.ts';
import { parseCredentialConfig } from '../src/auth/credentials-config.ts';
import { isAllowed } from '../src/auth/grants.ts';
import { isCatalogError } from '../src/errors.ts';

const registry = parseCredentialConfig(
  JSON.stringify([
    {
      principal: 'dbt',
      client_id: 'dbt',
      client_secret: 'dbt-secret-1',
      grants: [
        { namespace: 'marts', privilege: 'write' },
        { namespace: 'web', table: 'events', privilege: 'read' },
      ],
    },
  ]),
  'analytics:analytics-secret',
);

function settings(nowMs: number) {
  return { registry, tokenSecret: 's3cret', tokenTtlSeconds: 60, nowMs: () => nowMs };
}

describe('authentication and grants', () => {
  it('accepts an issued token until it expires, then answers not-authorized', async () => {
    const issued = await issueClientCredentialsToken(
      new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: 'dbt',
        client_secret: 'dbt-secret-1',
      }),
      undefined,
      settings(1_000_000),
    );
    if ('status' in issued) throw new Error(issued.body.error);
    const principal = await authenticate(`Bearer ${issued.access_token}`, settings(1_000_000 + 59_000));
    expect(principal.name).toBe('dbt');
    const expired = await authenticate(`Bearer ${issued.access_token}`, settings(1_000_000 + 61_000)).catch(
      (e) => e,
    );
    expect(isCatalogError(expired, 'not-authorized')).toBe(true);
    expect(expired.message).toContain('expired');
  });

  it('rejects a token signed with another secret', async () => {
    const issued = await issueClientCredentialsToken(
      new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: 'dbt',
        client_secret: 'dbt-secret-1',
      }),
      undefined,
      settings(0),
    );
    if ('status' in issued) throw new Error(issued.body.error);
    const other = { ...settings(0), tokenSecret: 'different' };
    await expect(authenticate(`Bearer ${issued.access_token}`, other)).rejects.toThrow('bad-signature');
  });

  it('refreshes a valid token by token exchange and refuses an expired one', async () => {
    const issued = await issueClientCredentialsToken(
      new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: 'dbt',
        client_secret: 'dbt-secret-1',
      }),
      undefined,
      settings(0),
    );
    if ('status' in issued) throw new Error(issued.body.error);
    const exchange = (nowMs: number) =>
      issueClientCredentialsToken(
        new URLSearchParams({
          grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
          subject_token: issued.access_token,
          subject_token_type: 'urn:ietf:params:oauth:token-type:access_token',
        }),
        undefined,
        settings(nowMs),
      );
    const refreshed = await exchange(50_000);
    if ('status' in refreshed) throw new Error(refreshed.body.error);
    expect((await authenticate(`Bearer ${refreshed.access_token}`, settings(100_000))).name).toBe('dbt');
    expect(await exchange(61_000)).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
  });

  it('accepts client credentials sent as HTTP Basic', async () => {
    const issued = await issueClientCredentialsToken(
      new URLSearchParams({ grant_type: 'client_credentials' }),
      `Basic ${btoa('analytics:analytics-secret')}`,
      settings(0),
    );
    expect(issued).toMatchObject({ token_type: 'bearer', expires_in: 60 });
  });

  it('scopes grants to a namespace subtree or one table, privileges including lower ones', () => {
    const dbt = registry.principals.get('dbt');
    if (!dbt) throw new Error('dbt principal missing');
    expect(isAllowed(dbt, 'write', { namespace: ['marts', 'daily'], table: 't' })).toBe(true);
    expect(isAllowed(dbt, 'admin', { namespace: ['marts'], table: 't' })).toBe(false);
    expect(isAllowed(dbt, 'read', { namespace: ['web'], table: 'events' })).toBe(true);
    expect(isAllowed(dbt, 'read', { namespace: ['web'], table: 'sessions' })).toBe(false);
    expect(isAllowed(dbt, 'read', { namespace: ['web', 'events'] })).toBe(false);
    const admin = registry.principals.get('analytics');
    expect(admin && isAllowed(admin, 'admin', { namespace: [] })).toBe(true);
  });

  it('names the bad entry when CATALOG_TOKENS is invalid', () => {
    expect(() => parseCredentialConfig('[{"principal":"x","grants":[]}]', undefined)).toThrow(
      /CATALOG_TOKENS is invalid/,
    );
    expect(() => parseCredentialConfig(undefined, 'no-colon')).toThrow(/client_id:client_secret/);
  });
});
