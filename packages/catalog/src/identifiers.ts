import { stringifyJson } from '@analytics/iceberg';
import { CatalogError } from './errors.ts';

/** A namespace: its levels, outermost first (REST `Namespace`). */
export type Namespace = readonly string[];

/** A table's name within a namespace (REST `TableIdentifier`). */
export interface TableIdentifier {
  readonly namespace: Namespace;
  readonly name: string;
}

/** The unit separator joins namespace levels in URL paths (REST spec, parameter `namespace`). */
export const NAMESPACE_SEPARATOR = '\u001f';

/** Decodes the `{namespace}` path parameter (already percent-decoded) into its levels. */
export function parseNamespacePath(raw: string): Namespace {
  const levels = raw.split(NAMESPACE_SEPARATOR);
  assertNamespace(levels);
  return levels;
}

/** Rejects empty namespaces and empty or separator-holding levels, which cannot be addressed by URL. */
export function assertNamespace(levels: unknown): asserts levels is Namespace {
  if (!Array.isArray(levels) || levels.length === 0) {
    throw new CatalogError('invalid-argument', 'Invalid namespace: a namespace needs at least one level', {
      namespace: levels,
    });
  }
  for (const level of levels) {
    if (typeof level !== 'string' || level.length === 0 || level.includes(NAMESPACE_SEPARATOR)) {
      throw new CatalogError(
        'invalid-argument',
        `Invalid namespace level ${stringifyJson(level)}: levels are non-empty strings without the unit separator`,
        { namespace: levels },
      );
    }
  }
}

/** Rejects empty table names. */
export function assertTableName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || name.length === 0) {
    throw new CatalogError('invalid-argument', 'Invalid table name: a table needs a non-empty name', {
      name,
    });
  }
}

/** The storage key of a namespace: its levels joined by the unit separator. */
export function namespaceKey(ns: Namespace): string {
  return ns.join(NAMESPACE_SEPARATOR);
}

/** Dotted form used in messages, as the Java reference prints namespaces (`a.b`). */
export function formatNamespace(ns: Namespace): string {
  return ns.join('.');
}

/** Dotted form used in messages (`a.b.table`). */
export function formatTable(id: TableIdentifier): string {
  return [...id.namespace, id.name].join('.');
}
