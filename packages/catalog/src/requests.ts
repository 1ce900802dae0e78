import {
  type JsonValue,
  type Schema,
  type SortOrder,
  schemaFromJson,
  sortOrderFromJson,
  type TableRequirement,
  type TableUpdate,
  tableRequirementFromJson,
  tableUpdateFromJson,
  type UnboundPartitionSpec,
  unboundPartitionSpecFromJson,
} from '@analytics/iceberg';
import { withEngineErrors } from './engine-errors.ts';
import { CatalogError } from './errors.ts';
import { assertNamespace, assertTableName, type Namespace, type TableIdentifier } from './identifiers.ts';

type JsonObject = { readonly [key: string]: JsonValue };

/**
 * REST request bodies, parsed from lossless JSON into typed values at the
 * edge; each parser names the request and field it rejects (400).
 */
function bad(what: string, message: string): never {
  throw new CatalogError('bad-request', `Invalid ${what}: ${message}`, {});
}

function object(value: JsonValue | undefined, what: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    bad(what, 'expected a JSON object');
  return value as JsonObject;
}

function stringMap(value: JsonValue | undefined, what: string, field: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  const obj = object(value, `${what} ${field}`);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (typeof v !== 'string') bad(what, `${field}.${k} must be a string`);
    out[k] = v;
  }
  return out;
}

function stringList(value: JsonValue | undefined, what: string, field: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
    bad(what, `${field} must be a list of strings`);
  return value as string[];
}

function namespace(value: JsonValue | undefined, what: string): Namespace {
  if (!Array.isArray(value)) bad(what, 'namespace must be a list of strings');
  assertNamespace(value);
  return value;
}

/** Parses a REST `TableIdentifier`. */
export function tableIdentifier(value: JsonValue | undefined, what: string): TableIdentifier {
  const obj = object(value, what);
  const name = obj.name;
  assertTableName(name);
  return { namespace: namespace(obj.namespace, what), name };
}

/** `CreateNamespaceRequest`. */
export function parseCreateNamespace(body: JsonValue): {
  namespace: Namespace;
  properties: Record<string, string>;
} {
  const obj = object(body, 'CreateNamespaceRequest');
  return {
    namespace: namespace(obj.namespace, 'CreateNamespaceRequest'),
    properties: stringMap(obj.properties, 'CreateNamespaceRequest', 'properties'),
  };
}

/** `UpdateNamespacePropertiesRequest`. */
export function parseUpdateNamespaceProperties(body: JsonValue): {
  removals: string[];
  updates: Record<string, string>;
} {
  const obj = object(body, 'UpdateNamespacePropertiesRequest');
  return {
    removals: stringList(obj.removals, 'UpdateNamespacePropertiesRequest', 'removals'),
    updates: stringMap(obj.updates, 'UpdateNamespacePropertiesRequest', 'updates'),
  };
}

/** `CreateTableRequest`, with schema, spec and order in the engine's model. */
export interface CreateTableRequest {
  readonly name: string;
  readonly location?: string;
  readonly schema: Schema;
  readonly spec?: UnboundPartitionSpec;
  readonly sortOrder?: SortOrder;
  readonly stageCreate: boolean;
  readonly properties: Record<string, string>;
}

/** Parses `CreateTableRequest`. */
export function parseCreateTable(body: JsonValue): CreateTableRequest {
  const what = 'CreateTableRequest';
  const obj = object(body, what);
  assertTableName(obj.name);
  if (obj.schema === undefined || obj.schema === null) bad(what, 'schema is required');
  if (obj.location !== undefined && obj.location !== null && typeof obj.location !== 'string') {
    bad(what, 'location must be a string');
  }
  if (obj['stage-create'] !== undefined && typeof obj['stage-create'] !== 'boolean') {
    bad(what, 'stage-create must be a boolean');
  }
  return withEngineErrors(() => ({
    name: obj.name as string,
    ...(typeof obj.location === 'string' ? { location: obj.location } : {}),
    schema: schemaFromJson(obj.schema as JsonValue),
    ...(obj['partition-spec'] != null ? { spec: unboundPartitionSpecFromJson(obj['partition-spec']) } : {}),
    ...(obj['write-order'] != null ? { sortOrder: sortOrderFromJson(obj['write-order']) } : {}),
    stageCreate: obj['stage-create'] === true,
    properties: stringMap(obj.properties, what, 'properties'),
  }));
}

/** A table change: `CommitTableRequest`, or one entry of a transaction's `table-changes`. */
export interface TableChange {
  readonly identifier?: TableIdentifier;
  readonly requirements: TableRequirement[];
  readonly updates: TableUpdate[];
}

/** Parses `CommitTableRequest`; unknown requirement or update types are 400. */
export function parseCommitTable(body: JsonValue, what = 'CommitTableRequest'): TableChange {
  const obj = object(body, what);
  if (!Array.isArray(obj.requirements)) bad(what, 'requirements must be a list');
  if (!Array.isArray(obj.updates)) bad(what, 'updates must be a list');
  const requirements = obj.requirements;
  const updates = obj.updates;
  return withEngineErrors(() => ({
    ...(obj.identifier != null ? { identifier: tableIdentifier(obj.identifier, `${what} identifier`) } : {}),
    requirements: requirements.map((r) => tableRequirementFromJson(r)),
    updates: updates.map((u) => tableUpdateFromJson(u)),
  }));
}

/** Parses `CommitTransactionRequest`: every change must name its table. */
export function parseCommitTransaction(
  body: JsonValue,
): Array<TableChange & { identifier: TableIdentifier }> {
  const what = 'CommitTransactionRequest';
  const obj = object(body, what);
  if (!Array.isArray(obj['table-changes'])) bad(what, 'table-changes must be a list');
  return obj['table-changes'].map((change, i) => {
    const parsed = parseCommitTable(change, `${what} table-changes[${i}]`);
    if (!parsed.identifier) bad(what, `table-changes[${i}] needs an identifier`);
    return { ...parsed, identifier: parsed.identifier };
  });
}

/** Parses `RenameTableRequest`. */
export function parseRenameTable(body: JsonValue): { source: TableIdentifier; destination: TableIdentifier } {
  const obj = object(body, 'RenameTableRequest');
  return {
    source: tableIdentifier(obj.source, 'RenameTableRequest source'),
    destination: tableIdentifier(obj.destination, 'RenameTableRequest destination'),
  };
}

/** Parses `RegisterTableRequest`. */
export function parseRegisterTable(body: JsonValue): {
  name: string;
  metadataLocation: string;
  overwrite: boolean;
} {
  const what = 'RegisterTableRequest';
  const obj = object(body, what);
  assertTableName(obj.name);
  if (typeof obj['metadata-location'] !== 'string') bad(what, 'metadata-location must be a string');
  return { name: obj.name, metadataLocation: obj['metadata-location'], overwrite: obj.overwrite === true };
}

/** Checks the shape of a `ReportMetricsRequest` (the catalog accepts and discards reports). */
export function parseReportMetrics(body: JsonValue): void {
  const obj = object(body, 'ReportMetricsRequest');
  if (typeof obj['report-type'] !== 'string') bad('ReportMetricsRequest', 'report-type must be a string');
}
