import { avroMetadata, avroRead } from 'icebird';
import { describe, expect, it } from 'vitest';
import { readAvroContainer, writeAvroContainer } from './avro-container.ts';
import type { AvroSchemaJson } from './avro-schema.ts';

const schema: AvroSchemaJson = {
  type: 'record',
  name: 'r',
  fields: [
    { name: 'i', type: 'int', 'field-id': 1 },
    { name: 'l', type: 'long', 'field-id': 2 },
    { name: 's', type: ['null', 'string'], default: null, 'field-id': 3 },
    { name: 'd', type: 'double', 'field-id': 4 },
    { name: 'b', type: 'bytes', 'field-id': 5 },
    { name: 'empty', type: { type: 'record', name: 'r102', fields: [] }, 'field-id': 6 },
    {
      name: 'm',
      type: {
        type: 'array',
        logicalType: 'map',
        items: {
          type: 'record',
          name: 'k7_v8',
          fields: [
            { name: 'key', type: 'int', 'field-id': 7 },
            { name: 'value', type: 'long', 'field-id': 8 },
          ],
        },
      },
      'field-id': 9,
    },
    { name: 'f', type: { type: 'fixed', name: 'f16', size: 2 }, 'field-id': 10 },
    { name: 'flag', type: 'boolean', 'field-id': 11 },
  ],
};

function rows(n: number) {
  return Array.from({ length: n }, (_, k) => ({
    i: k - 5,
    l: 9223372036854775807n - BigInt(k),
    s: k % 3 === 0 ? null : `row ${k} ✓`,
    d: k / 7,
    b: Uint8Array.of(k & 255, 1),
    empty: {},
    m: [{ key: k, value: BigInt(-k) }],
    f: Uint8Array.of(1, 2),
    flag: k % 2 === 0,
  }));
}

describe('Avro container files', () => {
  for (const codec of ['null', 'deflate'] as const) {
    it(`round-trips records with codec ${codec}, across blocks, 64-bit longs exact`, async () => {
      const input = rows(5000);
      const bytes = await writeAvroContainer(schema, input, { codec, metadata: { 'format-version': '2' } });
      const back = await readAvroContainer(bytes);
      expect(back.metadata.get('avro.codec')).toBe(codec);
      expect(back.metadata.get('format-version')).toBe('2');
      expect(back.records).toEqual(input);
    });

    it(`is readable by an independent reader (icebird) with codec ${codec}`, async () => {
      // icebird reads no `fixed`, so that field is left out here.
      const noFixed = {
        ...(schema as { fields: { name: string }[] }),
        fields: (schema as { fields: { name: string }[] }).fields.filter((f) => f.name !== 'f'),
      };
      const input = rows(20).map(({ f: _f, ...r }) => r);
      const bytes = await writeAvroContainer(noFixed, input, { codec });
      const reader = { view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset: 0 };
      const { metadata, syncMarker } = avroMetadata(reader);
      expect(metadata['avro.schema'].fields.map((f: { 'field-id': number }) => f['field-id'])).toEqual([
        1, 2, 3, 4, 5, 6, 9, 11,
      ]);
      const records = avroRead({ reader, metadata, syncMarker }) as Record<string, unknown>[];
      expect(records.map((r) => [r.i, r.l, r.s ?? null, r.m])).toEqual(
        input.map((r) => [r.i, r.l, r.s, r.m]),
      );
    });
  }

  it('writes an empty file with just a header', async () => {
    const bytes = await writeAvroContainer(schema, [], { codec: 'deflate' });
    expect((await readAvroContainer(bytes)).records).toEqual([]);
  });

  it('rejects a value no union branch accepts and a missing required field', async () => {
    await expect(writeAvroContainer(schema, [{ ...rows(1)[0], s: 5 }])).rejects.toThrowError(
      /no union branch/,
    );
    await expect(writeAvroContainer(schema, [{ ...rows(1)[0], l: undefined }])).rejects.toThrowError(
      /required field 'l'/,
    );
  });

  it('rejects bytes that are not an Avro file', async () => {
    await expect(readAvroContainer(Uint8Array.of(1, 2, 3, 4))).rejects.toThrowError(/bad magic/);
  });
});
