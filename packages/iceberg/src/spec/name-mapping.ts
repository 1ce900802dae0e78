/**
 * Name mapping (spec: "Column Projection", Appendix C "Name Mapping
 * Serialization"): the `schema.name-mapping.default` property that lets readers
 * find columns by name in files written without field ids.
 */
import { stringifyJson } from '../json/lossless-json.ts';
import type { IcebergType, Schema } from './types.ts';

/** The table property that holds the default name mapping. */
export const NAME_MAPPING_DEFAULT = 'schema.name-mapping.default';

/** One mapped field: an id, the names it may appear under, and nested mappings. */
export interface MappedField {
  readonly 'field-id': number;
  readonly names: readonly string[];
  readonly fields?: readonly MappedField[];
}

function nested(type: IcebergType): MappedField[] | undefined {
  switch (type.type) {
    case 'struct':
      return type.fields.map((f) => withFields({ 'field-id': f.id, names: [f.name] }, nested(f.type)));
    case 'list':
      return [withFields({ 'field-id': type.elementId, names: ['element'] }, nested(type.element))];
    case 'map':
      return [
        withFields({ 'field-id': type.keyId, names: ['key'] }, nested(type.key)),
        withFields({ 'field-id': type.valueId, names: ['value'] }, nested(type.value)),
      ];
    default:
      return undefined;
  }
}

function withFields(f: MappedField, fields: MappedField[] | undefined): MappedField {
  return fields === undefined ? f : { ...f, fields };
}

/** The name mapping of a schema: every field under its current name. */
export function nameMappingOf(schema: Schema): MappedField[] {
  return nested({ type: 'struct', fields: schema.fields }) ?? [];
}

/**
 * Updates a mapping for a new schema: a renamed field keeps its old names as
 * aliases (so files written under the old name still resolve), new fields appear.
 */
export function updateNameMapping(
  previous: readonly MappedField[] | undefined,
  schema: Schema,
): MappedField[] {
  const oldNames = new Map<number, readonly string[]>();
  const collect = (fields: readonly MappedField[]) => {
    for (const f of fields) {
      oldNames.set(f['field-id'], f.names);
      if (f.fields) collect(f.fields);
    }
  };
  if (previous) collect(previous);
  const merge = (fields: readonly MappedField[]): MappedField[] =>
    fields.map((f) => {
      const names = [...f.names, ...(oldNames.get(f['field-id']) ?? []).filter((n) => !f.names.includes(n))];
      return withFields({ 'field-id': f['field-id'], names }, f.fields ? merge(f.fields) : undefined);
    });
  return merge(nameMappingOf(schema));
}

/** The JSON text of a mapping, the value of `schema.name-mapping.default`. */
export function serializeNameMapping(mapping: readonly MappedField[]): string {
  return stringifyJson(mapping);
}
