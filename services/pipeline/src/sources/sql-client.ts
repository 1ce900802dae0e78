/**
 * The port the SQLite sources (D1, libSQL) share: run statements, get rows
 * of source values. Two members, so the in-memory and the two real clients
 * stay interchangeable.
 */
import type { SourceValue } from '../source-values.ts';

/** A statement and its positional (`?`) arguments. */
export interface SqlStatement {
  readonly sql: string;
  readonly args?: readonly (bigint | number | string | null)[];
}

/** The rows one statement returned. */
export interface SqlRows {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly SourceValue[])[];
}

/** A SQLite database reached some way. */
export interface SqlClient {
  /** Where it is, for messages (never includes a token). */
  readonly description: string;
  /** Runs the statements in order and returns each one's rows; throws `ImportError('source')`. */
  execute(statements: readonly SqlStatement[]): Promise<SqlRows[]>;
}
