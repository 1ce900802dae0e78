import { SELF } from 'cloudflare:test';
import { compareOpenApi, formatDifferences, parseOpenApiDocument } from '@analytics/contract-check';
import { describe, expect, it } from 'vitest';
import contractText from '../../../contracts/iceberg-rest-catalog.yaml?raw';

describe('the served OpenAPI document', () => {
  it('matches contracts/iceberg-rest-catalog.yaml', async () => {
    const res = await SELF.fetch('https://catalog.test/openapi.json');
    expect(res.status).toBe(200);
    const served = parseOpenApiDocument(await res.text());
    expect(formatDifferences(compareOpenApi(served, parseOpenApiDocument(contractText)))).toBe('');
  });

  it('has a docs page', async () => {
    const res = await SELF.fetch('https://catalog.test/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
  });
});
