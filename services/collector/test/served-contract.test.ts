import { SELF } from 'cloudflare:test';
import { compareOpenApi, formatDifferences, parseOpenApiDocument } from '@analytics/contract-check';
import { describe, expect, it } from 'vitest';
import contractText from '../../../contracts/ingest.yaml?raw';

describe('the served OpenAPI document', () => {
  it('matches contracts/ingest.yaml', async () => {
    const res = await SELF.fetch('https://collector.test/openapi.json');
    expect(res.status).toBe(200);
    const served = parseOpenApiDocument(await res.text());
    expect(formatDifferences(compareOpenApi(served, parseOpenApiDocument(contractText)))).toBe('');
  });

  it('has a docs page', async () => {
    const res = await SELF.fetch('https://collector.test/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
  });
});
