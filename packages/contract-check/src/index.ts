export { compareGraphqlSchemas, type ServedGraphqlSchema } from './compare-graphql.ts';
export { type CompareOpenApiOptions, compareOpenApi } from './compare-openapi.ts';
export { compareSchemas } from './compare-schemas.ts';
export { type ContractDifference, type DifferenceKind, difference, formatDifferences } from './difference.ts';
export { type NormalSchema, normaliseSchema } from './normal-schema.ts';
export { deref, type OpenApiDocument, parseOpenApiDocument, resolvePointer } from './openapi-document.ts';
