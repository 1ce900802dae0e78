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

/** Forwards an operator action to the service that performs it, after checking the operator token. */
function operatorRoute(
  operationId: string,
  summary: string,
  request: z.ZodType,
  response: z.ZodType,
  target: (env: Env) => Fetcher,
  path: string,
) {
  return class extends OpenAPIRoute {
    override schema = {
      tags: ['operator'],
      operationId,
      summary,
      security: [{ OperatorToken: [] }],
      request: { body: { required: false, ...contentJson(request) } },
      responses: {
        '200': { description: 'Done.', ...contentJson(response) },
        '401': errorContent('No bearer token.'),
        '403': errorContent('Wrong bearer token.'),
        '404': errorContent('No such table.'),
        ...(operationId === 'runMaintenance' || operationId === 'runImports'
          ? { '409': errorContent('A run is already in progress.') }
          : {}),
        ...(operationId === 'runImports'
          ? {
              '400': errorContent('The body is not a valid ImportRequest.'),
              '500': errorContent('IMPORT_SOURCES is not a JSON array.'),
            }
          : {}),
      },
    };

    override async handle(c: AppContext) {
      const denied = authorizeOperator(c, c.env.ANALYTICS_OPERATOR_TOKEN);
      if (denied) return denied;
      const body = await c.req.text();
      try {
        return await target(c.env).fetch(`http://internal${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: body || '{}',
        });
      } catch (err) {
        return opsError(c, 503, 'internal', `the service behind ${path} is unavailable: ${String(err)}`);
      }
    }
  };
}

/**
 * Forwards the question "what is running, what ran" to the service that runs
 * (its `GET <path>`, which answers in the contract's shape and checks
 * `limit`), after checking the operator token.
 */
function runsRoute(
  operationId: string,
  summary: string,
  query: z.ZodObject,
  response: z.ZodType,
  target: (env: Env) => Fetcher,
  path: string,
) {
  return class extends OpenAPIRoute {
    override schema = {
      tags: ['operator'],
      operationId,
      summary,
      security: [{ OperatorToken: [] }],
      request: { query },
      responses: {
        '200': { description: 'The run in progress, if any, and the recent runs.', ...contentJson(response) },
        '400': errorContent('`limit` is not an integer from 1 to 100.'),
        '401': errorContent('No bearer token.'),
        '403': errorContent('Wrong bearer token.'),
      },
    };

    override async handle(c: AppContext) {
      const denied = authorizeOperator(c, c.env.ANALYTICS_OPERATOR_TOKEN);
      if (denied) return denied;
      try {
        return await target(c.env).fetch(`http://internal${path}${new URL(c.req.url).search}`, {
          headers: { accept: 'application/json' },
        });
      } catch (err) {
        return opsError(c, 503, 'internal', `the service behind ${path} is unavailable: ${String(err)}`);
      }
    }
  };
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
  operatorRoute(
    'flushBuffers',
    'Flush the event buffers now',
    zFlushRequest,
    zFlushResult,
    (e) => e.COLLECTOR,
    '/ops/flush',
  ),
);
openapi.post(
  '/ops/maintenance',
  operatorRoute(
    'runMaintenance',
    'Run table maintenance now',
    zMaintenanceRequest,
    zMaintenanceResult,
    (e) => e.MAINTENANCE,
    '/ops/maintenance',
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
  operatorRoute(
    'runImports',
    'Run the import pipeline now',
    zImportRequest,
    zImportResult,
    (e) => e.PIPELINE,
    '/ops/imports',
  ),
);

export default app;
