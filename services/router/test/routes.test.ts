import { describe, expect, it } from 'vitest';
import { routeFor } from '../src/routes.ts';

describe('routeFor', () => {
  it.each([
    ['/events', 'COLLECTOR'],
    ['/v1/config', 'CATALOG'],
    ['/v1/namespaces/default/tables', 'CATALOG'],
    ['/v1/costs', 'CATALOG'],
    ['/graphql', 'API'],
    ['/health', 'HEALTH'],
    ['/health/catalog', 'HEALTH'],
    ['/metrics', 'HEALTH'],
    ['/ops/flush', 'HEALTH'],
  ])('sends %s to %s', (path, service) => {
    expect(routeFor(path)).toBe(service);
  });

  it.each(['/', '/docs', '/eventsx', '/graphqlx', '/metrics/x', '/v1'])('keeps %s for the router', (path) => {
    expect(routeFor(path)).toBeUndefined();
  });
});
