/**
 * Schema evolution (spec: "Schema Evolution", ICEBERG.md §4.8): the v2 changes
 * that old data files survive. Each function returns a new schema (the caller
 * commits it with `schemaChangeCommit`); ids are never reused.
 */
import type { TableRequirement } from '../commit/table-requirement.ts';
import type { TableUpdate } from '../commit/table-update.ts';
import { IcebergError } from '../errors.ts';
import { assignFreshTypeIds } from './fresh-ids.ts';
import {
  type MappedField,
  NAME_MAPPING_DEFAULT,
  serializeNameMapping,
  updateNameMapping,
} from './name-mapping.ts';
import { findFieldByName, highestFieldId } from './schema-util.ts';
import type { TableMetadata } from './table-metadata.ts';
import type { IcebergType, NestedField, Schema } from './types.ts';

/** A schema change: the new schema and the new `last-column-id`. */
export interface EvolvedSchema {
  readonly schema: Schema;
  readonly lastColumnId: number;
}

function mapFields(
  fields: readonly NestedField[],
  id: number,
  f: (field: NestedField) => NestedField | undefined,
): NestedField[] {
  const out: NestedField[] = [];
  for (const field of fields) {
    if (field.id === id) {
      const replaced = f(field);
      if (replaced) out.push(replaced);
    } else if (field.type.type === 'struct') {
      out.push({ ...field, type: { type: 'struct', fields: mapFields(field.type.fields, id, f) } });
    } else {
      out.push(field);
    }
  }
  return out;
}

function require(schema: Schema, name: string): NestedField {
  const field = findFieldByName(schema, name);
  if (!field)
    throw new IcebergError('not-found', `Cannot find column '${name}' in schema ${schema.schemaId}`, {
      column: name,
    });
  return field;
}

/**
 * Adds an optional column at the top level, or inside the struct column
 * `parent` (a dotted name). v2 cannot add required columns: old files have no
 * values and defaults are v3.
 */
export function addColumn(
  schema: Schema,
  lastColumnId: number,
  column: {
    readonly name: string;
    readonly type: IcebergType;
    readonly doc?: string;
    readonly parent?: string;
  },
): EvolvedSchema {
  let last = Math.max(lastColumnId, highestFieldId(schema));
  const next = () => ++last;
  const id = next();
  const field: NestedField = {
    id,
    name: column.name,
    required: false,
    type: assignFreshTypeIds(column.type, next),
    ...(column.doc === undefined ? {} : { doc: column.doc }),
  };
  if (column.parent === undefined) {
    if (schema.fields.some((f) => f.name === column.name)) {
      throw new IcebergError('already-exists', `Cannot add column '${column.name}': it already exists`, {
        column: column.name,
      });
    }
    return { schema: { ...schema, fields: [...schema.fields, field] }, lastColumnId: last };
  }
  const parent = require(schema, column.parent);
  if (parent.type.type !== 'struct') {
    throw new IcebergError(
      'invalid-argument',
      `Cannot add a column to '${column.parent}': it is not a struct`,
    );
  }
  if (parent.type.fields.some((f) => f.name === column.name)) {
    throw new IcebergError(
      'already-exists',
      `Cannot add column '${column.parent}.${column.name}': it already exists`,
    );
  }
  const fields = mapFields(schema.fields, parent.id, (p) => ({
    ...p,
    type: { type: 'struct', fields: [...(p.type as { fields: readonly NestedField[] }).fields, field] },
  }));
  return { schema: { ...schema, fields }, lastColumnId: last };
}

/** Renames a column; its id, and so every data file, is unchanged. */
export function renameColumn(schema: Schema, name: string, newName: string): Schema {
  const field = require(schema, name);
  const siblings = name.includes('.') ? undefined : schema.fields;
  if (siblings?.some((f) => f.name === newName)) {
    throw new IcebergError('already-exists', `Cannot rename '${name}' to '${newName}': the name is taken`);
  }
  return { ...schema, fields: mapFields(schema.fields, field.id, (f) => ({ ...f, name: newName })) };
}

/** Drops a column. Its id is retired, never reused; identifier fields cannot be dropped. */
export function dropColumn(schema: Schema, name: string): Schema {
  const field = require(schema, name);
  if (schema.identifierFieldIds?.includes(field.id)) {
    throw new IcebergError('invalid-argument', `Cannot drop identifier field '${name}'`);
  }
  return { ...schema, fields: mapFields(schema.fields, field.id, () => undefined) };
}

/** True when values of `from` can be read as `to` (v2 promotions: int→long, float→double, decimal widening). */
export function canPromote(from: IcebergType, to: IcebergType): boolean {
  if (from.type === to.type && from.type !== 'decimal')
    return from.type !== 'fixed' || (to.type === 'fixed' && from.length === to.length);
  if (from.type === 'int' && to.type === 'long') return true;
  if (from.type === 'float' && to.type === 'double') return true;
  return (
    from.type === 'decimal' &&
    to.type === 'decimal' &&
    to.scale === from.scale &&
    to.precision >= from.precision
  );
}

/** Widens a primitive column's type; anything but a v2 promotion is `invalid-argument`. */
export function promoteColumn(schema: Schema, name: string, to: IcebergType): Schema {
  const field = require(schema, name);
  if (!canPromote(field.type, to)) {
    throw new IcebergError(
      'invalid-argument',
      `Cannot change column '${name}' from ${describe(field.type)} to ${describe(to)}`,
      {
        column: name,
      },
    );
  }
  return { ...schema, fields: mapFields(schema.fields, field.id, (f) => ({ ...f, type: to })) };
}

/** Makes a required column optional (always safe); the reverse is not allowed in v2. */
export function makeOptional(schema: Schema, name: string): Schema {
  const field = require(schema, name);
  return { ...schema, fields: mapFields(schema.fields, field.id, (f) => ({ ...f, required: false })) };
}

function describe(t: IcebergType): string {
  if (t.type === 'decimal') return `decimal(${t.precision}, ${t.scale})`;
  if (t.type === 'fixed') return `fixed[${t.length}]`;
  return t.type;
}

/**
 * The requirements and updates that commit a new schema and make it current
 * (what PyIceberg and Java send over REST).
 */
export function schemaChangeCommit(
  base: TableMetadata,
  evolved: EvolvedSchema | Schema,
): { requirements: TableRequirement[]; updates: TableUpdate[] } {
  const schema = 'schema' in evolved ? evolved.schema : evolved;
  const lastColumnId =
    'schema' in evolved ? evolved.lastColumnId : Math.max(base.lastColumnId, highestFieldId(schema));
  const updates: TableUpdate[] = [
    { action: 'add-schema', schema, lastColumnId },
    { action: 'set-current-schema', schemaId: -1 },
  ];
  // A table that carries a name mapping keeps it in step: new fields appear, renamed ones keep their old names.
  const mapping = base.properties[NAME_MAPPING_DEFAULT];
  if (mapping !== undefined) {
    const previous = JSON.parse(mapping) as MappedField[];
    updates.push({
      action: 'set-properties',
      updates: { [NAME_MAPPING_DEFAULT]: serializeNameMapping(updateNameMapping(previous, schema)) },
    });
  }
  return {
    requirements: [
      { type: 'assert-current-schema-id', currentSchemaId: base.currentSchemaId },
      { type: 'assert-last-assigned-field-id', lastAssignedFieldId: base.lastColumnId },
    ],
    updates,
  };
}
