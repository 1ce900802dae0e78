import { describe, expect, it } from 'vitest';
import {
  constantTimeEqual,
  HashedKeySet,
  KeyConfigError,
  parseHashedKeyList,
  presentedKey,
  sha256Hex,
} from './index.ts';

// `printf %s dev-query-key | sha256sum`, computed outside this code: what docs tell operators to run.
const DEV_QUERY_KEY_SHA256 = 'e316a3c1ae55ba056226678cc4ca63c0cfde392cd6702d49d54cea470bc0868e';

describe('sha256Hex', () => {
  it('is the lower-case hex SHA-256 of the UTF-8 bytes', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('é')).toBe(sha256Hex('\u00e9'));
    expect(sha256Hex('é')).not.toBe(sha256Hex('e\u0301'));
  });

  it('gives what sha256sum gives for the documented local key', () => {
    expect(sha256Hex('dev-query-key')).toBe(DEV_QUERY_KEY_SHA256);
  });
});

describe('constantTimeEqual', () => {
  it('is plain equality, lengths included', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'ab')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
  });
});

describe('parseHashedKeyList', () => {
  it('reads hashes (kept lower case), names, and keeps the other members for the caller', () => {
    const list = parseHashedKeyList(
      JSON.stringify([
        { sha256: sha256Hex('a').toUpperCase(), name: 'grafana', projects: ['web'] },
        { sha256: sha256Hex('b') },
      ]),
      'QUERY_API_KEYS',
    );
    expect(list).toEqual([
      {
        sha256: sha256Hex('a'),
        name: 'grafana',
        index: 0,
        raw: expect.objectContaining({ projects: ['web'] }),
      },
      { sha256: sha256Hex('b'), name: 'key-1', index: 1, raw: expect.any(Object) },
    ]);
  });

  it('takes a blank value as no keys', () => {
    expect(parseHashedKeyList(undefined, 'QUERY_API_KEYS')).toEqual([]);
    expect(parseHashedKeyList('  ', 'QUERY_API_KEYS')).toEqual([]);
    expect(parseHashedKeyList('[]', 'QUERY_API_KEYS')).toEqual([]);
  });

  it.each([
    ['{', /QUERY_API_KEYS is not valid JSON/],
    ['{}', /QUERY_API_KEYS must be a JSON array/],
    ['["k"]', /QUERY_API_KEYS\[0\] must be an object/],
    ['[{"sha256":"abc"}]', /QUERY_API_KEYS\[0\]\.sha256 must be 64 hex digits/],
    ['[{"key":"plain-text"}]', /QUERY_API_KEYS\[0\]\.sha256 must be 64 hex digits/],
  ])('refuses %s naming the variable and the entry', (json, message) => {
    const error = (() => {
      try {
        parseHashedKeyList(json, 'QUERY_API_KEYS');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(KeyConfigError);
    expect((error as KeyConfigError).kind).toBe('invalid-key-list');
    expect((error as KeyConfigError).variable).toBe('QUERY_API_KEYS');
    expect((error as KeyConfigError).message).toMatch(message);
  });
});

describe('presentedKey', () => {
  const key = (headers: Record<string, string>) => presentedKey(new Headers(headers));

  it('reads Authorization: Bearer, any case of the scheme, else X-API-Key', () => {
    expect(key({ authorization: 'Bearer k1' })).toBe('k1');
    expect(key({ authorization: 'bearer   k1 ' })).toBe('k1');
    expect(key({ 'x-api-key': ' k2 ' })).toBe('k2');
    expect(key({ authorization: 'Bearer k1', 'x-api-key': 'k2' })).toBe('k1');
  });

  it('finds no key in other schemes, empty values or no headers', () => {
    expect(key({})).toBeUndefined();
    expect(key({ authorization: 'Basic dXNlcjpwYXNz' })).toBeUndefined();
    expect(key({ authorization: 'Bearer' })).toBeUndefined();
    expect(key({ authorization: 'Bearer   ' })).toBeUndefined();
    expect(key({ 'x-api-key': '' })).toBeUndefined();
    expect(key({ authorization: 'Basic x', 'x-api-key': 'k2' })).toBe('k2');
  });
});

describe('HashedKeySet', () => {
  it('matches a presented key against hashes only', () => {
    const set = new HashedKeySet([
      { sha256: sha256Hex('alpha'), name: 'a' },
      { sha256: sha256Hex('beta'), name: 'b' },
    ]);
    expect(set.size).toBe(2);
    expect(set.match('beta')?.name).toBe('b');
    expect(set.match('gamma')).toBeUndefined();
    expect(set.match('')).toBeUndefined();
  });

  it('hashes one plain key beside the listed ones; a blank plain key adds nothing', () => {
    const listed = [{ sha256: sha256Hex('listed'), name: 'ci', index: 0 }];
    const set = HashedKeySet.withPlainKey(' dev-query-key ', 'ANALYTICS_QUERY_KEY', listed);
    expect(set.size).toBe(2);
    expect(set.match('dev-query-key')).toEqual({
      sha256: sha256Hex('dev-query-key'),
      name: 'ANALYTICS_QUERY_KEY',
    });
    expect(set.match('listed')?.name).toBe('ci');
    expect(JSON.stringify(set.match('dev-query-key'))).not.toContain('dev-query-key');
    expect(HashedKeySet.withPlainKey('  ', 'ANALYTICS_QUERY_KEY').size).toBe(0);
  });
});
