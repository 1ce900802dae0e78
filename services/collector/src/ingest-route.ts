import {
  ApiKeyRing,
  CONTRACT_SCHEMAS,
  type EventTableName,
  type IngestResult,
  ingest,
  type PreparedEvent,
} from '@analytics/events';
import {
  zCloudEvent,
  zCloudEventBatch,
  zErrorResponse,
  zIngestRejected,
  zIngestResult,
  zJsonIngestBody,
  zPostEventsHeaders,
} from '@analytics/generated/ingest/zod';
import { contentJson, OpenAPIRoute } from 'chanfana';
import type { Context } from 'hono';
import { z } from 'zod';
import { writeDataPoints } from './analytics-engine.ts';
import { BufferSink } from './buffer-sink.ts';
import { collectorMetrics } from './collector-metrics.ts';
import { columnCatalog } from './column-catalog.ts';
import type { Env } from './env.ts';
import { collectorSettings } from './settings.ts';

/** Hono context of the collector apps; `trusted` is set for the service-binding entrypoint. */
export type CollectorContext = Context<{ Bindings: Env; Variables: { trusted: boolean } }>;

const errorResponse = (description: string) => ({ description, ...contentJson(zErrorResponse) });

let keyCache: { source: string; ring: Promise<ApiKeyRing> } | undefined;

/** The key ring, hashed once per isolate and configuration. */
function keyRing(env: Env): Promise<ApiKeyRing> {
  const source = `${env.ANALYTICS_API_KEY ?? ''}\u0000${env.COLLECTOR_API_KEYS ?? ''}\u0000${env.ANONYMOUS_PROJECTS ?? ''}`;
  if (keyCache?.source !== source) keyCache = { source, ring: ApiKeyRing.fromSettings(env) };
  return keyCache.ring;
}

/** The OpenAPI description of `POST /events` chanfana serves (checked against the contract). */
const INGEST_SCHEMA = {
  tags: ['ingest'],
  summary: 'Send one event or a batch of events',
  operationId: 'postEvents',
  request: {
    headers: zPostEventsHeaders,
    body: {
      required: true,
      content: {
        'application/json': { schema: zJsonIngestBody },
        'application/cloudevents+json': { schema: zCloudEvent },
        'application/cloudevents-batch+json': { schema: zCloudEventBatch },
        'application/octet-stream': { schema: z.string().meta({ format: 'binary' }) },
        'text/plain': { schema: z.string() },
      },
    },
  },
  responses: {
    '202': { description: 'Every valid event is stored.', ...contentJson(zIngestResult) },
    '400': errorResponse('The body is not valid JSON, or its outer shape is none of the accepted ones.'),
    '401': errorResponse('No X-API-Key header on a request that needs one.'),
    '403': errorResponse('The X-API-Key does not match.'),
    '413': errorResponse('The body, the number of events or one event exceeds the limits.'),
    '415': errorResponse('The Content-Type is not one of the accepted ones.'),
    '422': { description: 'Every event in the request is invalid.', ...contentJson(zIngestRejected) },
  },
};

/**
 * `POST /events` of contracts/ingest.yaml. The schema below is what chanfana
 * serves at /openapi.json (checked against the contract by a test); the body
 * is parsed by `@analytics/events`, not by chanfana, because its shape depends
 * on the content type and on ce-* headers.
 */
export class IngestRoute extends OpenAPIRoute {
  // chanfana builds a route instance per request: the schema is built once, here.
  override schema = INGEST_SCHEMA;

  override handle(c: CollectorContext): Promise<Response> {
    return handleIngest(c.req.raw, c.env, c.get('trusted') === true);
  }
}

/**
 * `POST /events`: what the route does, callable without the router (the
 * collector's entrypoints send this one hot path here directly).
 */
export async function handleIngest(request: Request, env: Env, trusted: boolean): Promise<Response> {
  const settings = collectorSettings(env);
  const started = performance.now();
  const { answer, batch } = await ingest(request, {
    schemas: CONTRACT_SCHEMAS,
    limits: settings.limits,
    keys: trusted ? undefined : await keyRing(env),
    botPolicy: settings.botPolicy,
    now: () => Date.now(),
    newEventId: () => crypto.randomUUID(),
    sink: new BufferSink(env.BUFFER, settings.shards),
    columns: columnCatalog(env, settings.maxOpenColumns),
  });
  if (batch !== undefined && answer.status === 202) {
    const result = answer.body as IngestResult;
    const stored = new Set(result.events.filter((e) => e.status === 'accepted').map((e) => e.index));
    const events: PreparedEvent[] = batch.prepared.filter((e) => stored.has(e.index));
    writeDataPoints(env.ANALYTICS_ENGINE, events);
    const accepted = new Map<EventTableName, number>();
    for (const e of events) accepted.set(e.table, (accepted.get(e.table) ?? 0) + 1);
    collectorMetrics.recordIngest({
      accepted,
      rejected: result.rejected,
      duplicates: result.duplicates,
      latencyMs: performance.now() - started,
      nowMs: Date.now(),
    });
  }
  return Response.json(answer.body, { status: answer.status });
}
