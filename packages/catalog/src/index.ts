/**
 * @analytics/catalog: the Iceberg REST catalog core — HTTP app, operations,
 * authentication and permissions, and the store port with its in-memory
 * implementation. Runtime-agnostic; `services/catalog` hosts it in a Durable Object.
 */
export * from './auth/authenticate.ts';
export * from './auth/credentials-config.ts';
export * from './auth/grants.ts';
export * from './auth/signed-token.ts';
export * from './catalog-config.ts';
export * from './catalog-context.ts';
export * from './commit-operations.ts';
export * from './costs.ts';
export * from './errors.ts';
export * from './http/catalog-app.ts';
export * from './identifiers.ts';
export * from './metadata-files.ts';
export * from './namespace-operations.ts';
export * from './object-locations.ts';
export * from './storage-access.ts';
export * from './store/catalog-store.ts';
export * from './store/memory-store.ts';
export * from './table-operations.ts';
