/**
 * The catalog port the table operations commit through. The in-process
 * `StoreCatalog` implements it over an ObjectStore; the REST catalog client
 * implements it over HTTP. Errors: `not-found`, `already-exists`,
 * `commit-failed` (refresh and retry) and `commit-state-unknown` (never clean up).
 */
import type { TableRequirement } from '../commit/table-requirement.ts';
import type { TableUpdate } from '../commit/table-update.ts';
import type { TableMetadata } from '../spec/table-metadata.ts';

/** A table name within a (possibly nested) namespace. */
export interface TableIdentifier {
  readonly namespace: readonly string[];
  readonly name: string;
}

/** The current metadata of a table and the file it was read from. */
export interface LoadedTable {
  readonly metadataLocation: string;
  readonly metadata: TableMetadata;
}

/** Load and commit tables: all the table operations need from a catalog. */
export interface Catalog {
  /** The latest metadata; `not-found` when the table does not exist. */
  loadTable(id: TableIdentifier): Promise<LoadedTable>;
  /** Applies a commit atomically against the latest metadata (REST `CommitTableRequest`). */
  commitTable(
    id: TableIdentifier,
    requirements: readonly TableRequirement[],
    updates: readonly TableUpdate[],
  ): Promise<LoadedTable>;
  /** Creates a table from the updates of `createTableUpdates`; `already-exists` when taken. */
  createTable(id: TableIdentifier, updates: readonly TableUpdate[]): Promise<LoadedTable>;
}

/** `ns1.ns2.table`, for messages. */
export function formatIdentifier(id: TableIdentifier): string {
  return [...id.namespace, id.name].join('.');
}
