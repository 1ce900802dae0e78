/**
 * Fresh field-id assignment for a new table or an added column (Java
 * `TypeUtil.assignFreshIds`): each struct's own fields are numbered first,
 * then their nested types, so top-level columns of a new table are 1..n.
 */
import type { IcebergType, NestedField, Schema } from './types.ts';

/** Renumbers every field id in `type`, drawing ids from `next()`. */
export function assignFreshTypeIds(type: IcebergType, next: () => number): IcebergType {
  switch (type.type) {
    case 'struct': {
      const ids = type.fields.map(() => next());
      return {
        type: 'struct',
        fields: type.fields.map(
          (f, i): NestedField => ({ ...f, id: ids[i]!, type: assignFreshTypeIds(f.type, next) }),
        ),
      };
    }
    case 'list': {
      const elementId = next();
      return { ...type, elementId, element: assignFreshTypeIds(type.element, next) };
    }
    case 'map': {
      const keyId = next();
      const valueId = next();
      return {
        ...type,
        keyId,
        valueId,
        key: assignFreshTypeIds(type.key, next),
        value: assignFreshTypeIds(type.value, next),
      };
    }
    default:
      return type;
  }
}

/**
 * A schema with ids 1..n assigned fresh (ids in the input are ignored, except
 * that identifier fields are carried over by position). Returns the schema and
 * the highest id used, the table's `last-column-id`.
 */
export function assignFreshIds(schema: Schema, schemaId = 0): { schema: Schema; lastColumnId: number } {
  let last = 0;
  const struct = assignFreshTypeIds({ type: 'struct', fields: schema.fields }, () => ++last);
  const fields = struct.type === 'struct' ? struct.fields : [];
  const byOldId = new Map(schema.fields.map((f, i) => [f.id, fields[i]!.id]));
  const identifierFieldIds = (schema.identifierFieldIds ?? []).map((id) => byOldId.get(id) ?? id);
  return {
    schema: { schemaId, fields, ...(identifierFieldIds.length > 0 ? { identifierFieldIds } : {}) },
    lastColumnId: last,
  };
}
