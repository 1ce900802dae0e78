/**
 * The operations Worker: serves contracts/ops.yaml (except `/v1/costs`, which
 * the catalog serves) with hono + chanfana, using the generated zod schemas.
 * Operator actions and the run reports of maintenance and the import pipeline
 * are forwarded to the Worker that does them, after the operator token.
 */
import {
  zComponentHealth,
  zErrorResponse,
  zFlushRequest,
  zFlushResult,
  zGetComponentHealthPath,
  zGetImportsQuery,
  zGetMaintenanceQuery,
  zGetMetricsQuery,
  zHealthReport,
  zImportRequest,
  zImportResult,
  zImportRuns,
  zMaintenanceRequest,
  zMaintenanceResult,
  zMaintenanceRuns,
  zMetricsReport,
} from '@analytics/generated/ops/zod';
import { contentJson, fromHono, OpenAPIRoute } from 'chanfana';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { COMPONENTS, type ProbeEnv, probe, probeAll, worst } from './components.ts';
import { gather, toPrometheus, toReport } from './metrics-report.ts';
import { authorizeOperator, opsError } from './operator.ts';

export interface Env extends ProbeEnv {
  ANALYTICS_OPERATOR_TOKEN?: string;
  VERSION?: string;
}

type AppContext = Context<{ Bindings: Env }>;

const errorContent = (description: string) => ({ description, ...contentJson(zErrorResponse) });

class GetHealth extends OpenAPIRoute {
  override schema = {
    tags: ['health'],
    operationId: 'getHealth',
    summary: "Overall status and every component's status",
    responses: {
      '200': { description: 'Every component is healthy or degraded.', ...contentJson(zHealthReport) },
      '503': { description: 'At least one component is unhealthy.', ...contentJson(zHealthReport) },
    },
  };

  override async handle(c: AppContext) {
    const components = await probeAll(c.env);
    const status = worst(components.map((x) => x.status));
    const body = {
      status,
      checked_at: new Date().toISOString(),
      ...(c.env.VERSION ? { version: c.env.VERSION } : {}),
      components,
    };
    return c.json(body, status === 'unhealthy' ? 503 : 200);
  }
}

class GetComponentHealth extends OpenAPIRoute {
  override schema = {
    tags: ['health'],
    operationId: 'getComponentHealth',
    summary: "One component's status",
    request: { params: zGetComponentHealthPath },
    responses: {
      '200': { description: 'The component is healthy or degraded.', ...contentJson(zComponentHealth) },
      '404': errorContent('No such component.'),
      '503': { description: 'The component is unhealthy.', ...contentJson(zComponentHealth) },
    },
  };

  override async handle(c: AppContext) {
    const name = c.req.param('component');
    const component = COMPONENTS.find((x) => x === name);
    if (!component) {
      return opsError(c, 404, 'not_found', `no component named "${name}"; try ${COMPONENTS.join(', ')}`);
    }
    const health = await probe(c.env, component);
    return c.json(health, health.status === 'unhealthy' ? 503 : 200);
  }
}

class GetMetrics extends OpenAPIRoute {
  override schema = {
    tags: ['metrics'],
    operationId: 'getMetrics',
    summary: 'Performance metrics (Prometheus text or JSON)',
    request: { query: zGetMetricsQuery },
    responses: {
      '200': {
        description: 'Metrics over the last `window_seconds`.',
        content: {
          'text/plain': { schema: z.string() },
          'application/json': { schema: zMetricsReport },
        },
      },
    },
  };

  override async handle(c: AppContext) {
    const format = c.req.query('format');
    const wantsJson =
      format === 'json' ||
      (format !== 'prometheus' && (c.req.header('accept') ?? '').includes('application/json'));
    const internal = (service: string, fetcher: Pick<Fetcher, 'fetch'>) => ({
      service,
      fetch: () =>
        fetcher.fetch(`http://${service}/metrics?format=json`, { headers: { accept: 'application/json' } }),
    });
    const snaps = await gather([
      internal('collector', c.env.COLLECTOR),
      internal('catalog', c.env.CATALOG),
      internal('api', c.env.API),
      internal('maintenance', c.env.MAINTENANCE),
      internal('pipeline', c.env.PIPELINE),
      { service: 'query-engine', fetch: () => fetch(`${c.env.QUERY_ENGINE_URL}/metrics?format=json`) },
    ]);
    const now = new Date();
    if (wantsJson) return c.json(toReport(snaps, now));
    return c.text(toPrometheus(snaps, now), 200, {
      'content-type': 'text/plain; version=0.0.4; charset=utf-8',
    });
  }
}

/** An operator route: the health Worker checks the operator token, then the service behind it answers. */
interface ForwardedRoute {
  readonly operationId: string;
  readonly summary: string;
  /** `POST` carries the JSON body on (`{}` when empty); `GET` carries the query string. */
  readonly method: 'GET' | 'POST';
  /** The request part of the route's OpenAPI schema (chanfana). */
  readonly request: Record<string, unknown>;
  /** Its answers besides 401 and 403, which every operator route has. */
  readonly responses: Record<string, unknown>;
  readonly target: (env: Env) => Fetcher;
  readonly path: string;
}

function forwardedRoute(route: ForwardedRoute) {
  return class extends OpenAPIRoute {
    override schema = {
      tags: ['operator'],
      operationId: route.operationId,
      summary: route.summary,
      security: [{ OperatorToken: [] }],
      request: route.request,
      responses: {
        ...route.responses,
        '401': errorContent('No bearer token.'),
        '403': errorContent('Wrong bearer token.'),
      },
    };

    override async handle(c: AppContext) {
      const denied = authorizeOperator(c, c.env.ANALYTICS_OPERATOR_TOKEN);
      if (denied) return denied;
      const init: RequestInit =
        route.method === 'POST'
          ? {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: (await c.req.text()) || '{}',
            }
          : { headers: { accept: 'application/json' } };
      const search = route.method === 'GET' ? new URL(c.req.url).search : '';
      try {
        return await route.target(c.env).fetch(`http://internal${route.path}${search}`, init);
      } catch (err) {
        return opsError(
          c,
          503,
          'internal',
          `the service behind ${route.path} is unavailable: ${String(err)}`,
        );
      }
    }
  };
}

/** An operator action: `POST <path>` with an optional JSON body, answered by the service that performs it. */
function actionRoute(
  operationId: string,
  summary: string,
  body: z.ZodType,
  result: z.ZodType,
  target: (env: Env) => Fetcher,
  path: string,
  refusals: Record<string, string>,
) {
  return forwardedRoute({
    operationId,
    summary,
    method: 'POST',
    request: { body: { required: false, ...contentJson(body) } },
    responses: {
      '200': { description: 'Done.', ...contentJson(result) },
      ...Object.fromEntries(Object.entries(refusals).map(([status, why]) => [status, errorContent(why)])),
    },
    target,
    path,
  });
}

/**
 * "What is running, what ran": `GET <path>` of the service that runs (it
 * answers in the contract's shape and checks `limit`).
 */
function runsRoute(
  operationId: string,
  summary: string,
  query: z.ZodObject,
  runs: z.ZodType,
  target: (env: Env) => Fetcher,
  path: string,
) {
  return forwardedRoute({
    operationId,
    summary,
    method: 'GET',
    request: { query },
    responses: {
      '200': { description: 'The run in progress, if any, and the recent runs.', ...contentJson(runs) },
      '400': errorContent('`limit` is not an integer from 1 to 100.'),
    },
    target,
    path,
  });
}

const app = new Hono<{ Bindings: Env }>();
const openapi = fromHono(app, {
  docs_url: '/docs',
  openapi_url: '/openapi.json',
  openapiVersion: '3.1',
  schema: {
    info: {
      title: 'Analytics operations API',
      version: '1.0.0',
      description: 'Health, metrics and operator actions.',
    },
  },
});
openapi.registry.registerComponent('securitySchemes', 'OperatorToken', { type: 'http', scheme: 'bearer' });

openapi.get('/health', GetHealth);
openapi.get('/health/:component', GetComponentHealth);
openapi.get('/metrics', GetMetrics);
openapi.post(
  '/ops/flush',
  actionRoute(
    'flushBuffers',
    'Flush the event buffers now',
    zFlushRequest,
    zFlushResult,
    (e) => e.COLLECTOR,
    '/ops/flush',
    { '404': 'No such table.' },
  ),
);
openapi.post(
  '/ops/maintenance',
  actionRoute(
    'runMaintenance',
    'Run table maintenance now',
    zMaintenanceRequest,
    zMaintenanceResult,
    (e) => e.MAINTENANCE,
    '/ops/maintenance',
    { '404': 'No such table.', '409': 'Maintenance is already running.' },
  ),
);
openapi.get(
  '/ops/maintenance',
  runsRoute(
    'getMaintenance',
    'Maintenance in progress and the recent runs',
    zGetMaintenanceQuery,
    zMaintenanceRuns,
    (e) => e.MAINTENANCE,
    '/ops/maintenance',
  ),
);
openapi.get(
  '/ops/imports',
  runsRoute(
    'getImports',
    'The import run in progress and the recent runs',
    zGetImportsQuery,
    zImportRuns,
    (e) => e.PIPELINE,
    '/ops/imports',
  ),
);
openapi.post(
  '/ops/imports',
  actionRoute(
    'runImports',
    'Run the import pipeline now',
    zImportRequest,
    zImportResult,
    (e) => e.PIPELINE,
    '/ops/imports',
    {
      '400': 'The body is not a valid ImportRequest.',
      '404': 'No source of that name is configured.',
      '409': 'An import run is already in progress.',
      '500': 'IMPORT_SOURCES is not a JSON array.',
    },
  ),
);

export default app;
