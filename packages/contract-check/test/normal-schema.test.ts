import { describe, expect, it } from 'vitest';
import { compareSchemas } from '../src/compare-schemas.ts';
import type { ContractDifference } from '../src/difference.ts';
import { normaliseSchema } from '../src/normal-schema.ts';
import type { OpenApiDocument } from '../src/openapi-document.ts';

const doc: OpenApiDocument = {
  openapi: '3.1.0',
  components: {
    schemas: {
      Base: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
      Node: { type: 'object', properties: { child: { $ref: '#/components/schemas/Node' } } },
    },
  },
};

function diff(a: object, b: object): string[] {
  const out: ContractDifference[] = [];
  compareSchemas(normaliseSchema(doc, a as never), normaliseSchema(doc, b as never), 'here', out);
  return out.map((d) => d.message);
}

describe('normaliseSchema', () => {
  it('merges allOf parts into one object with the union of required names', () => {
    const s = normaliseSchema(doc, {
      allOf: [
        { $ref: '#/components/schemas/Base' },
        { required: ['kind'], properties: { kind: { const: 'a' } } },
      ],
    });
    expect(s.types).toEqual(['object']);
    expect([...s.properties.keys()].sort()).toEqual(['id', 'kind']);
    expect(s.required).toEqual(['id', 'kind']);
    expect(s.properties.get('kind')?.types).toEqual(['string']);
  });

  it('treats an allOf object and the equivalent flat object as equal', () => {
    const flat = {
      type: 'object',
      required: ['id', 'kind'],
      properties: { kind: { type: 'string', enum: ['a'] }, id: { type: 'string', format: 'uuid' } },
    };
    const composed = {
      allOf: [
        { $ref: '#/components/schemas/Base' },
        { required: ['kind'], properties: { kind: { const: 'a' } } },
      ],
    };
    expect(diff(flat, composed)).toEqual([]);
  });

  it('cuts $ref cycles instead of recursing forever', () => {
    const s = normaliseSchema(doc, { $ref: '#/components/schemas/Node' });
    expect(s.properties.get('child')?.recursiveRef).toBe('#/components/schemas/Node');
  });

  it('makes a primitive union a type set and keeps object unions as variants', () => {
    expect(normaliseSchema(doc, { anyOf: [{ type: 'integer' }, { type: 'string' }] }).types).toEqual([
      'integer',
      'string',
    ]);
    const objects = normaliseSchema(doc, {
      oneOf: [{ $ref: '#/components/schemas/Base' }, { type: 'array', items: {} }],
    });
    expect(objects.variants?.length).toBe(2);
  });

  it('reports integer and number as different types', () => {
    expect(diff({ type: 'integer' }, { type: 'number' })).toEqual([
      'here: the schema has type integer in the contract but number as served',
    ]);
  });

  it('reports a union whose variants differ', () => {
    const a = {
      anyOf: [{ $ref: '#/components/schemas/Base' }, { type: 'array', items: { type: 'string' } }],
    };
    const b = {
      anyOf: [{ $ref: '#/components/schemas/Base' }, { type: 'array', items: { type: 'integer' } }],
    };
    expect(diff(a, b)).toEqual([
      'here › <variant 1>[]: `<variant 1>[]` has type string in the contract but integer as served',
    ]);
  });

  it('treats const and a one-value enum alike, and compares enums as sets', () => {
    expect(diff({ const: 'a' }, { type: 'string', enum: ['a'] })).toEqual([]);
    expect(diff({ enum: ['b', 'a'] }, { type: 'string', enum: ['a', 'b'] })).toEqual([]);
    expect(diff({ type: 'string', enum: ['a'] }, { type: 'string' })).toEqual([
      'here: the schema allows only "a" in the contract but any value as served',
    ]);
  });
});
