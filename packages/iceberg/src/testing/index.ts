/** Test helpers other packages run against their own adapters (`@analytics/iceberg/testing`). */
export { objectStoreContract } from './object-store-contract.ts';
