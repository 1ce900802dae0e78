import { zGetConfigQuery, zGetConfigResponse } from '@analytics/generated/iceberg-rest-catalog/zod';
import { contentJson } from 'chanfana';
import type { Hono } from 'hono';
import { requirePrivilege } from '../auth/grants.ts';
import { catalogConfig } from '../catalog-config.ts';
import type { CatalogContext } from '../catalog-context.ts';
import { costReport, R2_LIST_PRICES, type R2Prices } from '../costs.ts';
import { CatalogError } from '../errors.ts';
import type { CatalogEnv } from './catalog-app.ts';
import { type DocumentedApp, documented, errorResponses } from './documented.ts';
import { jsonResponse } from './json-body.ts';

/** Options of the ops surface. */
export interface OpsOptions {
  readonly prices?: R2Prices;
}

function positiveInt(raw: string | undefined, name: string, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw new CatalogError('invalid-argument', `Invalid ${name} ${raw}: must be a positive integer`, {});
  return n;
}

/** `GET /v1/config` (documented in the catalog contract). */
export function registerConfigRoute(app: DocumentedApp, ctx: CatalogContext): void {
  documented(
    app,
    'get',
    '/v1/config',
    {
      tags: ['Configuration API'],
      operationId: 'getConfig',
      summary: 'Catalog configuration: defaults, overrides and the served endpoints',
      request: { query: zGetConfigQuery },
      responses: {
        '200': { description: 'Catalog configuration.', ...contentJson(zGetConfigResponse) },
        ...errorResponses('400', '401', '403', '404', '419', '503', '5XX'),
      },
    },
    (c) => jsonResponse(catalogConfig(ctx, c.req.query('warehouse'))),
  );
}

/**
 * The audit log, `GET /v1/audit?limit=&before=&target=` (admin on the
 * warehouse): newest first, paged by `next_before`. Not in the Iceberg
 * contract; proposed for contracts/ops.yaml.
 */
export function registerAuditRoute(app: Hono<CatalogEnv>, ctx: CatalogContext): void {
  app.get('/v1/audit', (c) => {
    requirePrivilege(c.get('caller').principal, 'admin', { namespace: [] });
    const limit = Math.min(positiveInt(c.req.query('limit'), 'limit', 100), 1000);
    const before = c.req.query('before');
    const target = c.req.query('target');
    const records = ctx.store.transact((tx) =>
      tx.journal.list({
        limit,
        ...(before !== undefined ? { beforeId: positiveInt(before, 'before', 1) } : {}),
        ...(target !== undefined ? { target } : {}),
      }),
    );
    const last = records.at(-1);
    return jsonResponse({
      records: records.map((r) => ({
        id: r.id,
        time: new Date(r.timeMs).toISOString(),
        principal: r.principal,
        action: r.action,
        target: r.target,
        request_id: r.requestId,
        ...(r.detail !== undefined ? { detail: r.detail } : {}),
      })),
      ...(records.length === limit && last?.id !== undefined ? { next_before: last.id } : {}),
    });
  });
}

/** `GET /v1/costs` (ops contract; public like the rest of the ops surface). */
export function registerCostRoute(app: Hono<CatalogEnv>, ctx: CatalogContext, ops: OpsOptions): void {
  app.get('/v1/costs', async () => jsonResponse(await costReport(ctx, ops.prices ?? R2_LIST_PRICES)));
}
