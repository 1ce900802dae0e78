/**
 * Which service answers which path at the single origin. Order matters: the
 * first matching prefix wins.
 */
export type ServiceBinding = 'COLLECTOR' | 'CATALOG' | 'API' | 'HEALTH' | 'MAINTENANCE';

export interface Route {
  readonly prefix: string;
  readonly service: ServiceBinding;
  /** Exact match only (no sub-paths). */
  readonly exact?: boolean;
}

export const ROUTES: readonly Route[] = [
  { prefix: '/events', service: 'COLLECTOR' },
  { prefix: '/v1/', service: 'CATALOG' },
  { prefix: '/graphql', service: 'API', exact: true },
  { prefix: '/health', service: 'HEALTH' },
  { prefix: '/metrics', service: 'HEALTH', exact: true },
  { prefix: '/ops/', service: 'HEALTH' },
];

/** The service for a path, or undefined when the router itself (or nobody) answers it. */
export function routeFor(pathname: string): ServiceBinding | undefined {
  for (const r of ROUTES) {
    if (
      r.exact
        ? pathname === r.prefix
        : pathname === r.prefix || pathname.startsWith(r.prefix.endsWith('/') ? r.prefix : `${r.prefix}/`)
    ) {
      return r.service;
    }
  }
  return undefined;
}

/** The services whose OpenAPI documents the merged `/openapi.json` combines, with their tag. */
export const DOCUMENTED: readonly { readonly service: ServiceBinding; readonly tag: string }[] = [
  { service: 'COLLECTOR', tag: 'Ingest' },
  { service: 'CATALOG', tag: 'Iceberg REST catalog' },
  { service: 'HEALTH', tag: 'Operations' },
];
