/**
 * Walks over schemas: the highest field id (for `last-column-id`), field lookup
 * by id, and structural equality (to reuse an identical schema's id).
 */
import type { IcebergType, NestedField, Schema } from './types.ts';

/** Every field id in a type, nested ones included (struct fields, list elements, map keys/values). */
export function* fieldIdsOf(t: IcebergType): Generator<number> {
  if (t.type === 'struct') {
    for (const f of t.fields) {
      yield f.id;
      yield* fieldIdsOf(f.type);
    }
  } else if (t.type === 'list') {
    yield t.elementId;
    yield* fieldIdsOf(t.element);
  } else if (t.type === 'map') {
    yield t.keyId;
    yield* fieldIdsOf(t.key);
    yield t.valueId;
    yield* fieldIdsOf(t.value);
  }
}

/** The highest field id in the schema, or 0 for an empty schema. */
export function highestFieldId(schema: Schema): number {
  let max = 0;
  for (const id of fieldIdsOf({ type: 'struct', fields: schema.fields })) max = Math.max(max, id);
  return max;
}

/** Every field of the schema by id, nested struct fields included, with its dotted name. */
export function indexFields(schema: Schema): ReadonlyMap<number, { field: NestedField; path: string }> {
  const out = new Map<number, { field: NestedField; path: string }>();
  const visit = (fields: readonly NestedField[], prefix: string): void => {
    for (const f of fields) {
      const path = prefix + f.name;
      out.set(f.id, { field: f, path });
      if (f.type.type === 'struct') visit(f.type.fields, `${path}.`);
    }
  };
  visit(schema.fields, '');
  return out;
}

/** Finds a top-level or nested struct field by id. */
export function findField(schema: Schema, id: number): NestedField | undefined {
  return indexFields(schema).get(id)?.field;
}

/** Finds a field by its dotted name (`a.b`), case-sensitive. */
export function findFieldByName(schema: Schema, name: string): NestedField | undefined {
  for (const { field, path } of indexFields(schema).values()) if (path === name) return field;
  return undefined;
}

/** Structural equality of two types, field ids, names, docs and required flags included. */
export function sameType(a: IcebergType, b: IcebergType): boolean {
  if (a.type !== b.type) return false;
  switch (a.type) {
    case 'decimal':
      return b.type === 'decimal' && a.precision === b.precision && a.scale === b.scale;
    case 'fixed':
      return b.type === 'fixed' && a.length === b.length;
    case 'struct':
      return b.type === 'struct' && sameFields(a.fields, b.fields);
    case 'list':
      return (
        b.type === 'list' &&
        a.elementId === b.elementId &&
        a.elementRequired === b.elementRequired &&
        sameType(a.element, b.element)
      );
    case 'map':
      return (
        b.type === 'map' &&
        a.keyId === b.keyId &&
        a.valueId === b.valueId &&
        a.valueRequired === b.valueRequired &&
        sameType(a.key, b.key) &&
        sameType(a.value, b.value)
      );
    default:
      return true;
  }
}

function sameFields(a: readonly NestedField[], b: readonly NestedField[]): boolean {
  return (
    a.length === b.length &&
    a.every((f, i) => {
      const g = b[i]!;
      return (
        f.id === g.id &&
        f.name === g.name &&
        f.required === g.required &&
        f.doc === g.doc &&
        sameType(f.type, g.type)
      );
    })
  );
}

/** Same columns and identifier fields; the schema id is ignored (Java `Schema.sameSchema`). */
export function sameSchema(a: Schema, b: Schema): boolean {
  const ia = [...(a.identifierFieldIds ?? [])].sort((x, y) => x - y);
  const ib = [...(b.identifierFieldIds ?? [])].sort((x, y) => x - y);
  return ia.length === ib.length && ia.every((v, i) => v === ib[i]) && sameFields(a.fields, b.fields);
}
