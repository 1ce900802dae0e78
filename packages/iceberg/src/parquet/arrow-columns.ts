/**
 * Canonical row values → Arrow column data, one builder per Iceberg type,
 * written straight into typed arrays (Arrow JS's own builders take
 * timestamps as milliseconds and lose the microseconds). Each leaf builder
 * feeds a `LeafMetrics`, so one pass over the values both lays out the
 * columns and gathers the file's Iceberg metrics.
 */
import { type Data, type DataType, makeData } from 'apache-arrow';
import type { LeafMetrics } from '../metrics/leaf-metrics.ts';
import { uuidToBytes } from '../spec/single-value.ts';
import type { AnyPrimitiveType, IcebergType } from '../spec/types.ts';
import { arrowType } from './arrow-schema.ts';

/** Accumulates canonical values of one column and emits Arrow `Data`. */
export interface ColumnBuilder {
  append(value: unknown): void;
  /** Appends `rows[i][name]` for every row (the hot path: one monomorphic loop per column). */
  appendColumn(rows: readonly Readonly<Record<string, unknown>>[], name: string): void;
  /** Makes room for `n` more values up front: one exact allocation instead of repeated doubling. */
  reserve(n: number): void;
  finish(): Data;
}

const encoder = new TextEncoder();

/** A validity bitmap that grows as values are appended. */
class Validity {
  bits = new Uint8Array(64);
  length = 0;
  nulls = 0;

  reserve(n: number): void {
    this.bits = ensure(this.bits, ((this.length + n) >> 3) + 1);
  }

  push(valid: boolean): void {
    const i = this.length++;
    if (i >> 3 >= this.bits.length) this.bits = grow(this.bits, (i >> 3) + 1);
    if (valid) this.bits[i >> 3]! |= 1 << (i & 7);
    else this.nulls++;
  }

  /** The bitmap, or nothing when every value is valid (Arrow's convention). */
  finish(): Uint8Array | undefined {
    return this.nulls === 0 ? undefined : this.bits.subarray(0, (this.length + 7) >> 3);
  }
}

function grow<T extends Uint8Array | Int32Array | Float32Array | Float64Array | BigInt64Array | Uint32Array>(
  array: T,
  min: number,
): T {
  const next = new (array.constructor as new (n: number) => T)(Math.max(min, array.length * 2));
  next.set(array as never);
  return next;
}

/** `array` with room for at least `size` elements, reallocated to exactly that size when short. */
function ensure<
  T extends Uint8Array | Int32Array | Float32Array | Float64Array | BigInt64Array | Uint32Array,
>(array: T, size: number): T {
  if (array.length >= size) return array;
  const next = new (array.constructor as new (n: number) => T)(size);
  next.set(array as never);
  return next;
}

type NumericArray = Int32Array | Float32Array | Float64Array | BigInt64Array;

/** Fixed-width numbers: int, long, float, double, date, time, timestamp(tz). */
class NumericBuilder implements ColumnBuilder {
  private values: NumericArray;
  private readonly validity = new Validity();
  private readonly type: DataType;
  private readonly zero: number | bigint;
  private readonly metrics: LeafMetrics;
  constructor(
    type: DataType,
    make: (n: number) => NumericArray,
    zero: number | bigint,
    metrics: LeafMetrics,
  ) {
    this.type = type;
    this.zero = zero;
    this.metrics = metrics;
    this.values = make(64);
  }
  reserve(n: number): void {
    this.values = ensure(this.values, this.validity.length + n);
    this.validity.reserve(n);
  }
  appendColumn(rows: readonly Readonly<Record<string, unknown>>[], name: string): void {
    this.reserve(rows.length);
    for (let r = 0; r < rows.length; r++) this.append(rows[r]![name] ?? null);
  }
  append(value: unknown): void {
    const i = this.validity.length;
    if (i >= this.values.length) this.values = grow(this.values, i + 1);
    this.values[i] = (value ?? this.zero) as never;
    this.validity.push(value !== null);
    this.metrics.add(value);
  }
  finish(): Data {
    const length = this.validity.length;
    return makeData({
      type: this.type,
      length,
      nullCount: this.validity.nulls,
      nullBitmap: this.validity.finish(),
      data: this.values.subarray(0, length),
    } as never);
  }
}

class BooleanBuilder implements ColumnBuilder {
  private readonly values = new Validity();
  private readonly validity = new Validity();
  private readonly type: DataType;
  private readonly metrics: LeafMetrics;
  constructor(type: DataType, metrics: LeafMetrics) {
    this.type = type;
    this.metrics = metrics;
  }
  reserve(n: number): void {
    this.values.reserve(n);
    this.validity.reserve(n);
  }
  appendColumn(rows: readonly Readonly<Record<string, unknown>>[], name: string): void {
    this.reserve(rows.length);
    for (let r = 0; r < rows.length; r++) this.append(rows[r]![name] ?? null);
  }
  append(value: unknown): void {
    this.values.push(value === true);
    this.validity.push(value !== null);
    this.metrics.add(value);
  }
  finish(): Data {
    const length = this.validity.length;
    const bits = this.values.bits.subarray(0, (length + 7) >> 3);
    return makeData({
      type: this.type,
      length,
      nullCount: this.validity.nulls,
      nullBitmap: this.validity.finish(),
      data: bits,
    } as never);
  }
}

/** Variable-length values: string and binary. */
class VariableBuilder implements ColumnBuilder {
  private offsets = new Int32Array(65);
  private bytes = new Uint8Array(1024);
  private used = 0;
  private readonly validity = new Validity();
  private readonly type: DataType;
  private readonly isString: boolean;
  private readonly metrics: LeafMetrics;
  constructor(type: DataType, isString: boolean, metrics: LeafMetrics) {
    this.type = type;
    this.isString = isString;
    this.metrics = metrics;
  }
  reserve(n: number): void {
    this.offsets = ensure(this.offsets, this.validity.length + n + 1);
    this.validity.reserve(n);
  }
  appendColumn(rows: readonly Readonly<Record<string, unknown>>[], name: string): void {
    this.reserve(rows.length);
    // One pass to size the byte buffer: exact for ASCII strings and binary; wider text grows on demand.
    let total = 0;
    for (let r = 0; r < rows.length; r++) {
      const v = rows[r]![name] as string | Uint8Array | null | undefined;
      if (v != null) total += v.length;
    }
    this.bytes = ensure(this.bytes, this.used + total);
    for (let r = 0; r < rows.length; r++) this.append(rows[r]![name] ?? null);
  }
  append(value: unknown): void {
    const i = this.validity.length;
    if (value === null) {
      this.metrics.add(null);
    } else if (this.isString) {
      const s = value as string;
      if (this.used + s.length > this.bytes.length) this.bytes = grow(this.bytes, this.used + s.length);
      // ASCII fast path: most event strings (URLs, ids, codes) are ASCII, and a byte loop beats
      // TextEncoder.encodeInto's per-call cost on short strings.
      const bytes = this.bytes;
      let at = this.used;
      let k = 0;
      for (; k < s.length; k++) {
        const c = s.charCodeAt(k);
        if (c >= 0x80) break;
        bytes[at++] = c;
      }
      const ascii = k === s.length;
      if (!ascii) {
        // UTF-8 needs at most 3 bytes per remaining UTF-16 unit.
        if (at + (s.length - k) * 3 > this.bytes.length)
          this.bytes = grow(this.bytes, at + (s.length - k) * 3);
        at += encoder.encodeInto(s.slice(k), this.bytes.subarray(at)).written;
      }
      this.used = at;
      this.metrics.addString(s, ascii);
    } else {
      const b = value as Uint8Array;
      if (this.used + b.length > this.bytes.length) this.bytes = grow(this.bytes, this.used + b.length);
      this.bytes.set(b, this.used);
      this.used += b.length;
      this.metrics.add(b);
    }
    if (i + 2 > this.offsets.length) this.offsets = grow(this.offsets, i + 2);
    this.offsets[i + 1] = this.used;
    this.validity.push(value !== null);
  }
  finish(): Data {
    const length = this.validity.length;
    return makeData({
      type: this.type,
      length,
      nullCount: this.validity.nulls,
      nullBitmap: this.validity.finish(),
      valueOffsets: this.offsets.subarray(0, length + 1),
      data: this.bytes.subarray(0, this.used),
    } as never);
  }
}

/** Fixed-size byte values: fixed[L] and uuid. */
class FixedBuilder implements ColumnBuilder {
  private bytes: Uint8Array;
  private readonly validity = new Validity();
  private readonly type: DataType;
  private readonly width: number;
  private readonly isUuid: boolean;
  private readonly metrics: LeafMetrics;
  constructor(type: DataType, width: number, isUuid: boolean, metrics: LeafMetrics) {
    this.type = type;
    this.width = width;
    this.isUuid = isUuid;
    this.metrics = metrics;
    this.bytes = new Uint8Array(width * 64);
  }
  reserve(n: number): void {
    this.bytes = ensure(this.bytes, (this.validity.length + n) * this.width);
    this.validity.reserve(n);
  }
  appendColumn(rows: readonly Readonly<Record<string, unknown>>[], name: string): void {
    this.reserve(rows.length);
    for (let r = 0; r < rows.length; r++) this.append(rows[r]![name] ?? null);
  }
  append(value: unknown): void {
    const i = this.validity.length;
    if ((i + 1) * this.width > this.bytes.length) this.bytes = grow(this.bytes, (i + 1) * this.width);
    if (value !== null) {
      this.bytes.set(this.isUuid ? uuidToBytes(value as string) : (value as Uint8Array), i * this.width);
    }
    this.validity.push(value !== null);
    this.metrics.add(value);
  }
  finish(): Data {
    const length = this.validity.length;
    return makeData({
      type: this.type,
      length,
      nullCount: this.validity.nulls,
      nullBitmap: this.validity.finish(),
      data: this.bytes.subarray(0, length * this.width),
    } as never);
  }
}

/** Decimals as Arrow Decimal128: four little-endian 32-bit words of the two's-complement unscaled value. */
class DecimalBuilder implements ColumnBuilder {
  private words = new Uint32Array(256);
  private readonly validity = new Validity();
  private readonly type: DataType;
  private readonly metrics: LeafMetrics;
  constructor(type: DataType, metrics: LeafMetrics) {
    this.type = type;
    this.metrics = metrics;
  }
  reserve(n: number): void {
    this.words = ensure(this.words, (this.validity.length + n) * 4);
    this.validity.reserve(n);
  }
  appendColumn(rows: readonly Readonly<Record<string, unknown>>[], name: string): void {
    this.reserve(rows.length);
    for (let r = 0; r < rows.length; r++) this.append(rows[r]![name] ?? null);
  }
  append(value: unknown): void {
    const i = this.validity.length;
    if ((i + 1) * 4 > this.words.length) this.words = grow(this.words, (i + 1) * 4);
    if (value !== null) {
      let v = BigInt.asUintN(128, value as bigint);
      for (let w = 0; w < 4; w++) {
        this.words[i * 4 + w] = Number(v & 0xffffffffn);
        v >>= 32n;
      }
    }
    this.validity.push(value !== null);
    this.metrics.add(value);
  }
  finish(): Data {
    const length = this.validity.length;
    return makeData({
      type: this.type,
      length,
      nullCount: this.validity.nulls,
      nullBitmap: this.validity.finish(),
      data: this.words.subarray(0, length * 4),
    } as never);
  }
}

class StructBuilder implements ColumnBuilder {
  private readonly validity = new Validity();
  private readonly type: DataType;
  private readonly names: readonly string[];
  private readonly children: readonly ColumnBuilder[];
  constructor(type: DataType, names: readonly string[], children: readonly ColumnBuilder[]) {
    this.type = type;
    this.names = names;
    this.children = children;
  }
  reserve(n: number): void {
    this.validity.reserve(n);
    for (const child of this.children) child.reserve(n);
  }
  appendColumn(rows: readonly Readonly<Record<string, unknown>>[], name: string): void {
    this.reserve(rows.length);
    for (let r = 0; r < rows.length; r++) this.append(rows[r]![name] ?? null);
  }
  append(value: unknown): void {
    const obj = value as Record<string, unknown> | null;
    // A null struct still needs a slot in every child; those slots count as child nulls, as in Parquet.
    for (let c = 0; c < this.children.length; c++)
      this.children[c]!.append(obj === null ? null : obj[this.names[c]!]);
    this.validity.push(obj !== null);
  }
  finish(): Data {
    return makeData({
      type: this.type,
      length: this.validity.length,
      nullCount: this.validity.nulls,
      nullBitmap: this.validity.finish(),
      children: this.children.map((c) => c.finish()),
    } as never);
  }
}

/** Lists, and maps (a list of key/value entries). */
class RepeatedBuilder implements ColumnBuilder {
  private offsets = new Int32Array(65);
  private count = 0;
  private readonly validity = new Validity();
  private readonly type: DataType;
  private readonly isMap: boolean;
  private readonly elements: ColumnBuilder;
  constructor(type: DataType, isMap: boolean, elements: ColumnBuilder) {
    this.type = type;
    this.isMap = isMap;
    this.elements = elements;
  }
  reserve(n: number): void {
    this.offsets = ensure(this.offsets, this.validity.length + n + 1);
    this.validity.reserve(n);
  }
  appendColumn(rows: readonly Readonly<Record<string, unknown>>[], name: string): void {
    this.reserve(rows.length);
    for (let r = 0; r < rows.length; r++) this.append(rows[r]![name] ?? null);
  }
  append(value: unknown): void {
    const i = this.validity.length;
    if (value !== null) {
      if (this.isMap) {
        for (const [k, v] of value as Map<unknown, unknown>) this.elements.append({ key: k, value: v });
        this.count += (value as Map<unknown, unknown>).size;
      } else {
        for (const v of value as unknown[]) this.elements.append(v);
        this.count += (value as unknown[]).length;
      }
    }
    if (i + 2 > this.offsets.length) this.offsets = grow(this.offsets, i + 2);
    this.offsets[i + 1] = this.count;
    this.validity.push(value !== null);
  }
  finish(): Data {
    const length = this.validity.length;
    return makeData({
      type: this.type,
      length,
      nullCount: this.validity.nulls,
      nullBitmap: this.validity.finish(),
      valueOffsets: this.offsets.subarray(0, length + 1),
      child: this.elements.finish(),
    } as never);
  }
}

/** Where to register leaf metrics while building a column tree. */
export interface MetricsSink {
  leaf(fieldId: number, type: AnyPrimitiveType, path: string, inRepeated: boolean): LeafMetrics;
}

/**
 * Creates the builder for a column of `type` with field id `fieldId`.
 * `path` is the dotted column name; `inRepeated` marks list/map descendants.
 */
export function columnBuilder(
  fieldId: number,
  type: IcebergType,
  path: string,
  inRepeated: boolean,
  sink: MetricsSink,
): ColumnBuilder {
  const arrow = arrowType(type);
  switch (type.type) {
    case 'struct':
      return new StructBuilder(
        arrow,
        type.fields.map((f) => f.name),
        type.fields.map((f) => columnBuilder(f.id, f.type, `${path}.${f.name}`, inRepeated, sink)),
      );
    case 'list':
      return new RepeatedBuilder(
        arrow,
        false,
        columnBuilder(type.elementId, type.element, `${path}.element`, true, sink),
      );
    case 'map': {
      const entries = new StructBuilder(
        arrow.children[0]!.type,
        ['key', 'value'],
        [
          columnBuilder(type.keyId, type.key, `${path}.key`, true, sink),
          columnBuilder(type.valueId, type.value, `${path}.value`, true, sink),
        ],
      );
      return new RepeatedBuilder(arrow, true, entries);
    }
  }
  const metrics = sink.leaf(fieldId, type, path, inRepeated);
  switch (type.type) {
    case 'boolean':
      return new BooleanBuilder(arrow, metrics);
    case 'int':
    case 'date':
      return new NumericBuilder(arrow, (n) => new Int32Array(n), 0, metrics);
    case 'float':
      return new NumericBuilder(arrow, (n) => new Float32Array(n), 0, metrics);
    case 'double':
      return new NumericBuilder(arrow, (n) => new Float64Array(n), 0, metrics);
    case 'long':
    case 'time':
    case 'timestamp':
    case 'timestamptz':
      return new NumericBuilder(arrow, (n) => new BigInt64Array(n), 0n, metrics);
    case 'string':
      return new VariableBuilder(arrow, true, metrics);
    case 'binary':
      return new VariableBuilder(arrow, false, metrics);
    case 'uuid':
      return new FixedBuilder(arrow, 16, true, metrics);
    case 'fixed':
      return new FixedBuilder(arrow, type.length, false, metrics);
    case 'decimal':
      return new DecimalBuilder(arrow, metrics);
  }
}
