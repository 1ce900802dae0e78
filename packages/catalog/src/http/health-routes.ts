import { MetricsRegistry } from '@analytics/metrics';
import type { Hono } from 'hono';
import type { CatalogContext } from '../catalog-context.ts';
import type { CatalogEnv } from './catalog-app.ts';

/**
 * The catalog's own health and metrics, by the services' convention
 * (docs/architecture.md): `GET /healthz` (200 + counts when its storage
 * answers) and `GET /metrics?format=json` (a `MetricsSnapshot`) for the health
 * Worker, which probes them over a service binding. Not part of the Iceberg
 * contract and outside `/v1`, so they need no token.
 */
export function registerHealthRoutes(
  app: Hono<CatalogEnv>,
  ctx: CatalogContext,
  metrics: MetricsRegistry,
): void {
  app.use('/v1/*', async (c, next) => {
    const started = ctx.nowMs();
    await next();
    const status = c.res.status;
    const operation = `${c.req.method} ${c.req.routePath}`;
    metrics.inc('analytics_catalog_requests_total', 'Catalog REST requests by route and status', {
      operation,
      status: String(status),
    });
    metrics.observe(
      'analytics_catalog_request_latency_ms',
      'Catalog REST request latency',
      ctx.nowMs() - started,
      {
        operation,
      },
    );
    if (c.req.method === 'POST' && /\/tables\/[^/]+$|\/transactions\/commit$/.test(c.req.path)) {
      const outcome = status < 300 ? 'committed' : status === 409 ? 'conflict' : 'failed';
      metrics.inc('analytics_catalog_commits_total', 'Table commits by outcome', { outcome });
    }
  });

  app.get('/healthz', (c) => {
    const counts = ctx.store.transact((tx) => ({
      tables: tx.tables.all().length,
      top_level_namespaces: tx.namespaces.list([], { limit: 1000 }).length,
    }));
    return c.json({ warehouse: ctx.warehouse.name, ...counts });
  });

  app.get('/metrics', (c) => c.json(metrics.snapshot()));
}

/** A fresh metrics registry for the catalog service. */
export function catalogMetrics(): MetricsRegistry {
  return new MetricsRegistry('catalog');
}
