/**
 * The port every kind of source implements: read the next rows after a
 * cursor, in cursor order, at most `limit` of them (HTTP sources: whole
 * pages), with the Iceberg type of each column.
 */
import type { IcebergType } from '@analytics/iceberg';
import type { Cursor } from '../cursor.ts';
import type { SourceRow } from '../source-values.ts';

/** A column of a batch and the type the source declares or its values show. */
export interface SourceColumn {
  readonly name: string;
  /** Undefined while every value seen is null and nothing declares a type. */
  readonly type?: IcebergType;
  /** Where the type comes from, for messages (`declared INTEGER`, `values`, `types`). */
  readonly origin: string;
}

/** One batch read from a source. */
export interface SourceBatch {
  readonly columns: readonly SourceColumn[];
  readonly rows: readonly SourceRow[];
  /** The cursor of the batch's last row; undefined when the batch is empty. */
  readonly cursor?: Cursor;
  /** The source had more rows than this batch took. */
  readonly more: boolean;
  /** Things worth telling the operator (rows held back, records skipped). */
  readonly notes: readonly string[];
}

/** A source of rows. */
export interface ImportSource {
  /** Rows whose cursor is greater than `after` (all rows when undefined), at most `limit`. */
  readBatch(after: Cursor | undefined, limit: number): Promise<SourceBatch>;
}
