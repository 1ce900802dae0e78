/**
 * Health probes for each component of the pipeline (contracts/ops.yaml
 * `ComponentHealth`). Every Worker service answers `GET /healthz` (200 + JSON
 * details when healthy); storage is probed with a cheap R2 head; the query
 * engine over HTTP. A probe never throws: a failure is an `unhealthy` status
 * whose message names what failed.
 */
import type { ComponentHealth, ComponentName, HealthStatus } from '@analytics/generated/ops/types';

export const COMPONENTS: readonly ComponentName[] = [
  'collector',
  'catalog',
  'api',
  'storage',
  'query-engine',
  'maintenance',
  'pipeline',
];

export interface ProbeEnv {
  COLLECTOR: Fetcher;
  CATALOG: Fetcher;
  API: Fetcher;
  MAINTENANCE: Fetcher;
  PIPELINE: Fetcher;
  SOURCE: R2Bucket;
  QUERY_ENGINE_URL: string;
  HEALTH_TIMEOUT_MS: string;
}

/** A component answering slower than this share of the timeout is `degraded`. */
const DEGRADED_SHARE = 0.5;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function httpProbe(fetcher: Pick<Fetcher, 'fetch'>, url: string): Promise<Record<string, unknown>> {
  const res = await fetcher.fetch(url);
  const text = await res.text();
  if (!res.ok)
    throw new Error(
      `GET ${new URL(url).pathname} answered ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}`,
    );
  try {
    const body: unknown = JSON.parse(text);
    return body && typeof body === 'object' && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : { body };
  } catch {
    return { body: text.slice(0, 200) };
  }
}

function run(env: ProbeEnv, name: ComponentName): Promise<Record<string, unknown>> {
  switch (name) {
    case 'collector':
      return httpProbe(env.COLLECTOR, 'http://collector/healthz');
    case 'catalog':
      return httpProbe(env.CATALOG, 'http://catalog/healthz');
    case 'api':
      return httpProbe(env.API, 'http://api/healthz');
    case 'maintenance':
      return httpProbe(env.MAINTENANCE, 'http://maintenance/healthz');
    case 'pipeline':
      return httpProbe(env.PIPELINE, 'http://pipeline/healthz');
    case 'storage':
      return env.SOURCE.head('.health').then(() => ({ bucket: 'analytics-source' }));
    case 'query-engine':
      return httpProbe(
        { fetch: (u: string) => fetch(u) } as Pick<Fetcher, 'fetch'>,
        `${env.QUERY_ENGINE_URL}/healthz`,
      );
  }
}

/** Probes one component. */
export async function probe(
  env: ProbeEnv,
  name: ComponentName,
  now: () => Date = () => new Date(),
): Promise<ComponentHealth> {
  const started = now().getTime();
  const timeoutMs = Number(env.HEALTH_TIMEOUT_MS) || 2000;
  let status: HealthStatus = 'healthy';
  let message: string | undefined;
  let details: Record<string, unknown> | undefined;
  try {
    details = await withTimeout(run(env, name), timeoutMs, name);
  } catch (err) {
    status = 'unhealthy';
    message = err instanceof Error ? err.message : String(err);
  }
  const latency = now().getTime() - started;
  if (status === 'healthy' && latency > timeoutMs * DEGRADED_SHARE) {
    status = 'degraded';
    message = `${name} answered in ${latency} ms (degraded above ${timeoutMs * DEGRADED_SHARE} ms)`;
  }
  return {
    name,
    status,
    checked_at: now().toISOString(),
    latency_ms: latency,
    ...(message ? { message } : {}),
    ...(details ? { details } : {}),
  };
}

/** The worst of several statuses. */
export function worst(statuses: readonly HealthStatus[]): HealthStatus {
  if (statuses.includes('unhealthy')) return 'unhealthy';
  if (statuses.includes('degraded')) return 'degraded';
  return 'healthy';
}

/** Probes every component concurrently, in the contract's order. */
export function probeAll(env: ProbeEnv): Promise<ComponentHealth[]> {
  return Promise.all(COMPONENTS.map((c) => probe(env, c)));
}
