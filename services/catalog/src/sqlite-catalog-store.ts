import {
  type AuditRecord,
  type CatalogStore,
  type CatalogTransaction,
  type Namespace,
  type NamespaceRecord,
  namespaceKey,
  type TableIdentifier,
  type TablePointer,
} from '@analytics/catalog';

const SEP = '\u001f';

/** Schema of the catalog's SQLite storage; statements are idempotent. */
const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS namespaces (
     key TEXT PRIMARY KEY, parent TEXT NOT NULL, levels TEXT NOT NULL, properties TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS tables (
     namespace TEXT NOT NULL, name TEXT NOT NULL, metadata_location TEXT NOT NULL, updated_at_ms INTEGER NOT NULL,
     PRIMARY KEY (namespace, name))`,
  `CREATE TABLE IF NOT EXISTS table_history (
     seq INTEGER PRIMARY KEY AUTOINCREMENT, namespace TEXT NOT NULL, name TEXT NOT NULL,
     metadata_location TEXT NOT NULL, updated_at_ms INTEGER NOT NULL)`,
  'CREATE INDEX IF NOT EXISTS table_history_by_table ON table_history (namespace, name, seq)',
  `CREATE TABLE IF NOT EXISTS audit (
     id INTEGER PRIMARY KEY AUTOINCREMENT, time_ms INTEGER NOT NULL, principal TEXT NOT NULL, action TEXT NOT NULL,
     target TEXT NOT NULL, request_id TEXT NOT NULL, detail TEXT)`,
  'CREATE INDEX IF NOT EXISTS audit_by_target ON audit (target, id)',
  `CREATE TABLE IF NOT EXISTS usage (
     month TEXT NOT NULL, service TEXT NOT NULL, class_a INTEGER NOT NULL, class_b INTEGER NOT NULL,
     PRIMARY KEY (month, service))`,
];

type Row = Record<string, SqlStorageValue>;

function parentKey(ns: Namespace): string {
  return ns.slice(0, -1).join(SEP);
}

function namespaceRow(r: Row): NamespaceRecord {
  return { namespace: JSON.parse(String(r.levels)), properties: JSON.parse(String(r.properties)) };
}

function pointerRow(r: Row): TablePointer {
  return {
    identifier: { namespace: String(r.namespace).split(SEP), name: String(r.name) },
    metadataLocation: String(r.metadata_location),
    updatedAtMs: Number(r.updated_at_ms),
  };
}

/**
 * The catalog store on a Durable Object's SQLite storage. `transact` runs in
 * `transactionSync`, so a commit's check-and-swap is atomic and rolled back
 * entirely when the callback throws.
 */
export class SqliteCatalogStore implements CatalogStore {
  readonly #sql: SqlStorage;
  constructor(private readonly storage: DurableObjectStorage) {
    this.#sql = storage.sql;
    for (const statement of SCHEMA) this.#sql.exec(statement);
  }

  transact<T>(fn: (tx: CatalogTransaction) => T): T {
    return this.storage.transactionSync(() => fn(this.#transaction()));
  }

  #rows(query: string, ...params: SqlStorageValue[]): Row[] {
    return this.#sql.exec<Row>(query, ...params).toArray();
  }

  #transaction(): CatalogTransaction {
    const rows = this.#rows.bind(this);
    const sql = this.#sql;
    const tableKey = (id: TableIdentifier) => [namespaceKey(id.namespace), id.name] as const;
    return {
      namespaces: {
        get: (ns) => rows('SELECT * FROM namespaces WHERE key = ?', namespaceKey(ns)).map(namespaceRow)[0],
        list: (parent, page) =>
          rows(
            'SELECT * FROM namespaces WHERE parent = ? AND key > ? ORDER BY key LIMIT ?',
            namespaceKey(parent),
            page.after ?? '',
            page.limit,
          ).map(namespaceRow),
        put: (record) => {
          sql.exec(
            'INSERT OR REPLACE INTO namespaces (key, parent, levels, properties) VALUES (?, ?, ?, ?)',
            namespaceKey(record.namespace),
            parentKey(record.namespace),
            JSON.stringify(record.namespace),
            JSON.stringify(record.properties),
          );
        },
        delete: (ns) => {
          sql.exec('DELETE FROM namespaces WHERE key = ?', namespaceKey(ns));
        },
        hasChildren: (ns) =>
          rows('SELECT 1 FROM namespaces WHERE parent = ? LIMIT 1', namespaceKey(ns)).length > 0 ||
          rows('SELECT 1 FROM tables WHERE namespace = ? LIMIT 1', namespaceKey(ns)).length > 0,
      },
      tables: {
        get: (id) =>
          rows('SELECT * FROM tables WHERE namespace = ? AND name = ?', ...tableKey(id)).map(pointerRow)[0],
        list: (ns, page) =>
          rows(
            'SELECT * FROM tables WHERE namespace = ? AND name > ? ORDER BY name LIMIT ?',
            namespaceKey(ns),
            page.after ?? '',
            page.limit,
          ).map(pointerRow),
        put: (p) => {
          const [ns, name] = tableKey(p.identifier);
          sql.exec(
            'INSERT OR REPLACE INTO tables (namespace, name, metadata_location, updated_at_ms) VALUES (?, ?, ?, ?)',
            ns,
            name,
            p.metadataLocation,
            p.updatedAtMs,
          );
          sql.exec(
            'INSERT INTO table_history (namespace, name, metadata_location, updated_at_ms) VALUES (?, ?, ?, ?)',
            ns,
            name,
            p.metadataLocation,
            p.updatedAtMs,
          );
        },
        delete: (id) => {
          sql.exec('DELETE FROM tables WHERE namespace = ? AND name = ?', ...tableKey(id));
          sql.exec('DELETE FROM table_history WHERE namespace = ? AND name = ?', ...tableKey(id));
        },
        rename: (from, to) => {
          sql.exec(
            'UPDATE tables SET namespace = ?, name = ? WHERE namespace = ? AND name = ?',
            ...tableKey(to),
            ...tableKey(from),
          );
          sql.exec(
            'UPDATE table_history SET namespace = ?, name = ? WHERE namespace = ? AND name = ?',
            ...tableKey(to),
            ...tableKey(from),
          );
        },
        history: (id) =>
          rows(
            'SELECT * FROM table_history WHERE namespace = ? AND name = ? ORDER BY seq',
            ...tableKey(id),
          ).map(pointerRow),
        all: () => rows('SELECT * FROM tables ORDER BY namespace, name').map(pointerRow),
      },
      journal: {
        append: (r: AuditRecord) => {
          sql.exec(
            'INSERT INTO audit (time_ms, principal, action, target, request_id, detail) VALUES (?, ?, ?, ?, ?, ?)',
            r.timeMs,
            r.principal,
            r.action,
            r.target,
            r.requestId,
            r.detail ?? null,
          );
        },
        list: ({ beforeId, limit, target }) =>
          rows(
            `SELECT * FROM audit WHERE id < ? ${target !== undefined ? 'AND target = ?' : ''} ORDER BY id DESC LIMIT ?`,
            ...[beforeId ?? Number.MAX_SAFE_INTEGER, ...(target !== undefined ? [target] : []), limit],
          ).map((r) => ({
            id: Number(r.id),
            timeMs: Number(r.time_ms),
            principal: String(r.principal),
            action: String(r.action) as AuditRecord['action'],
            target: String(r.target),
            requestId: String(r.request_id),
            ...(r.detail !== null ? { detail: String(r.detail) } : {}),
          })),
        addUsage: (month, service, classA, classB) => {
          sql.exec(
            `INSERT INTO usage (month, service, class_a, class_b) VALUES (?, ?, ?, ?)
             ON CONFLICT (month, service) DO UPDATE SET class_a = class_a + excluded.class_a, class_b = class_b + excluded.class_b`,
            month,
            service,
            classA,
            classB,
          );
        },
        usage: (month) =>
          rows('SELECT * FROM usage WHERE month = ?', month).map((r) => ({
            month: String(r.month),
            service: String(r.service),
            classA: Number(r.class_a),
            classB: Number(r.class_b),
          })),
      },
    };
  }
}
