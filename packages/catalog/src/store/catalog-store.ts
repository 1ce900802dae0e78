import type { Namespace, TableIdentifier } from '../identifiers.ts';

/**
 * The catalog's state port: namespaces, table pointers, the audit log and usage
 * counters. Every read and write happens inside `transact`, whose callback is
 * synchronous so an implementation can run it as one atomic step (a Durable
 * Object's `transactionSync`, a single-threaded map); the requirement check and
 * the pointer swap of a commit therefore cannot interleave with another commit.
 */
export interface CatalogStore {
  /** Runs `fn` atomically: all of its writes land, or (when it throws) none do. */
  transact<T>(fn: (tx: CatalogTransaction) => T): T;
}

/** What a transaction can see and change. */
export interface CatalogTransaction {
  readonly namespaces: NamespaceRows;
  readonly tables: TableRows;
  readonly journal: JournalRows;
}

/** A namespace and its properties. */
export interface NamespaceRecord {
  readonly namespace: Namespace;
  readonly properties: Readonly<Record<string, string>>;
}

/** Namespace rows; lists are ordered by key and paged by an exclusive `after` key. */
export interface NamespaceRows {
  get(ns: Namespace): NamespaceRecord | undefined;
  /** Direct children of `parent` (all top-level namespaces for `[]`). */
  list(parent: Namespace, page: PageRequest): NamespaceRecord[];
  put(record: NamespaceRecord): void;
  delete(ns: Namespace): void;
  /** True when the namespace has tables or child namespaces. */
  hasChildren(ns: Namespace): boolean;
}

/** Where a table's current metadata lives: the pointer a commit swaps. */
export interface TablePointer {
  readonly identifier: TableIdentifier;
  readonly metadataLocation: string;
  /** Epoch milliseconds when this pointer was set. */
  readonly updatedAtMs: number;
}

/** Table pointer rows and their history. */
export interface TableRows {
  get(id: TableIdentifier): TablePointer | undefined;
  list(ns: Namespace, page: PageRequest): TablePointer[];
  /** Sets (creating or replacing) the pointer and appends it to the table's history. */
  put(pointer: TablePointer): void;
  delete(id: TableIdentifier): void;
  /** Moves the pointer and its history to a new identifier. */
  rename(from: TableIdentifier, to: TableIdentifier): void;
  /** Every metadata location this identifier has pointed at, oldest first. */
  history(id: TableIdentifier): TablePointer[];
  /** All current pointers (cost reports walk them). */
  all(): TablePointer[];
}

/**
 * A page of at most `limit` rows after the exclusive key `after`: the
 * namespace key (levels joined by the unit separator) for namespaces, the
 * table name for tables.
 */
export interface PageRequest {
  readonly after?: string;
  readonly limit: number;
}

/** One catalog change: who did what to which target, when, in which request. */
export interface AuditRecord {
  readonly id?: number;
  readonly timeMs: number;
  readonly principal: string;
  readonly action: AuditAction;
  readonly target: string;
  readonly requestId: string;
  readonly detail?: string;
}

/** The catalog changes that are audited. */
export type AuditAction =
  | 'create-namespace'
  | 'update-namespace-properties'
  | 'drop-namespace'
  | 'create-table'
  | 'register-table'
  | 'commit-table'
  | 'drop-table'
  | 'purge-table'
  | 'rename-table';

/** R2 operation classes as priced by Cloudflare (class A: writes and lists, class B: reads). */
export type OperationClass = 'A' | 'B';

/** Operations one service made in one month. */
export interface UsageRow {
  readonly month: string;
  readonly service: string;
  readonly classA: number;
  readonly classB: number;
}

/** The audit log and the R2 operation counters. */
export interface JournalRows {
  append(record: AuditRecord): void;
  /** Newest first, with ids below `beforeId` when given. */
  list(query: { beforeId?: number; limit: number; target?: string }): AuditRecord[];
  addUsage(month: string, service: string, classA: number, classB: number): void;
  usage(month: string): UsageRow[];
}
