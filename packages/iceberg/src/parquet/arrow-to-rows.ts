/**
 * Arrow data → canonical rows (see `row-values.ts`), binding columns by
 * Iceberg field id so renamed columns still find their data; columns the
 * file does not have (added later) read as null, and promoted types (int →
 * long, float → double) are widened.
 */
import { type Data, type Field, makeVector, type Table, Type } from 'apache-arrow';
import { IcebergError } from '../errors.ts';
import { bytesToUuid, twosComplementToBigint } from '../spec/single-value.ts';
import type { IcebergType, NestedField, Schema } from '../spec/types.ts';
import { FIELD_ID_KEY } from './arrow-schema.ts';

const decoder = new TextDecoder();

type Reader = (data: Data, index: number) => unknown;

/** Finds the child field carrying `id`, falling back to `name` for files written without ids. */
function childIndex(fields: readonly Field[], id: number, name: string): number {
  const byId = fields.findIndex((f) => f.metadata.get(FIELD_ID_KEY) === String(id));
  if (byId >= 0) return byId;
  const anyIds = fields.some((f) => f.metadata.has(FIELD_ID_KEY));
  return anyIds ? -1 : fields.findIndex((f) => f.name === name);
}

function bytesAt(data: Data, index: number): Uint8Array {
  const offsets = data.valueOffsets as Int32Array | BigInt64Array;
  const start = Number(offsets[index]);
  const end = Number(offsets[index + 1]);
  return (data.values as Uint8Array).subarray(start, end);
}

function primitiveReader(type: IcebergType, arrowTypeId: Type): Reader {
  const viaVector: Reader = (data, index) => makeVector(data).get(index);
  switch (type.type) {
    case 'boolean':
      return (data, index) => {
        const bit = data.offset + index;
        return ((data.values as Uint8Array)[bit >> 3]! & (1 << (bit & 7))) !== 0;
      };
    case 'int':
    case 'date':
    case 'float':
    case 'double':
      return (data, index) => Number((data.values as Int32Array)[index]);
    case 'long':
    case 'time':
    case 'timestamp':
    case 'timestamptz':
      return (data, index) => BigInt((data.values as BigInt64Array | Int32Array)[index]!);
    case 'string':
      if (arrowTypeId === Type.Utf8 || arrowTypeId === Type.LargeUtf8) {
        return (data, index) => decoder.decode(bytesAt(data, index));
      }
      return viaVector;
    case 'binary':
      if (arrowTypeId === Type.Binary || arrowTypeId === Type.LargeBinary) {
        return (data, index) => bytesAt(data, index).slice();
      }
      return (data, index) => (makeVector(data).get(index) as Uint8Array).slice();
    case 'uuid':
    case 'fixed': {
      const width = type.type === 'fixed' ? type.length : 16;
      return (data, index) => {
        if (arrowTypeId !== Type.FixedSizeBinary) {
          const v = makeVector(data).get(index) as Uint8Array | string;
          return type.type === 'uuid' && typeof v !== 'string' ? bytesToUuid(v) : v;
        }
        const bytes = (data.values as Uint8Array).slice(index * width, (index + 1) * width);
        return type.type === 'uuid' ? bytesToUuid(bytes) : bytes;
      };
    }
    case 'decimal':
      return (data, index) => {
        const words = data.values as Uint32Array;
        const stride = words.length / data.length || 4;
        // Little-endian words of a two's-complement integer; reverse to big-endian bytes.
        const bytes = new Uint8Array(stride * 4);
        const view = new DataView(bytes.buffer);
        for (let w = 0; w < stride; w++)
          view.setUint32((stride - 1 - w) * 4, words[index * stride + w]!, false);
        return twosComplementToBigint(bytes);
      };
    default:
      return viaVector;
  }
}

/** Which Arrow type ids may hold each Iceberg primitive (allowing the spec's promotions). */
const COMPATIBLE: Record<string, readonly Type[]> = {
  boolean: [Type.Bool],
  int: [Type.Int],
  long: [Type.Int],
  float: [Type.Float],
  double: [Type.Float],
  date: [Type.Date],
  time: [Type.Time],
  timestamp: [Type.Timestamp],
  timestamptz: [Type.Timestamp],
  string: [Type.Utf8, Type.LargeUtf8, Type.Utf8View],
  binary: [Type.Binary, Type.LargeBinary, Type.BinaryView, Type.FixedSizeBinary],
  uuid: [Type.FixedSizeBinary],
  fixed: [Type.FixedSizeBinary],
  decimal: [Type.Decimal],
};

/** Refuses a file column whose physical type cannot hold the schema's type (rather than misreading it). */
function checkCompatible(type: IcebergType, field: Field): void {
  const arrow = field.type as { typeId: Type; bitWidth?: number; precision?: number; scale?: number };
  const ok =
    (COMPATIBLE[type.type] ?? []).includes(arrow.typeId) &&
    !(type.type === 'int' && (arrow.bitWidth ?? 32) > 32) &&
    !(type.type === 'decimal' && (arrow.scale !== type.scale || (arrow.precision ?? 0) > type.precision)) &&
    !(
      type.type === 'float' &&
      field.type.typeId === Type.Float &&
      (field.type as { precision: number }).precision > 1
    );
  if (!ok) {
    throw new IcebergError(
      'invalid-argument',
      `Parquet column ${field.name} holds ${String(field.type)}, which cannot be read as Iceberg ${type.type}${type.type === 'decimal' ? `(${type.precision}, ${type.scale})` : ''}`,
      { column: field.name, fileType: String(field.type), schemaType: type.type },
    );
  }
}

/** Arrow units per microsecond-or-day, by Arrow `TimeUnit` (SECOND, MILLISECOND, MICROSECOND, NANOSECOND). */
const MICROS_PER_UNIT = [1_000_000n, 1_000n, 1n];

/** Converts time/timestamp values stored in another unit (ms, ns, s) to microseconds, and date millis to days. */
function timeScaled(type: IcebergType, field: Field, read: Reader): Reader {
  const unit = (field.type as { unit?: number }).unit;
  if (type.type === 'date') {
    // DateUnit.MILLISECOND = 1: convert to days.
    return unit === 1
      ? (data, index) =>
          Number(BigInt.asIntN(64, BigInt((data.values as BigInt64Array | Int32Array)[index]!)) / 86_400_000n)
      : read;
  }
  if (type.type !== 'time' && type.type !== 'timestamp' && type.type !== 'timestamptz') return read;
  if (unit === undefined || unit === 2) return read;
  if (unit === 3) {
    // Nanoseconds: floor to microseconds.
    return (data, index) => {
      const v = read(data, index) as bigint;
      return v / 1000n - (v % 1000n < 0n ? 1n : 0n);
    };
  }
  const factor = MICROS_PER_UNIT[unit] ?? 1n;
  return (data, index) => (read(data, index) as bigint) * factor;
}

/** Builds a reader of canonical values of `type` from Arrow data typed like `field`. */
function valueReader(type: IcebergType, field: Field): Reader {
  switch (type.type) {
    case 'struct': {
      const children = field.type.children as Field[];
      const parts = type.fields.map((f) => {
        const at = childIndex(children, f.id, f.name);
        return { name: f.name, at, read: at >= 0 ? valueReader(f.type, children[at]!) : undefined };
      });
      return (data, index) => {
        const out: Record<string, unknown> = {};
        for (const p of parts) {
          const child = data.children[p.at];
          out[p.name] = p.read && child?.getValid(index) ? p.read(child, index) : null;
        }
        return out;
      };
    }
    case 'list': {
      const elementField = field.type.children[0] as Field;
      const read = valueReader(type.element, elementField);
      return (data, index) => {
        const offsets = data.valueOffsets as Int32Array;
        const child = data.children[0]!;
        const out: unknown[] = [];
        for (let i = offsets[index]!; i < offsets[index + 1]!; i++)
          out.push(child.getValid(i) ? read(child, i) : null);
        return out;
      };
    }
    case 'map': {
      const entries = (field.type.children[0] as Field).type.children as Field[];
      const readKey = valueReader(type.key, entries[0]!);
      const readValue = valueReader(type.value, entries[1]!);
      return (data, index) => {
        const offsets = data.valueOffsets as Int32Array;
        const struct = data.children[0]!;
        const [keys, values] = struct.children as [Data, Data];
        const out = new Map<unknown, unknown>();
        for (let i = offsets[index]!; i < offsets[index + 1]!; i++) {
          out.set(readKey(keys, i), values.getValid(i) ? readValue(values, i) : null);
        }
        return out;
      };
    }
    default:
      checkCompatible(type, field);
      return timeScaled(type, field, primitiveReader(type, field.type.typeId));
  }
}

/**
 * Converts an Arrow table into canonical rows of `schema`, keyed by the
 * schema's (current) column names and bound to the table's columns by field id.
 */
export function arrowToRows(schema: Schema, table: Table): Record<string, unknown>[] {
  const fields = table.schema.fields;
  const columns = schema.fields.map((f: NestedField) => {
    const at = childIndex(fields, f.id, f.name);
    return { name: f.name, at, read: at >= 0 ? valueReader(f.type, fields[at]!) : undefined };
  });
  const rows: Record<string, unknown>[] = [];
  for (const batch of table.batches) {
    const children = batch.data.children;
    for (let i = 0; i < batch.numRows; i++) {
      const row: Record<string, unknown> = {};
      for (const c of columns) {
        const data = children[c.at];
        row[c.name] = c.read && data?.getValid(i) ? c.read(data, i) : null;
      }
      rows.push(row);
    }
  }
  return rows;
}
