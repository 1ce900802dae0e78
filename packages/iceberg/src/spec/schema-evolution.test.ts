import { describe, expect, it } from 'vitest';
import { applyCommit } from '../commit/apply-commit.ts';
import { createTableUpdates } from '../commit/create-table-updates.ts';
import { assignFreshIds } from './fresh-ids.ts';
import { nameMappingOf, serializeNameMapping, updateNameMapping } from './name-mapping.ts';
import { buildPartitionSpec, specChangeCommit } from './partition-evolution.ts';
import {
  addColumn,
  canPromote,
  dropColumn,
  promoteColumn,
  renameColumn,
  schemaChangeCommit,
} from './schema-evolution.ts';
import type { Schema } from './types.ts';

const ctx = { now: () => 5, newUuid: () => 'u' };

const input: Schema = {
  schemaId: 0,
  identifierFieldIds: [50],
  fields: [
    { id: 50, name: 'id', required: true, type: { type: 'long' } },
    {
      id: 51,
      name: 'props',
      required: false,
      type: {
        type: 'map',
        keyId: 0,
        key: { type: 'string' },
        valueId: 0,
        valueRequired: false,
        value: { type: 'string' },
      },
    },
    {
      id: 52,
      name: 'ctx',
      required: false,
      type: { type: 'struct', fields: [{ id: 0, name: 'ip', required: false, type: { type: 'string' } }] },
    },
    { id: 53, name: 'n', required: false, type: { type: 'int' } },
    { id: 54, name: 'ts', required: false, type: { type: 'timestamptz' } },
  ],
};

function table() {
  const { schema } = assignFreshIds(input);
  return applyCommit(
    undefined,
    [{ type: 'assert-create' }],
    createTableUpdates({ uuid: 'u', location: 's3://b/t', schema }),
    ctx,
  );
}

describe('fresh ids', () => {
  it('numbers top-level columns 1..n, then nested ids, and remaps identifier fields', () => {
    const { schema, lastColumnId } = assignFreshIds(input);
    expect(schema.fields.map((f) => f.id)).toEqual([1, 2, 3, 4, 5]);
    expect(schema.fields[1]?.type).toMatchObject({ keyId: 6, valueId: 7 });
    expect(schema.fields[2]?.type).toMatchObject({ fields: [{ id: 8, name: 'ip' }] });
    expect(lastColumnId).toBe(8);
    expect(schema.identifierFieldIds).toEqual([1]);
  });
});

describe('schema evolution', () => {
  it('adds an optional column with ids above last-column-id and commits it', () => {
    const base = table();
    const evolved = addColumn(currentOf(base), base.lastColumnId, {
      name: 'tags',
      type: { type: 'list', elementId: 0, elementRequired: false, element: { type: 'string' } },
    });
    expect(evolved.lastColumnId).toBe(10);
    expect(evolved.schema.fields.at(-1)).toMatchObject({
      id: 9,
      name: 'tags',
      required: false,
      type: { elementId: 10 },
    });
    const { requirements, updates } = schemaChangeCommit(base, evolved);
    const next = applyCommit(base, requirements, updates, ctx);
    expect(next.currentSchemaId).toBe(1);
    expect(next.lastColumnId).toBe(10);
  });

  it('keeps a name mapping property in step with the schema', () => {
    const base = table();
    const withMapping = applyCommit(
      base,
      [],
      [
        {
          action: 'set-properties',
          updates: { 'schema.name-mapping.default': serializeNameMapping(nameMappingOf(currentOf(base))) },
        },
      ],
      ctx,
    );
    const renamed = renameColumn(currentOf(withMapping), 'n', 'count');
    const { requirements, updates } = schemaChangeCommit(withMapping, renamed);
    const next = applyCommit(withMapping, requirements, updates, ctx);
    const mapping = JSON.parse(next.properties['schema.name-mapping.default']!);
    expect(mapping[3]).toEqual({ 'field-id': 4, names: ['count', 'n'] });
    expect(schemaChangeCommit(base, renamed).updates.map((u) => u.action)).toEqual([
      'add-schema',
      'set-current-schema',
    ]);
  });

  it('adds a column inside a struct', () => {
    const base = table();
    const evolved = addColumn(currentOf(base), base.lastColumnId, {
      parent: 'ctx',
      name: 'port',
      type: { type: 'int' },
    });
    expect(evolved.schema.fields[2]?.type).toMatchObject({
      fields: [{ name: 'ip' }, { id: 9, name: 'port' }],
    });
  });

  it('renames keeping the id, refuses duplicates and missing columns', () => {
    const s = currentOf(table());
    expect(renameColumn(s, 'n', 'count').fields[3]).toMatchObject({ id: 4, name: 'count' });
    expect(() => renameColumn(s, 'n', 'id')).toThrowError(
      expect.objectContaining({ kind: 'already-exists' }),
    );
    expect(() => renameColumn(s, 'nope', 'x')).toThrowError(expect.objectContaining({ kind: 'not-found' }));
  });

  it('promotes int to long and float to double only', () => {
    const s = currentOf(table());
    expect(promoteColumn(s, 'n', { type: 'long' }).fields[3]?.type).toEqual({ type: 'long' });
    expect(() => promoteColumn(s, 'id', { type: 'int' })).toThrowError(
      /Cannot change column 'id' from long to int/,
    );
    expect(canPromote({ type: 'float' }, { type: 'double' })).toBe(true);
    expect(
      canPromote({ type: 'decimal', precision: 9, scale: 2 }, { type: 'decimal', precision: 18, scale: 2 }),
    ).toBe(true);
    expect(
      canPromote({ type: 'decimal', precision: 9, scale: 2 }, { type: 'decimal', precision: 18, scale: 3 }),
    ).toBe(false);
    expect(canPromote({ type: 'string' }, { type: 'binary' })).toBe(false);
  });

  it('drops a column but never an identifier field', () => {
    const s = currentOf(table());
    expect(dropColumn(s, 'n').fields.map((f) => f.name)).toEqual(['id', 'props', 'ctx', 'ts']);
    expect(() => dropColumn(s, 'id')).toThrowError(/identifier/);
  });

  it('name mapping covers nested ids and keeps old names after a rename', () => {
    const s = currentOf(table());
    const mapping = nameMappingOf(s);
    expect(mapping[1]).toEqual({
      'field-id': 2,
      names: ['props'],
      fields: [
        { 'field-id': 6, names: ['key'] },
        { 'field-id': 7, names: ['value'] },
      ],
    });
    const renamed = updateNameMapping(mapping, renameColumn(s, 'n', 'count'));
    expect(renamed[3]).toEqual({ 'field-id': 4, names: ['count', 'n'] });
    expect(JSON.parse(serializeNameMapping(renamed))[0]).toEqual({ 'field-id': 1, names: ['id'] });
  });
});

describe('partition evolution', () => {
  it('numbers new fields from 1000, reuses ids of equivalent fields and becomes default', () => {
    let m = table();
    const hourly = buildPartitionSpec(m, [{ column: 'ts', transform: 'hour' }]);
    expect(hourly.fields).toEqual([{ sourceId: 5, fieldId: 1000, name: 'ts_hour', transform: 'hour' }]);
    let c = specChangeCommit(m, hourly);
    m = applyCommit(m, c.requirements, c.updates, ctx);
    expect(m.defaultSpecId).toBe(1);
    const daily = buildPartitionSpec(m, [
      { column: 'ts', transform: 'day' },
      { column: 'id', transform: 'bucket[8]' },
    ]);
    expect(daily.fields.map((f) => [f.fieldId, f.name])).toEqual([
      [1001, 'ts_day'],
      [1002, 'id_bucket_8'],
    ]);
    c = specChangeCommit(m, daily);
    m = applyCommit(m, c.requirements, c.updates, ctx);
    expect(m.defaultSpecId).toBe(2);
    expect(m.lastPartitionId).toBe(1002);
    expect(buildPartitionSpec(m, [{ column: 'ts', transform: 'hour' }]).fields[0]?.fieldId).toBe(1000);
    expect(() => buildPartitionSpec(m, [{ column: 'props', transform: 'identity' }])).toThrowError(
      /does not apply/,
    );
  });
});

function currentOf(m: ReturnType<typeof table>): Schema {
  return m.schemas.find((s) => s.schemaId === m.currentSchemaId)!;
}
