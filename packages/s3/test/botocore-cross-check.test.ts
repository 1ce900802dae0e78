import { describe, expect, it } from 'vitest';
import { presignUrl, signRequest, uriEncode, verifyRequest } from '../src/sigv4/index.ts';
import { runPython } from './support/python.ts';

const TIME = '2026-03-04T05:06:07Z';
const now = new Date(TIME);
const credentials = { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local/secret+key' };
const ORIGIN = 'http://127.0.0.1:8787';
const awkwardKey = "warehouse/db/t/data/a b/ü+=&?#!*'()$@:,;~%.parquet";

interface Case {
  name: string;
  method: string;
  url: string;
  headers: [string, string][];
  body: string;
  sessionToken?: string;
  presignExpires?: number;
}

const cases: Case[] = [
  {
    name: 'GET with an awkward key',
    method: 'GET',
    url: `${ORIGIN}/s3/bucket/${uriEncode(awkwardKey, false)}`,
    headers: [['Range', 'bytes=10-99']],
    body: '',
  },
  {
    name: 'PUT with body, metadata and a session token',
    method: 'PUT',
    url: `${ORIGIN}/s3/bucket/k.json`,
    headers: [
      ['Content-Type', 'application/json'],
      ['x-amz-meta-owner', '  many   spaces  '],
      ['If-None-Match', '*'],
    ],
    body: '{"a":1}',
    sessionToken: 'FwoGZXIvYXdzEXAMPLE//token==',
  },
  {
    name: 'ListObjectsV2 with encoded query',
    method: 'GET',
    url: `${ORIGIN}/s3/bucket?list-type=2&prefix=a%2Fb%20c&delimiter=%2F&continuation-token=YWJj%3D%3D&max-keys=3&encoding-type=url`,
    headers: [],
    body: '',
  },
  {
    name: 'POST ?delete',
    method: 'POST',
    url: `${ORIGIN}/s3/bucket?delete`,
    headers: [['Content-Type', 'application/xml']],
    body: '<Delete/>',
  },
  {
    name: 'presigned GET',
    method: 'GET',
    url: `${ORIGIN}/s3/bucket/${uriEncode(awkwardKey, false)}`,
    headers: [],
    body: '',
    presignExpires: 900,
  },
  {
    name: 'presigned GET with a session token',
    method: 'GET',
    url: `${ORIGIN}/s3/bucket/x`,
    headers: [],
    body: '',
    sessionToken: 'tok/en+=',
    presignExpires: 60,
  },
];

type Signed = { headers: [string, string][] } | { url: string };

describe('cross-check with botocore', () => {
  it('signs exactly as botocore and verifies what botocore signs', async () => {
    const botocore = await runPython<Signed[]>('botocore_sign.py', {
      time: TIME,
      cases: cases.map((c) => ({
        method: c.method,
        url: c.url,
        headers: c.headers,
        body: c.body,
        region: 'auto',
        access_key: credentials.accessKeyId,
        secret_key: credentials.secretAccessKey,
        ...(c.sessionToken ? { session_token: c.sessionToken } : {}),
        ...(c.presignExpires ? { presign_expires: c.presignExpires } : {}),
      })),
    });
    const lookup = (id: string) => (id === credentials.accessKeyId ? credentials.secretAccessKey : undefined);
    for (const [i, c] of cases.entries()) {
      const theirs = botocore[i] as Signed;
      const creds = { ...credentials, ...(c.sessionToken ? { sessionToken: c.sessionToken } : {}) };
      if ('url' in theirs) {
        const ours = await presignUrl(
          { method: c.method, url: c.url },
          { credentials: creds, region: 'auto', now, expiresIn: c.presignExpires as number },
        );
        const signatureOf = (u: string) => new URL(u).searchParams.get('X-Amz-Signature');
        expect(signatureOf(theirs.url), c.name).toMatch(/^[0-9a-f]{64}$/);
        expect(signatureOf(ours), c.name).toBe(signatureOf(theirs.url));
        await expect(
          verifyRequest(new Request(theirs.url, { method: c.method }), { credentials: lookup, now }),
          c.name,
        ).resolves.toMatchObject({
          payload: { kind: 'unsigned' },
        });
        continue;
      }
      const theirHeaders = new Headers(theirs.headers);
      expect(theirHeaders.get('authorization'), c.name).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDLOCAL\//);
      const ours = await signRequest(
        { method: c.method, url: c.url, headers: c.headers, body: new TextEncoder().encode(c.body) },
        { credentials: creds, region: 'auto', now },
      );
      expect(new Headers(ours.headers).get('authorization'), c.name).toBe(theirHeaders.get('authorization'));
      const request = new Request(c.url, {
        method: c.method,
        headers: theirHeaders,
        ...(c.body ? { body: c.body } : {}),
      });
      await expect(verifyRequest(request, { credentials: lookup, now }), c.name).resolves.toMatchObject({
        accessKeyId: credentials.accessKeyId,
      });
    }
  });
});
