/**
 * @analytics/iceberg: a runtime-agnostic Apache Iceberg v2 table engine.
 * Web-standard APIs only; Node-only adapters live in `@analytics/iceberg/node`.
 */

export * from './avro/avro-binary.ts';
export * from './avro/avro-container.ts';
export * from './avro/avro-schema.ts';
export * from './commit/apply-commit.ts';
export * from './commit/create-table-updates.ts';
export * from './commit/table-requirement.ts';
export * from './commit/table-update.ts';
export * from './errors.ts';
export * from './io/locations.ts';
export * from './io/memory-store.ts';
export * from './io/r2-store.ts';
export * from './io/storage.ts';
export * from './json/json-reader.ts';
export * from './json/lossless-json.ts';
export * from './manifest/manifest.ts';
export * from './manifest/manifest-file.ts';
export * from './manifest/manifest-list.ts';
export * from './manifest/manifest-schemas.ts';
export * from './manifest/partition-values.ts';
export * from './spec/data-file.ts';
export * from './spec/fresh-ids.ts';
export * from './spec/name-mapping.ts';
export * from './spec/partition-evolution.ts';
export * from './spec/partition-spec.ts';
export * from './spec/schema-evolution.ts';
export * from './spec/schema-json.ts';
export * from './spec/schema-util.ts';
export * from './spec/snapshot.ts';
export * from './spec/sort-order.ts';
export * from './spec/statistics.ts';
export * from './spec/table-metadata.ts';
export * from './spec/table-metadata-json.ts';
export * from './spec/types.ts';
export * from './transforms/murmur3.ts';
export * from './transforms/partition-path.ts';
export * from './transforms/transform.ts';
export * from './catalog/catalog.ts';
export * from './catalog/rest-catalog.ts';
