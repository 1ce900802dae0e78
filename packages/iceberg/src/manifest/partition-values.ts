/**
 * Partition tuples between the domain (canonical values: uuid strings,
 * unscaled decimal bigints, dates as day numbers) and Avro (uuid and decimal
 * as `fixed`, ICEBERG.md §2.1).
 */
import type { PartitionValue } from '../spec/data-file.ts';
import type { PartitionSpec } from '../spec/partition-spec.ts';
import { findField } from '../spec/schema-util.ts';
import { bytesToUuid, twosComplementToBigint, uuidToBytes } from '../spec/single-value.ts';
import { type AnyPrimitiveType, isPrimitive, type Schema } from '../spec/types.ts';
import { parseTransform, transformResultType } from '../transforms/transform.ts';
import { decimalRequiredBytes, type PartitionTupleField } from './manifest-schemas.ts';

/** The partition tuple type of a spec: result types come from the source columns in `schema`. */
export function partitionTupleFields(spec: PartitionSpec, schema: Schema): PartitionTupleField[] {
  return spec.fields.map((f) => {
    const source = findField(schema, f.sourceId)?.type;
    const t = parseTransform(f.transform);
    // A source column dropped since the spec was made: void and unknown results are carried as strings.
    const type: AnyPrimitiveType =
      source && isPrimitive(source)
        ? transformResultType(t, source)
        : t.kind === 'bucket' || t.kind === 'year' || t.kind === 'month' || t.kind === 'hour'
          ? { type: 'int' }
          : t.kind === 'day'
            ? { type: 'date' }
            : { type: 'string' };
    return { fieldId: f.fieldId, name: avroName(f.name), type };
  });
}

/** An Avro-compatible name (Java `AvroSchemaUtil.makeCompatibleName`): invalid characters become `_x<HEX>`. */
export function avroName(name: string): string {
  let out = '';
  for (let i = 0; i < name.length; i++) {
    const ch = name[i]!;
    const ok = /[A-Za-z_]/.test(ch) || (i > 0 && /[0-9]/.test(ch));
    out += ok ? ch : /[0-9]/.test(ch) ? `_${ch}` : `_x${ch.charCodeAt(0).toString(16).toUpperCase()}`;
  }
  return out;
}

/** A partition value as the Avro writer takes it. */
export function partitionValueToAvro(type: AnyPrimitiveType, value: PartitionValue): unknown {
  if (value === null) return null;
  switch (type.type) {
    case 'uuid':
      return typeof value === 'string' ? uuidToBytes(value) : value;
    case 'decimal': {
      const size = decimalRequiredBytes(type.precision);
      const out = new Uint8Array(size);
      let v = BigInt.asUintN(size * 8, value as bigint);
      for (let i = size - 1; i >= 0; i--) {
        out[i] = Number(v & 0xffn);
        v >>= 8n;
      }
      return out;
    }
    case 'long':
    case 'time':
    case 'timestamp':
    case 'timestamptz':
      return typeof value === 'bigint' ? value : BigInt(value as number);
    case 'int':
    case 'date':
      return typeof value === 'bigint' ? Number(value) : value;
    default:
      return value;
  }
}

/** Reads an Avro partition value back, guided by the field's Avro type JSON (logical types included). */
export function partitionValueFromAvro(avroType: unknown, value: unknown): PartitionValue {
  if (value === null || value === undefined) return null;
  const t = Array.isArray(avroType) ? avroType.find((b) => b !== 'null') : avroType;
  const logical =
    typeof t === 'object' && t !== null ? (t as { logicalType?: string }).logicalType : undefined;
  if (logical === 'uuid' && value instanceof Uint8Array) return bytesToUuid(value);
  if (logical === 'decimal' && value instanceof Uint8Array) return twosComplementToBigint(value);
  return value as PartitionValue;
}
