export * from '@analytics/generated/graphql/operations.ts';
export { AnalyticsClient, type AnalyticsClientOptions } from './analytics-client.ts';
export { AnalyticsError, type AnalyticsErrorKind, type GraphqlErrorEntry } from './analytics-error.ts';
export * from './documents.ts';
