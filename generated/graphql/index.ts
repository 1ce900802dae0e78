// Generated from contracts/analytics.graphql by `npm run codegen`. Do not edit: change the contract and regenerate.

export * from './operations.ts';
export type * as ResolverTypes from './resolvers.ts';
export { typeDefs } from './schema.ts';
