/**
 * JSON codec for schemas and types (spec Appendix C, "Schemas"): primitive
 * types are strings (`decimal(P,S)`, `fixed[L]`), nested types are objects.
 */
import { IcebergError } from '../errors.ts';
import { JsonReader } from '../json/json-reader.ts';
import type { JsonValue } from '../json/lossless-json.ts';
import type { IcebergType, NestedField, PrimitiveTypeName, Schema } from './types.ts';

const PRIMITIVES: ReadonlySet<string> = new Set<PrimitiveTypeName>([
  'boolean',
  'int',
  'long',
  'float',
  'double',
  'date',
  'time',
  'timestamp',
  'timestamptz',
  'string',
  'uuid',
  'binary',
]);

const DECIMAL = /^decimal\(\s*(\d+)\s*,\s*(\d+)\s*\)$/;
const FIXED = /^fixed\[\s*(\d+)\s*\]$/;

/** Parses a type from metadata JSON. v3 types are rejected as `unsupported`. */
export function typeFromJson(json: JsonValue): IcebergType {
  if (typeof json === 'string') {
    if (PRIMITIVES.has(json)) return { type: json as PrimitiveTypeName };
    const dec = DECIMAL.exec(json);
    if (dec) return { type: 'decimal', precision: Number(dec[1]), scale: Number(dec[2]) };
    const fixed = FIXED.exec(json);
    if (fixed) return { type: 'fixed', length: Number(fixed[1]) };
    throw new IcebergError('unsupported', `Unsupported type '${json}': format v2 types only`, { type: json });
  }
  const r = new JsonReader(json, 'type');
  const kind = r.string('type');
  switch (kind) {
    case 'struct':
      return { type: 'struct', fields: r.array('fields').map(fieldFromJson) };
    case 'list':
      return {
        type: 'list',
        elementId: r.int('element-id'),
        elementRequired: r.boolean('element-required'),
        element: typeFromJson(r.raw('element') ?? null),
      };
    case 'map':
      return {
        type: 'map',
        keyId: r.int('key-id'),
        key: typeFromJson(r.raw('key') ?? null),
        valueId: r.int('value-id'),
        valueRequired: r.boolean('value-required'),
        value: typeFromJson(r.raw('value') ?? null),
      };
    default:
      throw new IcebergError('invalid-argument', `Invalid type: unknown nested type '${kind}'`);
  }
}

/** Writes a type as metadata JSON. */
export function typeToJson(t: IcebergType): JsonValue {
  switch (t.type) {
    case 'decimal':
      return `decimal(${t.precision}, ${t.scale})`;
    case 'fixed':
      return `fixed[${t.length}]`;
    case 'struct':
      return { type: 'struct', fields: t.fields.map(fieldToJson) };
    case 'list':
      return {
        type: 'list',
        'element-id': t.elementId,
        element: typeToJson(t.element),
        'element-required': t.elementRequired,
      };
    case 'map':
      return {
        type: 'map',
        'key-id': t.keyId,
        key: typeToJson(t.key),
        'value-id': t.valueId,
        value: typeToJson(t.value),
        'value-required': t.valueRequired,
      };
    default:
      return t.type;
  }
}

/** Parses one struct field. */
export function fieldFromJson(json: JsonValue): NestedField {
  const r = new JsonReader(json, 'field');
  const doc = r.optionalString('doc');
  return {
    id: r.int('id'),
    name: r.string('name'),
    required: r.boolean('required'),
    type: typeFromJson(r.raw('type') ?? null),
    ...(doc === undefined ? {} : { doc }),
  };
}

/** Writes one struct field. */
export function fieldToJson(f: NestedField): JsonValue {
  const out: Record<string, JsonValue> = {
    id: f.id,
    name: f.name,
    required: f.required,
    type: typeToJson(f.type),
  };
  if (f.doc !== undefined) out.doc = f.doc;
  return out;
}

/** Parses a schema object (`{"type":"struct","schema-id":…,"fields":[…]}`). */
export function schemaFromJson(json: JsonValue): Schema {
  const r = new JsonReader(json, 'schema');
  const ids = r.optionalArray('identifier-field-ids');
  return {
    schemaId: r.optionalInt('schema-id') ?? 0,
    fields: r.array('fields').map(fieldFromJson),
    // An empty list and an absent one mean the same; the model omits both.
    ...(ids === undefined || ids.length === 0 ? {} : { identifierFieldIds: ids.map((v) => Number(v)) }),
  };
}

/** Writes a schema object, with `identifier-field-ids` always present (as Java does). */
export function schemaToJson(s: Schema): JsonValue {
  return {
    type: 'struct',
    'schema-id': s.schemaId,
    'identifier-field-ids': [...(s.identifierFieldIds ?? [])],
    fields: s.fields.map(fieldToJson),
  };
}
