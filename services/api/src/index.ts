import { MetricsRegistry, toPrometheusText } from '@analytics/metrics';
import { type DocumentNode, execute, type GraphQLSchema, parse, specifiedRules, validate } from 'graphql';
import { apiError } from './api-error.ts';
import { graphqlPreflight, withCors } from './cors.ts';
import { type BufferReader, type EngineFetch, QueryEngineClient } from './query-engine-client.ts';
import { defaultQueryLimits, queryLimitsRule } from './query-limits.ts';
import { type ReadAccessDenied, type ReadKeySettings, ReadKeys } from './read-keys.ts';
import { buildApiSchema } from './schema.ts';

/** Bindings of the API Worker (wrangler.jsonc); read keys and `QUERY_PUBLIC` as in `ReadKeySettings`. */
export interface Env extends ReadKeySettings {
  /** Where the query engine listens (local stack); ignored when `QUERY_ENGINE` is bound. */
  readonly QUERY_ENGINE_URL: string;
  /** The query engine as a service/Container binding (Cloudflare). */
  readonly QUERY_ENGINE?: Fetcher;
  /** The query engine as a Cloudflare Container (wrangler.containers.jsonc); wins over the URL. */
  readonly QUERY_ENGINE_CONTAINER?: DurableObjectNamespace;
  /** The collector's TrustedIngest entrypoint: events still buffered, for `realtime`. */
  readonly COLLECTOR?: BufferReader;
}

let schema: GraphQLSchema | undefined;
const metrics = new MetricsRegistry('api');
const rules = [...specifiedRules, queryLimitsRule(defaultQueryLimits)];

let readKeysCache: { source: string; keys: ReadKeys } | undefined;

/** The read keys, hashed once per isolate and configuration. */
function readKeys(env: Env): ReadKeys {
  const source = `${env.ANALYTICS_QUERY_KEY ?? ''}\u0000${env.QUERY_API_KEYS ?? ''}\u0000${env.QUERY_PUBLIC ?? ''}`;
  if (readKeysCache?.source !== source) readKeysCache = { source, keys: ReadKeys.fromSettings(env) };
  return readKeysCache.keys;
}

/**
 * The analytics API Worker: `POST /graphql` (and `GET /graphql?query=`) runs
 * a GraphQL operation against the contract's schema; every field resolves
 * through the query engine. It needs a read key (`Authorization: Bearer`, or
 * `X-API-Key`) unless `QUERY_PUBLIC` is `true`, and answers CORS preflights.
 * `GET /metrics` shows latency p50/p95/p99 per operation (Prometheus text, or
 * JSON with `?format=json`); it and `/healthz` need no key.
 */
export { QueryEngineContainer } from './query-engine-container.ts';

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === '/metrics' && request.method === 'GET') {
      const snapshot = metrics.snapshot();
      return url.searchParams.get('format') === 'json'
        ? Response.json(snapshot)
        : new Response(toPrometheusText([snapshot]), {
            headers: { 'content-type': 'text/plain; version=0.0.4' },
          });
    }
    if (url.pathname === '/healthz' || url.pathname === '/health') return Response.json({ status: 'ok' });
    if (url.pathname !== '/graphql')
      return Response.json({ errors: [{ message: 'Not found' }] }, { status: 404 });
    if (request.method === 'OPTIONS') return graphqlPreflight();
    const access = readKeys(env).check(request.headers);
    if (!access.allowed) {
      metrics.inc('graphql_requests_total', 'GraphQL operations', {
        outcome: access.status === 403 ? 'forbidden' : access.status === 401 ? 'unauthenticated' : 'error',
      });
      return withCors(deniedResponse(access));
    }
    return withCors(await handleGraphql(request, env));
  },
};

/** A refused request, as a GraphQL error body; a 401 names the scheme to use (RFC 6750). */
function deniedResponse(access: ReadAccessDenied): Response {
  const headers: Record<string, string> =
    access.status === 401 ? { 'www-authenticate': 'Bearer realm="analytics"' } : {};
  return Response.json(
    { errors: [apiError(access.code, access.message).toJSON()] },
    { status: access.status, headers },
  );
}

interface GraphqlRequest {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

async function handleGraphql(request: Request, env: Env): Promise<Response> {
  let body: GraphqlRequest;
  if (request.method === 'GET') {
    const p = new URL(request.url).searchParams;
    const variables = p.get('variables');
    let parsed: unknown;
    try {
      parsed = variables ? JSON.parse(variables) : undefined;
    } catch {
      return errorResponse(400, 'The `variables` query parameter must be a JSON object.');
    }
    body = { query: p.get('query'), variables: parsed, operationName: p.get('operationName') };
  } else if (request.method === 'POST') {
    try {
      body = (await request.json()) as GraphqlRequest;
    } catch {
      return errorResponse(400, 'The request body must be JSON: { "query": "…", "variables": {…} }.');
    }
  } else {
    return errorResponse(405, 'Use POST (or GET with ?query=) for /graphql.');
  }
  if (typeof body.query !== 'string') return errorResponse(400, 'The request must have a string `query`.');
  let document: DocumentNode;
  try {
    document = parse(body.query);
  } catch (e) {
    return Response.json({ errors: [toJson(e)] }, { status: 400 });
  }
  schema ??= buildApiSchema();
  const invalid = validate(schema, document, rules);
  if (invalid.length > 0) return Response.json({ errors: invalid.map((e) => e.toJSON()) }, { status: 400 });
  const operation = typeof body.operationName === 'string' ? body.operationName : undefined;
  const engine = new QueryEngineClient(engineFetch(env), env.QUERY_ENGINE_URL);
  const started = performance.now();
  const result = await execute({
    schema,
    document,
    variableValues: (body.variables ?? undefined) as Record<string, unknown> | undefined,
    operationName: operation,
    contextValue: { engine, buffers: env.COLLECTOR, now: () => Date.now() },
  });
  metrics.observe(
    'analytics_query_latency_ms',
    'GraphQL operation latency, ms',
    performance.now() - started,
    {
      query_type: firstField(document),
    },
  );
  metrics.inc('graphql_requests_total', 'GraphQL operations', { outcome: result.errors ? 'error' : 'ok' });
  return Response.json(result);
}

/** The container (one named instance, so its caches stay warm), a bound service, or plain fetch to the URL. */
function engineFetch(env: Env): EngineFetch {
  const container = env.QUERY_ENGINE_CONTAINER;
  if (container) return (r) => container.get(container.idFromName('query-engine')).fetch(r);
  const bound = env.QUERY_ENGINE;
  if (bound) return (r) => bound.fetch(r);
  return (r) => fetch(r);
}

function firstField(document: DocumentNode): string {
  for (const d of document.definitions) {
    if (d.kind === 'OperationDefinition') {
      const top = d.selectionSet.selections[0];
      const inner = top?.kind === 'Field' ? top.selectionSet?.selections[0] : undefined;
      return inner?.kind === 'Field' ? inner.name.value : top?.kind === 'Field' ? top.name.value : 'unknown';
    }
  }
  return 'unknown';
}

function errorResponse(status: number, message: string): Response {
  return Response.json({ errors: [apiError('BAD_USER_INPUT', message).toJSON()] }, { status });
}

function toJson(e: unknown): unknown {
  return e instanceof Error && 'toJSON' in e ? (e as { toJSON(): unknown }).toJSON() : { message: String(e) };
}
