/**
 * Iceberg schema → Arrow schema, in the shape the Parquet writer in
 * parquet-wasm (arrow-rs) turns into the Parquet types Iceberg requires
 * (spec: Appendix A, "Parquet"):
 *
 * - every field, including list elements and map keys/values, carries
 *   `PARQUET:field_id`, which arrow-rs writes as the Parquet `field_id`;
 * - `nullable` follows Iceberg `required`, so columns are REQUIRED/OPTIONAL;
 * - lists are 3-level (`<name> (LIST) / repeated group list / element`);
 * - timestamptz → INT64 TIMESTAMP(MICROS, isAdjustedToUTC=true), timestamp →
 *   the same with `false`; time → TIME(MICROS); date → DATE;
 * - decimal(P,S) → INT32 (P ≤ 9), INT64 (P ≤ 18) or FIXED_LEN_BYTE_ARRAY;
 * - uuid → FIXED_LEN_BYTE_ARRAY(16). arrow-rs in parquet-wasm 0.8 does not add
 *   the UUID logical annotation; readers that bind by the Iceberg schema
 *   (PyIceberg, DuckDB's iceberg extension, Java) accept fixed[16] for uuid.
 * - Arrow JS always names the repeated group of a map `entries` (the Parquet
 *   convention is `key_value`; readers must accept any name).
 */
import {
  Schema as ArrowSchema,
  Binary,
  Bool,
  type DataType,
  DateDay,
  Decimal,
  Field,
  FixedSizeBinary,
  Float32,
  Float64,
  Int32,
  Int64,
  List,
  Map_,
  Struct,
  TimeMicrosecond,
  TimestampMicrosecond,
  Utf8,
} from 'apache-arrow';
import type { IcebergType, Schema } from '../spec/types.ts';

/** The Arrow field metadata key arrow-rs maps to the Parquet `field_id`. */
export const FIELD_ID_KEY = 'PARQUET:field_id';

function fieldIdMetadata(id: number): Map<string, string> {
  return new Map([[FIELD_ID_KEY, String(id)]]);
}

/** Builds an Arrow field carrying an Iceberg field id. */
export function arrowField(name: string, id: number, type: IcebergType, required: boolean): Field {
  return new Field(name, arrowType(type), !required, fieldIdMetadata(id));
}

/** The Arrow type an Iceberg type is written as. */
export function arrowType(type: IcebergType): DataType {
  switch (type.type) {
    case 'boolean':
      return new Bool();
    case 'int':
      return new Int32();
    case 'long':
      return new Int64();
    case 'float':
      return new Float32();
    case 'double':
      return new Float64();
    case 'date':
      return new DateDay();
    case 'time':
      return new TimeMicrosecond();
    case 'timestamp':
      return new TimestampMicrosecond();
    case 'timestamptz':
      return new TimestampMicrosecond('UTC');
    case 'string':
      return new Utf8();
    case 'uuid':
      return new FixedSizeBinary(16);
    case 'fixed':
      return new FixedSizeBinary(type.length);
    case 'binary':
      return new Binary();
    case 'decimal':
      return new Decimal(type.scale, type.precision, 128);
    case 'struct':
      return new Struct(type.fields.map((f) => arrowField(f.name, f.id, f.type, f.required)));
    case 'list':
      return new List(arrowField('element', type.elementId, type.element, type.elementRequired));
    case 'map': {
      const entries = new Struct([
        arrowField('key', type.keyId, type.key, true),
        arrowField('value', type.valueId, type.value, type.valueRequired),
      ]);
      return new Map_(new Field('key_value', entries, false));
    }
  }
}

/** The Arrow schema of a table schema, field ids included. */
export function arrowSchema(schema: Schema): ArrowSchema {
  return new ArrowSchema(schema.fields.map((f) => arrowField(f.name, f.id, f.type, f.required)));
}
