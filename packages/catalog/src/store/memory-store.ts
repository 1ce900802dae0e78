import { type Namespace, namespaceKey, type TableIdentifier } from '../identifiers.ts';
import type {
  AuditRecord,
  CatalogStore,
  CatalogTransaction,
  NamespaceRecord,
  PageRequest,
  TablePointer,
  UsageRow,
} from './catalog-store.ts';

interface MemoryState {
  namespaces: Map<string, NamespaceRecord>;
  tables: Map<string, TablePointer>;
  history: Map<string, TablePointer[]>;
  audit: AuditRecord[];
  usage: Map<string, UsageRow>;
}

/** The key of a table: namespace key, separator, name (so tables sort by namespace first). */
export function tableKey(id: TableIdentifier): string {
  return `${namespaceKey(id.namespace)}\u0000${id.name}`;
}

function page<T>(rows: [string, T][], req: PageRequest): T[] {
  return rows
    .filter(([k]) => req.after === undefined || k > req.after)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, req.limit)
    .map(([, v]) => v);
}

function isChild(parent: Namespace, ns: Namespace): boolean {
  return ns.length === parent.length + 1 && parent.every((level, i) => ns[i] === level);
}

/**
 * The in-memory catalog store: tests and Node tools use it. A transaction works
 * on a copy of the state and publishes it only when the callback returns.
 */
export class MemoryCatalogStore implements CatalogStore {
  #state: MemoryState = {
    namespaces: new Map(),
    tables: new Map(),
    history: new Map(),
    audit: [],
    usage: new Map(),
  };

  transact<T>(fn: (tx: CatalogTransaction) => T): T {
    const s: MemoryState = {
      namespaces: new Map(this.#state.namespaces),
      tables: new Map(this.#state.tables),
      history: new Map([...this.#state.history].map(([k, v]) => [k, [...v]])),
      audit: [...this.#state.audit],
      usage: new Map(this.#state.usage),
    };
    const result = fn(memoryTransaction(s));
    this.#state = s;
    return result;
  }
}

function memoryTransaction(s: MemoryState): CatalogTransaction {
  return {
    namespaces: {
      get: (ns) => s.namespaces.get(namespaceKey(ns)),
      list: (parent, req) =>
        page(
          [...s.namespaces].filter(([, r]) => isChild(parent, r.namespace)),
          req,
        ),
      put: (record) => {
        s.namespaces.set(namespaceKey(record.namespace), record);
      },
      delete: (ns) => {
        s.namespaces.delete(namespaceKey(ns));
      },
      hasChildren: (ns) =>
        [...s.namespaces.values()].some((r) => isChild(ns, r.namespace)) ||
        [...s.tables.values()].some((t) => namespaceKey(t.identifier.namespace) === namespaceKey(ns)),
    },
    tables: {
      get: (id) => s.tables.get(tableKey(id)),
      list: (ns, req) =>
        page(
          [...s.tables.values()]
            .filter((t) => namespaceKey(t.identifier.namespace) === namespaceKey(ns))
            .map((t): [string, TablePointer] => [t.identifier.name, t]),
          req,
        ),
      put: (pointer) => {
        const key = tableKey(pointer.identifier);
        s.tables.set(key, pointer);
        s.history.set(key, [...(s.history.get(key) ?? []), pointer]);
      },
      delete: (id) => {
        s.tables.delete(tableKey(id));
        s.history.delete(tableKey(id));
      },
      rename: (from, to) => {
        const pointer = s.tables.get(tableKey(from));
        if (!pointer) return;
        const moved = (p: TablePointer): TablePointer => ({ ...p, identifier: to });
        s.tables.delete(tableKey(from));
        s.tables.set(tableKey(to), moved(pointer));
        s.history.set(tableKey(to), (s.history.get(tableKey(from)) ?? []).map(moved));
        s.history.delete(tableKey(from));
      },
      history: (id) => [...(s.history.get(tableKey(id)) ?? [])],
      all: () => [...s.tables.values()],
    },
    journal: {
      append: (record) => {
        s.audit.push({ ...record, id: s.audit.length + 1 });
      },
      list: ({ beforeId, limit, target }) =>
        s.audit
          .filter(
            (r) =>
              (beforeId === undefined || (r.id ?? 0) < beforeId) &&
              (target === undefined || r.target === target),
          )
          .reverse()
          .slice(0, limit),
      addUsage: (month, service, classA, classB) => {
        const key = `${month}\u0000${service}`;
        const row = s.usage.get(key) ?? { month, service, classA: 0, classB: 0 };
        s.usage.set(key, { ...row, classA: row.classA + classA, classB: row.classB + classB });
      },
      usage: (month) => [...s.usage.values()].filter((r) => r.month === month),
    },
  };
}
