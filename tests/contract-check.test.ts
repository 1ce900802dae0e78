import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type ContractDifference,
  compareGraphqlSchemas,
  compareOpenApi,
  formatDifferences,
  type OpenApiDocument,
  parseOpenApiDocument,
  resolvePointer,
} from '@analytics/contract-check';
import {
  zComponentHealth,
  zCostReport,
  zErrorResponse,
  zFlushRequest,
  zFlushResult,
  zGetComponentHealthPath,
} from '@analytics/generated/ops/zod';
import { contentJson, fromHono, OpenAPIRoute } from 'chanfana';
import { buildSchema, introspectionFromSchema, parse, validate } from 'graphql';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;
const contractText = (name: string) => readFileSync(join(root, 'contracts', name), 'utf8');
const ingest = parseOpenApiDocument(contractText('ingest.yaml'));
const sdl = contractText('analytics.graphql');

// biome-ignore lint/suspicious/noExplicitAny: tests reach into documents freely.
type Json = Record<string, any>;
const copy = (doc: OpenApiDocument): Json => structuredClone(doc) as Json;
const kinds = (diffs: ContractDifference[]) => diffs.map((d) => d.kind);

/** The same document with every local $ref inlined, descriptions and examples dropped, keys reversed and x- fields added. */
function rewrittenHarmlessly(doc: OpenApiDocument): Json {
  const resolve = (ref: string): unknown => resolvePointer(doc, ref);
  const walk = (node: unknown, parentKey = ''): unknown => {
    if (Array.isArray(node)) return node.map((item) => walk(item));
    if (typeof node !== 'object' || node === null) return node;
    const o = node as Json;
    if (typeof o.$ref === 'string') return walk(resolve(o.$ref), parentKey);
    // Extensions are allowed on every object except maps of names (properties, content).
    const out: Json =
      parentKey === 'properties' || parentKey === 'content' ? {} : { 'x-served-by': 'chanfana' };
    for (const key of Object.keys(o).reverse()) {
      if (key === 'description' || key === 'example' || key === 'examples' || key === 'summary') continue;
      out[key] = walk(o[key], key);
    }
    return out;
  };
  const { components: _components, ...rest } = doc;
  return walk(rest) as Json;
}

describe('compareOpenApi', () => {
  it('accepts every contract compared with itself', () => {
    for (const name of readdirSync(join(root, 'contracts')).filter((f) => f.endsWith('.yaml'))) {
      const doc = parseOpenApiDocument(contractText(name));
      expect(formatDifferences(compareOpenApi(doc, doc)), name).toBe('');
    }
  });

  it('accepts a document that differs only harmlessly ($ref inlined, no descriptions, reordered, x- fields)', () => {
    const served = rewrittenHarmlessly(ingest);
    expect(formatDifferences(compareOpenApi(served, ingest))).toBe('');
  });

  it('accepts the nullable spellings as one', () => {
    const forms = [
      { type: ['string', 'null'] },
      { type: 'string', nullable: true },
      { anyOf: [{ type: 'string' }, { type: 'null' }] },
    ];
    const docWith = (schema: object): OpenApiDocument => {
      const doc = copy(ingest);
      doc.components.schemas.EventOutcome.properties.event_id = schema;
      return doc;
    };
    for (const form of forms) expect(compareOpenApi(docWith(form), docWith(forms[0]!))).toEqual([]);
    expect(kinds(compareOpenApi(docWith({ type: 'string' }), docWith(forms[0]!)))).toEqual([
      'nullable-mismatch',
    ]);
  });

  it('accepts what chanfana serves for routes built on the generated zod schemas', async () => {
    const app = fromHono(new Hono(), { openapiVersion: '3.1' });
    const errors = { description: 'error', ...contentJson(zErrorResponse) };
    class GetCosts extends OpenAPIRoute {
      override schema = { responses: { '200': { description: 'report', ...contentJson(zCostReport) } } };
      override async handle() {
        return {};
      }
    }
    class Flush extends OpenAPIRoute {
      override schema = {
        request: { body: { ...contentJson(zFlushRequest), required: false } },
        responses: {
          '200': { description: 'ok', ...contentJson(zFlushResult) },
          '401': errors,
          '403': errors,
          '404': errors,
        },
      };
      override async handle() {
        return {};
      }
    }
    class ComponentHealth extends OpenAPIRoute {
      override schema = {
        request: { params: zGetComponentHealthPath },
        responses: {
          '200': { description: 'ok', ...contentJson(zComponentHealth) },
          '404': errors,
          '503': { description: 'down', ...contentJson(zComponentHealth) },
        },
      };
      override async handle() {
        return {};
      }
    }
    app.get('/v1/costs', GetCosts);
    app.post('/ops/flush', Flush);
    app.get('/health/:component', ComponentHealth);
    const served = parseOpenApiDocument(await (await app.request('/openapi.json')).text());
    const ops = parseOpenApiDocument(contractText('ops.yaml'));
    const paths = ['/v1/costs', '/ops/flush', '/health/{component}'];
    expect(formatDifferences(compareOpenApi(served, ops, { paths }))).toBe('');
    expect(compareOpenApi(served, ops).map((d) => d.message)).toEqual([
      '/health: path is in the contract but not served',
      '/metrics: path is in the contract but not served',
      '/ops/maintenance: path is in the contract but not served',
      '/ops/imports: path is in the contract but not served',
    ]);
  });

  it('reports a missing path', () => {
    const served = copy(ingest);
    delete served.paths['/events'];
    expect(compareOpenApi(served, ingest).map((d) => d.message)).toEqual([
      '/events: path is in the contract but not served',
    ]);
  });

  it('reports an extra method', () => {
    const served = copy(ingest);
    served.paths['/events'].put = { responses: { '204': { description: 'replaced' } } };
    expect(compareOpenApi(served, ingest).map((d) => d.message)).toEqual([
      'PUT /events: operation is served but not in the contract',
    ]);
  });

  it('reports a renamed property as one missing and one extra', () => {
    const served = copy(ingest);
    const outcome = served.components.schemas.EventOutcome;
    outcome.properties.eventId = outcome.properties.event_id;
    delete outcome.properties.event_id;
    outcome.required = ['index', 'eventId', 'status'];
    const diffs = compareOpenApi(served, ingest);
    expect(diffs.map((d) => d.message)).toContain(
      'POST /events › response 202 application/json › events[]: property `events[].event_id` is in the contract but not served',
    );
    expect(diffs.map((d) => d.message)).toContain(
      'POST /events › response 202 application/json › events[]: property `events[].eventId` is served but not in the contract',
    );
    expect(new Set(kinds(diffs))).toEqual(new Set(['missing-property', 'extra-property']));
  });

  it('reports a changed type', () => {
    const served = copy(ingest);
    served.components.schemas.IngestResult.properties.accepted = { type: 'string' };
    expect(compareOpenApi(served, ingest).map((d) => d.message)).toEqual([
      'POST /events › response 202 application/json › accepted: `accepted` has type integer in the contract but string as served',
    ]);
  });

  it('reports a required property served as optional', () => {
    const served = copy(ingest);
    served.components.schemas.EventBatch.required = [];
    expect(compareOpenApi(served, ingest).map((d) => d.message)).toEqual([
      'POST /events › request body application/json › <variant 2>: property `<variant 2>.events` is required in the contract but optional as served',
    ]);
  });

  it('reports a changed enum', () => {
    const served = copy(ingest);
    served.components.schemas.EventOutcome.properties.status.enum = ['accepted', 'duplicate', 'queued'];
    expect(compareOpenApi(served, ingest).map((d) => d.message)).toEqual([
      'POST /events › response 202 application/json › events[].status: `events[].status` allows only "accepted", "duplicate" in the contract but only "accepted", "duplicate", "queued" as served',
    ]);
  });

  it('reports a missing status code', () => {
    const served = copy(ingest);
    delete served.paths['/events'].post.responses['413'];
    expect(compareOpenApi(served, ingest).map((d) => d.message)).toEqual([
      'POST /events › response 413: status code is in the contract but not served',
    ]);
  });

  it('reports missing parameters and media types', () => {
    const served = copy(ingest);
    const post = served.paths['/events'].post;
    post.parameters = post.parameters.slice(1);
    delete post.requestBody.content['application/cloudevents-batch+json'];
    expect(kinds(compareOpenApi(served, ingest))).toEqual(['missing-parameter', 'missing-media-type']);
  });
});

describe('compareGraphqlSchemas', () => {
  it('accepts the contract SDL, reordered and without descriptions', () => {
    const stripped = sdl.replace(/"""[\s\S]*?"""\n/g, '');
    const reordered = stripped
      .split(/\n(?=type |input |enum |scalar )/)
      .reverse()
      .join('\n');
    expect(compareGraphqlSchemas(reordered, sdl)).toEqual([]);
  });

  it('accepts an introspection result of the contract schema', () => {
    expect(compareGraphqlSchemas(introspectionFromSchema(buildSchema(sdl)), sdl)).toEqual([]);
  });

  it('reports a changed argument default value', () => {
    const served = sdl.replace(
      'realtime(filter: EventFilter, minutes: Int = 30)',
      'realtime(filter: EventFilter, minutes: Int = 60)',
    );
    expect(kinds(compareGraphqlSchemas(served, sdl))).toContain('graphql-dangerous-change');
  });

  it('reports a changed field type', () => {
    const served = sdl.replace('  uniqueUsers: Int!', '  uniqueUsers: Float!');
    expect(compareGraphqlSchemas(served, sdl).map((d) => d.message)).toContain(
      'FIELD_CHANGED_KIND: served schema differs from the contract: EventCount.uniqueUsers changed type from Int! to Float!.',
    );
  });

  it('reports a removed field and an added field', () => {
    const served = sdl.replace('  recordCount: BigInt!', '  rowCount: BigInt!');
    const messages = compareGraphqlSchemas(served, sdl).map((d) => d.message);
    expect(messages).toContain(
      'FIELD_REMOVED: served schema differs from the contract: Table.recordCount was removed.',
    );
    expect(messages).toContain(
      'FIELD_REMOVED: served schema has something the contract lacks: Table.rowCount was removed.',
    );
  });
});

describe('SEED.md example queries', () => {
  const schema = buildSchema(sdl);
  const dir = join(root, 'contracts', 'examples');
  const files = readdirSync(dir).filter((f) => f.endsWith('.graphql'));

  it('are all present', () => {
    expect(files.sort()).toEqual([
      'get-event-counts.graphql',
      'historical-data.graphql',
      'table-info.graphql',
    ]);
  });

  for (const file of files) {
    it(`${file} validates against contracts/analytics.graphql`, () => {
      const errors = validate(schema, parse(readFileSync(join(dir, file), 'utf8')));
      expect(errors.map((e) => e.message)).toEqual([]);
    });
  }

  it('appear verbatim in SEED.md', () => {
    // The fixtures are copies; SEED.md is outside the repository, so check it only where it is present.
    const seedPath = join(root, '..', 'shared', 'SEED.md');
    let seed: string;
    try {
      seed = readFileSync(seedPath, 'utf8');
    } catch {
      seed = '';
    }
    const blocks = [...seed.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]);
    if (blocks.length > 0)
      for (const file of files) expect(blocks).toContain(readFileSync(join(dir, file), 'utf8'));
  });
});

describe('contracts/operations (dashboard operations)', () => {
  const schema = buildSchema(sdl);
  const dir = join(root, 'contracts', 'operations');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.graphql'))) {
    it(`${file} validates against contracts/analytics.graphql`, () => {
      const errors = validate(schema, parse(readFileSync(join(dir, file), 'utf8')));
      expect(errors.map((e) => e.message)).toEqual([]);
    });
  }
});

describe('contracts/iceberg-rest-catalog.yaml', () => {
  const iceberg = parseOpenApiDocument(contractText('iceberg-rest-catalog.yaml')) as Json;
  const operations = Object.entries(iceberg.paths as Json).flatMap(([path, item]) =>
    Object.keys(item as Json)
      .filter((key) => ['get', 'post', 'put', 'delete', 'head'].includes(key))
      .map((method) => ({ path, method, op: (item as Json)[method] as Json })),
  );

  it('serves the default endpoint set plus HEAD, config and tokens, without a prefix', () => {
    const endpoints = operations.map(({ path, method }) => `${method.toUpperCase()} ${path}`).sort();
    expect(endpoints).toEqual(
      [
        'GET /v1/config',
        'POST /v1/oauth/tokens',
        'GET /v1/namespaces',
        'POST /v1/namespaces',
        'GET /v1/namespaces/{namespace}',
        'HEAD /v1/namespaces/{namespace}',
        'DELETE /v1/namespaces/{namespace}',
        'POST /v1/namespaces/{namespace}/properties',
        'GET /v1/namespaces/{namespace}/tables',
        'POST /v1/namespaces/{namespace}/tables',
        'POST /v1/namespaces/{namespace}/register',
        'GET /v1/namespaces/{namespace}/tables/{table}',
        'POST /v1/namespaces/{namespace}/tables/{table}',
        'DELETE /v1/namespaces/{namespace}/tables/{table}',
        'HEAD /v1/namespaces/{namespace}/tables/{table}',
        'POST /v1/namespaces/{namespace}/tables/{table}/metrics',
        'POST /v1/tables/rename',
        'POST /v1/transactions/commit',
      ].sort(),
    );
  });

  it('answers every catalog error with the wrapped Iceberg error model', () => {
    const wrong: string[] = [];
    for (const { path, method, op } of operations) {
      if (path === '/v1/oauth/tokens') continue; // OAuth errors use the OAuth body.
      for (const [status, response] of Object.entries(op.responses as Json)) {
        if (status.startsWith('2') || status === '304') continue;
        const resolved = (response as Json).$ref
          ? (resolvePointer(iceberg, (response as Json).$ref) as Json)
          : response;
        const ref = (resolved as Json).content?.['application/json']?.schema?.$ref;
        if (ref !== '#/components/schemas/IcebergErrorResponse') wrong.push(`${method} ${path} ${status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('declares every snapshot id as a 64-bit integer', () => {
    const found: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (typeof node !== 'object' || node === null) return;
      for (const [key, value] of Object.entries(node as Json)) {
        if (/snapshot-id$/.test(key) && typeof value === 'object' && value !== null && 'type' in value) {
          found.push(`${path}.${key}:${(value as Json).format}`);
        }
        walk(value, `${path}.${key}`);
      }
    };
    walk(iceberg.components.schemas, 'schemas');
    expect(found.length).toBeGreaterThan(10);
    expect(found.filter((f) => !f.endsWith(':int64'))).toEqual([]);
  });
});
