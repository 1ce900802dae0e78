import { describe, expect, it } from 'vitest';
import { compareOpenApi } from '../src/compare-openapi.ts';
import type { OpenApiDocument } from '../src/openapi-document.ts';

const doc = (responses: Record<string, unknown>, extra: Record<string, unknown> = {}): OpenApiDocument => ({
  openapi: '3.1.0',
  paths: {
    '/things/{id}': {
      get: {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses,
      },
      ...extra,
    },
  },
});

describe('compareOpenApi', () => {
  it('treats status ranges case-insensitively and ignores x- members of responses', () => {
    const contract = doc({ '200': { description: 'ok' }, '5XX': { description: 'server' } });
    const served = doc({ '200': { description: 'ok' }, '5xx': { description: 'server' }, 'x-note': 'hi' });
    expect(compareOpenApi(served, contract)).toEqual([]);
  });

  it('matches path templates whatever the parameter names, then reports the renamed parameter', () => {
    const contract = doc({ '200': { description: 'ok' } });
    const served: OpenApiDocument = {
      openapi: '3.1.0',
      paths: {
        '/things/{thingId}': {
          get: {
            parameters: [{ name: 'thingId', in: 'path', required: true, schema: { type: 'string' } }],
            responses: { '200': { description: 'ok' } },
          },
        },
      },
    };
    expect(compareOpenApi(served, contract).map((d) => d.kind)).toEqual([
      'missing-parameter',
      'extra-parameter',
    ]);
  });

  it('restricts the comparison to the given contract paths', () => {
    const contract: OpenApiDocument = {
      paths: { ...doc({ '200': { description: 'ok' } }).paths, '/other': { get: { responses: {} } } },
    };
    const served = doc({ '200': { description: 'ok' } });
    expect(compareOpenApi(served, contract, { paths: ['/things/{id}'] })).toEqual([]);
    expect(compareOpenApi(served, contract).map((d) => d.kind)).toEqual(['missing-path']);
  });

  it('compares header parameters case-insensitively', () => {
    const withHeader = (name: string) =>
      doc(
        { '200': { description: 'ok' } },
        {
          post: {
            parameters: [{ name, in: 'header', schema: { type: 'string' } }],
            responses: { '204': { description: 'done' } },
          },
        },
      );
    expect(compareOpenApi(withHeader('x-api-key'), withHeader('X-API-Key'))).toEqual([]);
  });
});
