/**
 * Avro binary encoding (Avro spec "Binary Encoding"): zig-zag varints, IEEE
 * floats little-endian, length-prefixed bytes and strings, blocked arrays and
 * maps. Values: `long` ↔ bigint, `int` ↔ number, `bytes`/`fixed` ↔ Uint8Array,
 * records ↔ plain objects, unions ↔ the value of the chosen branch.
 */
import { IcebergError } from '../errors.ts';
import type { AvroNode } from './avro-schema.ts';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A growable output buffer. */
export class ByteWriter {
  private buf = new Uint8Array(1024);
  private view = new DataView(this.buf.buffer);
  length = 0;

  private ensure(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  byte(b: number): void {
    this.ensure(1);
    this.buf[this.length++] = b;
  }

  raw(bytes: Uint8Array): void {
    this.ensure(bytes.length);
    this.buf.set(bytes, this.length);
    this.length += bytes.length;
  }

  long(v: bigint | number): void {
    let z = BigInt.asUintN(64, (BigInt(v) << 1n) ^ (BigInt(v) >> 63n));
    while (z >= 0x80n) {
      this.byte(Number(z & 0x7fn) | 0x80);
      z >>= 7n;
    }
    this.byte(Number(z));
  }

  int(v: number): void {
    let z = ((v << 1) ^ (v >> 31)) >>> 0;
    while (z >= 0x80) {
      this.byte((z & 0x7f) | 0x80);
      z >>>= 7;
    }
    this.byte(z);
  }

  float(v: number): void {
    this.ensure(4);
    this.view.setFloat32(this.length, v, true);
    this.length += 4;
  }

  double(v: number): void {
    this.ensure(8);
    this.view.setFloat64(this.length, v, true);
    this.length += 8;
  }

  bytes(b: Uint8Array): void {
    this.long(b.length);
    this.raw(b);
  }

  string(s: string): void {
    this.bytes(encoder.encode(s));
  }

  toBytes(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

/** A cursor over input bytes. */
export class ByteReader {
  private readonly view: DataView;
  pos = 0;
  readonly buf: Uint8Array;

  constructor(buf: Uint8Array) {
    this.buf = buf;
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  private need(n: number): void {
    if (this.pos + n > this.buf.length)
      throw new IcebergError('invalid-argument', 'Invalid Avro data: unexpected end of input');
  }

  byte(): number {
    this.need(1);
    return this.buf[this.pos++]!;
  }

  raw(n: number): Uint8Array {
    this.need(n);
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  long(): bigint {
    let shift = 0n;
    let z = 0n;
    for (;;) {
      const b = this.byte();
      z |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) break;
      shift += 7n;
      if (shift > 63n) throw new IcebergError('invalid-argument', 'Invalid Avro data: varint too long');
    }
    return (z >> 1n) ^ -(z & 1n);
  }

  int(): number {
    let shift = 0;
    let z = 0;
    for (;;) {
      const b = this.byte();
      z += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) break;
      shift += 7;
      if (shift > 35) throw new IcebergError('invalid-argument', 'Invalid Avro data: varint too long');
    }
    return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
  }

  float(): number {
    this.need(4);
    const v = this.view.getFloat32(this.pos, true);
    this.pos += 4;
    return v;
  }

  double(): number {
    this.need(8);
    const v = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }

  bytes(): Uint8Array {
    return this.raw(Number(this.long()));
  }

  string(): string {
    return decoder.decode(this.bytes());
  }
}

function matches(node: AvroNode, value: unknown): boolean {
  switch (node.kind) {
    case 'null':
      return value === null || value === undefined;
    case 'boolean':
      return typeof value === 'boolean';
    case 'int':
    case 'float':
    case 'double':
      return typeof value === 'number';
    case 'long':
      return typeof value === 'bigint' || typeof value === 'number';
    case 'string':
    case 'enum':
      return typeof value === 'string';
    case 'bytes':
      return value instanceof Uint8Array;
    case 'fixed':
      return value instanceof Uint8Array && value.length === node.size;
    case 'array':
      return Array.isArray(value);
    case 'map':
      return value instanceof Map || (typeof value === 'object' && value !== null);
    case 'record':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'union':
      return node.branches.some((b) => matches(b, value));
  }
}

/** Encodes one value. */
export function encodeValue(node: AvroNode, value: unknown, out: ByteWriter, path = ''): void {
  switch (node.kind) {
    case 'null':
      return;
    case 'boolean':
      out.byte(value ? 1 : 0);
      return;
    case 'int':
      out.int(value as number);
      return;
    case 'long':
      out.long(value as bigint);
      return;
    case 'float':
      out.float(value as number);
      return;
    case 'double':
      out.double(value as number);
      return;
    case 'bytes':
      out.bytes(value as Uint8Array);
      return;
    case 'string':
      out.string(value as string);
      return;
    case 'fixed':
      out.raw(value as Uint8Array);
      return;
    case 'enum':
      out.int(node.symbols.indexOf(value as string));
      return;
    case 'array': {
      const items = value as readonly unknown[];
      if (items.length > 0) {
        out.long(items.length);
        for (const item of items) encodeValue(node.items, item, out, path);
      }
      out.long(0);
      return;
    }
    case 'map': {
      const entries = value instanceof Map ? [...value.entries()] : Object.entries(value as object);
      if (entries.length > 0) {
        out.long(entries.length);
        for (const [k, v] of entries) {
          out.string(String(k));
          encodeValue(node.values, v, out, path);
        }
      }
      out.long(0);
      return;
    }
    case 'union': {
      const index = node.branches.findIndex((b) => matches(b, value));
      if (index < 0) {
        throw new IcebergError(
          'invalid-argument',
          `Cannot write Avro value at '${path}': no union branch matches`,
          { path },
        );
      }
      out.long(index);
      encodeValue(node.branches[index]!, value, out, path);
      return;
    }
    case 'record': {
      const record = value as Record<string, unknown>;
      for (const f of node.fields) {
        const v = record[f.name];
        if ((v === undefined || v === null) && !matches(f.node, null)) {
          throw new IcebergError(
            'invalid-argument',
            `Cannot write Avro record: required field '${path}${f.name}' is missing`,
          );
        }
        encodeValue(f.node, v, out, `${path}${f.name}.`);
      }
      return;
    }
  }
}

/** Decodes one value written with `node`. */
export function decodeValue(node: AvroNode, input: ByteReader): unknown {
  switch (node.kind) {
    case 'null':
      return null;
    case 'boolean':
      return input.byte() !== 0;
    case 'int':
      return input.int();
    case 'long':
      return input.long();
    case 'float':
      return input.float();
    case 'double':
      return input.double();
    case 'bytes':
      return input.bytes().slice();
    case 'string':
      return input.string();
    case 'fixed':
      return input.raw(node.size).slice();
    case 'enum':
      return node.symbols[input.int()];
    case 'array': {
      const out: unknown[] = [];
      for (;;) {
        let count = Number(input.long());
        if (count === 0) return out;
        if (count < 0) {
          count = -count;
          input.long(); // block size in bytes
        }
        for (let i = 0; i < count; i++) out.push(decodeValue(node.items, input));
      }
    }
    case 'map': {
      const out = new Map<string, unknown>();
      for (;;) {
        let count = Number(input.long());
        if (count === 0) return out;
        if (count < 0) {
          count = -count;
          input.long();
        }
        for (let i = 0; i < count; i++) out.set(input.string(), decodeValue(node.values, input));
      }
    }
    case 'union': {
      const index = Number(input.long());
      const branch = node.branches[index];
      if (!branch)
        throw new IcebergError('invalid-argument', `Invalid Avro data: union branch ${index} does not exist`);
      return decodeValue(branch, input);
    }
    case 'record': {
      const out: Record<string, unknown> = {};
      for (const f of node.fields) out[f.name] = decodeValue(f.node, input);
      return out;
    }
  }
}
