import { env, SELF } from 'cloudflare:test';
import { signRequest } from '@analytics/s3';
import { describe, expect, it } from 'vitest';

const credentials = { accessKeyId: 'test-key', secretAccessKey: 'test-secret' };

async function s3(method: string, path: string, body?: string, secret = credentials.secretAccessKey) {
  const url = `http://localhost${path}`;
  const bytes = body === undefined ? undefined : new TextEncoder().encode(body);
  const signed = await signRequest(
    { method, url, ...(bytes ? { body: bytes } : {}) },
    { credentials: { ...credentials, secretAccessKey: secret }, region: 'auto', now: new Date() },
  );
  return SELF.fetch(url, { method, headers: signed.headers, ...(bytes ? { body: bytes } : {}) });
}

describe('/s3', () => {
  it('writes through to the same R2 bucket the Workers bind, and reads back', async () => {
    const put = await s3('PUT', '/s3/analytics-source/events/x.txt', 'hello');
    expect(put.status).toBe(200);
    expect(await (await env.SOURCE.get('events/x.txt'))?.text()).toBe('hello');
    const get = await s3('GET', '/s3/analytics-source/events/x.txt');
    expect(await get.text()).toBe('hello');
  });

  it('lists objects with ListObjectsV2', async () => {
    await env.PROCESSED.put('facts/a.parquet', 'a');
    const res = await s3('GET', '/s3/analytics-processed?list-type=2&prefix=facts%2F');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<Key>facts/a.parquet</Key>');
  });

  it('reports each request’s R2 operation classes to the catalog for the cost report', async () => {
    const before = (await (await env.CATALOG.fetch('http://catalog/__operations')).json()) as {
      classA: number;
      classB: number;
    };
    await s3('PUT', '/s3/analytics-source/costs/a.txt', 'a');
    await s3('GET', '/s3/analytics-source/costs/a.txt');
    await s3('HEAD', '/s3/analytics-source/costs/a.txt');
    await new Promise((r) => setTimeout(r, 50));
    const after = (await (await env.CATALOG.fetch('http://catalog/__operations')).json()) as {
      classA: number;
      classB: number;
      services: string[];
    };
    expect(after.classA - before.classA).toBe(1);
    expect(after.classB - before.classB).toBe(2);
    expect(after.services).toContain('s3-endpoint');
  });

  it('refuses a wrong secret with SignatureDoesNotMatch', async () => {
    const res = await s3('GET', '/s3/analytics-source/events/x.txt', undefined, 'wrong');
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('SignatureDoesNotMatch');
  });

  it('answers NoSuchBucket for a bucket it does not expose', async () => {
    const res = await s3('GET', '/s3/other/key');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('NoSuchBucket');
  });
});
