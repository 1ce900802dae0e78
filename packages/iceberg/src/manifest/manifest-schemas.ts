/**
 * The v2 Avro write schemas of manifests and manifest lists, field ids and
 * names exactly as the Java reference writes them (ICEBERG.md §2.2–2.3).
 */
import type { AvroSchemaJson } from '../avro/avro-schema.ts';
import type { AnyPrimitiveType } from '../spec/types.ts';

const opt = (name: string, fieldId: number, type: AvroSchemaJson) => ({
  name,
  type: ['null', type],
  default: null,
  'field-id': fieldId,
});

const intLongMap = (keyId: number, valueId: number, value: 'long' | 'bytes') =>
  ({
    type: 'array',
    logicalType: 'map',
    items: {
      type: 'record',
      name: `k${keyId}_v${valueId}`,
      fields: [
        { name: 'key', type: 'int', 'field-id': keyId },
        { name: 'value', type: value, 'field-id': valueId },
      ],
    },
  }) as const;

/** The `manifest_file` schema of a v2 manifest list. */
export const MANIFEST_LIST_SCHEMA: AvroSchemaJson = {
  type: 'record',
  name: 'manifest_file',
  fields: [
    { name: 'manifest_path', type: 'string', 'field-id': 500 },
    { name: 'manifest_length', type: 'long', 'field-id': 501 },
    { name: 'partition_spec_id', type: 'int', 'field-id': 502 },
    { name: 'content', type: 'int', 'field-id': 517 },
    { name: 'sequence_number', type: 'long', 'field-id': 515 },
    { name: 'min_sequence_number', type: 'long', 'field-id': 516 },
    { name: 'added_snapshot_id', type: 'long', 'field-id': 503 },
    { name: 'added_files_count', type: 'int', 'field-id': 504 },
    { name: 'existing_files_count', type: 'int', 'field-id': 505 },
    { name: 'deleted_files_count', type: 'int', 'field-id': 506 },
    { name: 'added_rows_count', type: 'long', 'field-id': 512 },
    { name: 'existing_rows_count', type: 'long', 'field-id': 513 },
    { name: 'deleted_rows_count', type: 'long', 'field-id': 514 },
    opt('partitions', 507, {
      type: 'array',
      'element-id': 508,
      items: {
        type: 'record',
        name: 'r508',
        fields: [
          { name: 'contains_null', type: 'boolean', 'field-id': 509 },
          opt('contains_nan', 518, 'boolean'),
          opt('lower_bound', 510, 'bytes'),
          opt('upper_bound', 511, 'bytes'),
        ],
      },
    }),
    opt('key_metadata', 519, 'bytes'),
  ],
};

/** Bytes needed for a decimal of precision `p` as two's complement (Java `TypeUtil.decimalRequiredBytes`). */
export function decimalRequiredBytes(precision: number): number {
  const max = 10n ** BigInt(precision) - 1n;
  let n = 1;
  while (2n ** BigInt(8 * n - 1) - 1n < max) n++;
  return n;
}

/** The Avro type of a partition value of an Iceberg primitive type (ICEBERG.md §2.1). */
export function avroTypeOf(type: AnyPrimitiveType, fieldId: number): AvroSchemaJson {
  switch (type.type) {
    case 'date':
      return { type: 'int', logicalType: 'date' };
    case 'time':
      return { type: 'long', logicalType: 'time-micros' };
    case 'timestamp':
      return { type: 'long', logicalType: 'timestamp-micros', 'adjust-to-utc': false };
    case 'timestamptz':
      return { type: 'long', logicalType: 'timestamp-micros', 'adjust-to-utc': true };
    case 'uuid':
      return { type: 'fixed', name: `uuid_fixed_${fieldId}`, size: 16, logicalType: 'uuid' };
    case 'decimal':
      return {
        type: 'fixed',
        name: `decimal_${type.precision}_${type.scale}_${fieldId}`,
        size: decimalRequiredBytes(type.precision),
        logicalType: 'decimal',
        precision: type.precision,
        scale: type.scale,
      };
    case 'fixed':
      return { type: 'fixed', name: `fixed_${type.length}_${fieldId}`, size: type.length };
    case 'binary':
      return 'bytes';
    default:
      return type.type;
  }
}

/** One field of the partition tuple: its partition field id, name and result type. */
export interface PartitionTupleField {
  readonly fieldId: number;
  readonly name: string;
  readonly type: AnyPrimitiveType;
}

/** The `manifest_entry` schema of a v2 data or delete manifest for one partition type. */
export function manifestEntrySchema(partition: readonly PartitionTupleField[]): AvroSchemaJson {
  return {
    type: 'record',
    name: 'manifest_entry',
    fields: [
      { name: 'status', type: 'int', 'field-id': 0 },
      opt('snapshot_id', 1, 'long'),
      opt('sequence_number', 3, 'long'),
      opt('file_sequence_number', 4, 'long'),
      {
        name: 'data_file',
        'field-id': 2,
        type: {
          type: 'record',
          name: 'r2',
          fields: [
            { name: 'content', type: 'int', 'field-id': 134 },
            { name: 'file_path', type: 'string', 'field-id': 100 },
            { name: 'file_format', type: 'string', 'field-id': 101 },
            {
              name: 'partition',
              'field-id': 102,
              type: {
                type: 'record',
                name: 'r102',
                fields: partition.map((p) => opt(p.name, p.fieldId, avroTypeOf(p.type, p.fieldId))),
              },
            },
            { name: 'record_count', type: 'long', 'field-id': 103 },
            { name: 'file_size_in_bytes', type: 'long', 'field-id': 104 },
            opt('column_sizes', 108, intLongMap(117, 118, 'long')),
            opt('value_counts', 109, intLongMap(119, 120, 'long')),
            opt('null_value_counts', 110, intLongMap(121, 122, 'long')),
            opt('nan_value_counts', 137, intLongMap(138, 139, 'long')),
            opt('lower_bounds', 125, intLongMap(126, 127, 'bytes')),
            opt('upper_bounds', 128, intLongMap(129, 130, 'bytes')),
            opt('key_metadata', 131, 'bytes'),
            opt('split_offsets', 132, { type: 'array', items: 'long', 'element-id': 133 }),
            opt('equality_ids', 135, { type: 'array', items: 'int', 'element-id': 136 }),
            opt('sort_order_id', 140, 'int'),
            opt('referenced_data_file', 143, 'string'),
          ],
        },
      },
    ],
  };
}
