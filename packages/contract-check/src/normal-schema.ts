import { type OpenApiDocument, resolvePointer, type SchemaLike } from './openapi-document.ts';

/**
 * A schema reduced to what the comparison checks: types, nullability, object properties and their
 * required set, array items and union variants. `$ref` versus inline, `allOf` composition,
 * the three spellings of "nullable" (`nullable: true`, `type: [T, "null"]`, `anyOf: [T, {type:
 * "null"}]`), `const`/`enum` without `type`, ordering, descriptions and `x-` fields all vanish here.
 */
export interface NormalSchema {
  /** JSON types other than null, sorted; empty means any value. */
  readonly types: readonly string[];
  readonly nullable: boolean;
  /** Object properties by name (objects with declared properties only). */
  readonly properties: ReadonlyMap<string, NormalSchema>;
  /** Names of required properties, sorted. */
  readonly required: readonly string[];
  /** Array item schema. */
  readonly items?: NormalSchema;
  /** Variants of a union that is more than a set of primitive types, in a canonical order. */
  readonly variants?: readonly NormalSchema[];
  /** Allowed values (`enum`, or `const` as a one-value enum), JSON-encoded and sorted; absent when any value of the type is allowed. */
  readonly values?: readonly string[];
  /** Set when a `$ref` cycle was cut here; such a node matches anything. */
  readonly recursiveRef?: string;
}

const ANY: NormalSchema = { types: [], nullable: false, properties: new Map(), required: [] };

/** Normalises `schema`, resolving local `$ref`s against `document`. */
export function normaliseSchema(document: OpenApiDocument, schema: SchemaLike | undefined): NormalSchema {
  return normalise(document, schema, []);
}

function normalise(document: OpenApiDocument, schema: unknown, refStack: readonly string[]): NormalSchema {
  if (schema === undefined || schema === true || schema === false) return ANY;
  if (typeof schema !== 'object' || schema === null) return ANY;
  const s = schema as Record<string, unknown>;
  if (typeof s.$ref === 'string') {
    if (refStack.includes(s.$ref)) return { ...ANY, recursiveRef: s.$ref };
    const target = normalise(document, resolvePointer(document, s.$ref), [...refStack, s.$ref]);
    // OpenAPI 3.1 allows siblings next to $ref (e.g. a description); only nullability matters here.
    return s.nullable === true ? { ...target, nullable: true } : target;
  }

  let result = normaliseOwn(document, s, refStack);
  if (Array.isArray(s.allOf)) {
    for (const part of s.allOf) result = merge(result, normalise(document, part, refStack));
  }
  const union = Array.isArray(s.anyOf) ? s.anyOf : Array.isArray(s.oneOf) ? s.oneOf : undefined;
  if (union) result = merge(result, normaliseUnion(union.map((v) => normalise(document, v, refStack))));
  // `nullable: true` next to allOf/anyOf (the OpenAPI 3.0 way to make a $ref nullable) wins.
  return s.nullable === true ? { ...result, nullable: true } : result;
}

function normaliseOwn(
  document: OpenApiDocument,
  s: Record<string, unknown>,
  refStack: readonly string[],
): NormalSchema {
  let nullable = s.nullable === true;
  const types = new Set<string>();
  const declared = Array.isArray(s.type) ? s.type : typeof s.type === 'string' ? [s.type] : [];
  for (const t of declared) if (typeof t === 'string') types.add(t);
  if (types.size === 0 && 'const' in s) types.add(jsonType(s.const));
  if (types.size === 0 && Array.isArray(s.enum)) for (const v of s.enum) types.add(jsonType(v));
  if (types.delete('null')) nullable = true;
  if (Array.isArray(s.enum) && s.enum.includes(null)) nullable = true;

  const properties = new Map<string, NormalSchema>();
  if (typeof s.properties === 'object' && s.properties !== null) {
    for (const [name, value] of Object.entries(s.properties as Record<string, unknown>)) {
      properties.set(name, normalise(document, value, refStack));
    }
  }
  if (types.size === 0 && properties.size > 0) types.add('object');
  const items = s.items === undefined ? undefined : normalise(document, s.items, refStack);
  if (types.size === 0 && items) types.add('array');
  const required = Array.isArray(s.required)
    ? s.required.filter((r): r is string => typeof r === 'string')
    : [];
  const allowed = 'const' in s ? [s.const] : Array.isArray(s.enum) ? s.enum : undefined;
  const values = allowed?.filter((v) => v !== null).map((v) => JSON.stringify(v));
  return {
    types: [...types].sort(),
    nullable,
    properties,
    required: [...new Set(required)].sort(),
    ...(items ? { items } : {}),
    ...(values ? { values: [...new Set(values)].sort() } : {}),
  };
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function isPlain(s: NormalSchema): boolean {
  return s.properties.size === 0 && !s.items && !s.variants && !s.recursiveRef;
}

function isAny(s: NormalSchema): boolean {
  return isPlain(s) && s.types.length === 0 && s.required.length === 0;
}

/** A union: null variants become nullability; primitive-only unions become a type set. */
function normaliseUnion(variants: NormalSchema[]): NormalSchema {
  let nullable = false;
  const rest: NormalSchema[] = [];
  for (const v of variants) {
    if (v.nullable) nullable = true;
    const isNullOnly = isPlain(v) && v.types.length === 0 && v.nullable;
    if (!isNullOnly) rest.push({ ...v, nullable: false });
  }
  if (rest.length === 0) return { ...ANY, nullable };
  if (rest.some(isAny)) return { ...ANY, nullable };
  if (rest.length === 1) return { ...(rest[0] as NormalSchema), nullable };
  if (rest.every(isPlain)) {
    const types = new Set(rest.flatMap((v) => v.types));
    const values = rest.every((v) => v.values)
      ? [...new Set(rest.flatMap((v) => v.values ?? []))].sort()
      : undefined;
    return { ...ANY, types: [...types].sort(), nullable, ...(values ? { values } : {}) };
  }
  const sorted = [...rest].sort((a, b) => signature(a).localeCompare(signature(b)));
  const types = new Set(sorted.flatMap((v) => v.types));
  return { ...ANY, types: [...types].sort(), nullable, variants: sorted };
}

/** A stable sort key for union variants: types, then property names. */
export function signature(s: NormalSchema): string {
  return `${s.types.join('|')}{${[...s.properties.keys()].sort().join(',')}}`;
}

/** Combines two schemas that must both hold (allOf, or a schema's own keys plus its union). */
function merge(a: NormalSchema, b: NormalSchema): NormalSchema {
  if (isAny(a) && !a.nullable) return b;
  if (isAny(b) && !b.nullable) return a;
  const types =
    a.types.length === 0
      ? b.types
      : b.types.length === 0
        ? a.types
        : a.types.filter((t) => b.types.includes(t));
  const properties = new Map(a.properties);
  for (const [name, schema] of b.properties) {
    const existing = properties.get(name);
    properties.set(name, existing ? merge(existing, schema) : schema);
  }
  const items = a.items && b.items ? merge(a.items, b.items) : (a.items ?? b.items);
  const variants = a.variants ?? b.variants;
  const values =
    a.values && b.values ? a.values.filter((v) => b.values?.includes(v)) : (a.values ?? b.values);
  return {
    types,
    // allOf: the value may be null only if every part allows it.
    nullable: a.nullable && b.nullable,
    properties,
    required: [...new Set([...a.required, ...b.required])].sort(),
    ...(items ? { items } : {}),
    ...(variants ? { variants } : {}),
    ...(values ? { values } : {}),
  };
}
