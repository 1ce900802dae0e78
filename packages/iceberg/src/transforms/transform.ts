/**
 * Partition transforms (spec: "Partition Transforms", ICEBERG.md §1.5) over
 * the canonical row values of `parquet/row-values.ts`: int and date are
 * numbers, long/time/timestamps (µs) and decimals (unscaled) are bigints.
 * All transforms map null to null; time transforms floor before 1970.
 */
import { IcebergError } from '../errors.ts';
import type { PartitionValue } from '../spec/data-file.ts';
import { bigintToTwosComplement, uuidToBytes } from '../spec/single-value.ts';
import type { AnyPrimitiveType } from '../spec/types.ts';
import { murmur3x86_32 } from './murmur3.ts';

/** A parsed transform. Unknown transforms are kept so readers can ignore them. */
export type Transform =
  | { readonly kind: 'identity' }
  | { readonly kind: 'bucket'; readonly numBuckets: number }
  | { readonly kind: 'truncate'; readonly width: number }
  | { readonly kind: 'year' }
  | { readonly kind: 'month' }
  | { readonly kind: 'day' }
  | { readonly kind: 'hour' }
  | { readonly kind: 'void' }
  | { readonly kind: 'unknown'; readonly text: string };

const PARAM = /^(bucket|truncate)\[\s*(\d+)\s*\]$/;

/** Parses the textual form used in metadata JSON (`day`, `bucket[16]`, `truncate[4]`). */
export function parseTransform(text: string): Transform {
  const m = PARAM.exec(text);
  if (m) {
    const n = Number(m[2]);
    if (n <= 0)
      throw new IcebergError('invalid-argument', `Invalid transform ${text}: the parameter must be positive`);
    return m[1] === 'bucket' ? { kind: 'bucket', numBuckets: n } : { kind: 'truncate', width: n };
  }
  switch (text) {
    case 'identity':
    case 'year':
    case 'month':
    case 'day':
    case 'hour':
    case 'void':
      return { kind: text };
    default:
      return { kind: 'unknown', text };
  }
}

/** The textual form of a transform. */
export function formatTransform(t: Transform): string {
  switch (t.kind) {
    case 'bucket':
      return `bucket[${t.numBuckets}]`;
    case 'truncate':
      return `truncate[${t.width}]`;
    case 'unknown':
      return t.text;
    default:
      return t.kind;
  }
}

const BUCKETABLE = new Set([
  'int',
  'long',
  'decimal',
  'date',
  'time',
  'timestamp',
  'timestamptz',
  'string',
  'uuid',
  'fixed',
  'binary',
]);
const TRUNCATABLE = new Set(['int', 'long', 'decimal', 'string', 'binary']);
const DATED = new Set(['date', 'timestamp', 'timestamptz']);
const TIMED = new Set(['timestamp', 'timestamptz']);

/** True when the transform applies to the source type (spec's transform table). */
export function canTransform(t: Transform, source: AnyPrimitiveType): boolean {
  switch (t.kind) {
    case 'identity':
    case 'void':
      return true;
    case 'bucket':
      return BUCKETABLE.has(source.type);
    case 'truncate':
      return TRUNCATABLE.has(source.type);
    case 'year':
    case 'month':
    case 'day':
      return DATED.has(source.type);
    case 'hour':
      return TIMED.has(source.type);
    case 'unknown':
      return false;
  }
}

/** The type of the transform's result: the partition field's type in manifests. */
export function transformResultType(t: Transform, source: AnyPrimitiveType): AnyPrimitiveType {
  switch (t.kind) {
    case 'bucket':
    case 'year':
    case 'month':
    case 'hour':
      return { type: 'int' };
    case 'day':
      return { type: 'date' };
    default:
      return source;
  }
}

const MICROS_PER_HOUR = 3_600_000_000n;
const MICROS_PER_DAY = 86_400_000_000n;
const MS_PER_DAY = 86_400_000;

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

function toDays(type: AnyPrimitiveType, value: unknown): number {
  if (type.type === 'date') return value as number;
  return Number(floorDiv(value as bigint, MICROS_PER_DAY));
}

function yearsMonths(days: number): { years: number; months: number } {
  const d = new Date(days * MS_PER_DAY);
  const years = d.getUTCFullYear() - 1970;
  return { years, months: years * 12 + d.getUTCMonth() };
}

const encoder = new TextEncoder();

function longBytes(v: bigint): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigInt64(0, v, true);
  return out;
}

/** The bytes the bucket transform hashes for a value (ICEBERG.md §1.5 "Bucket hash inputs"). */
export function bucketHashBytes(type: AnyPrimitiveType, value: unknown): Uint8Array {
  switch (type.type) {
    case 'int':
    case 'date':
      return longBytes(BigInt(value as number));
    case 'long':
    case 'time':
    case 'timestamp':
    case 'timestamptz':
      return longBytes(typeof value === 'bigint' ? value : BigInt(value as number));
    case 'string':
      return encoder.encode(value as string);
    case 'uuid':
      return typeof value === 'string' ? uuidToBytes(value) : (value as Uint8Array);
    case 'decimal':
      return bigintToTwosComplement(value as bigint);
    case 'fixed':
    case 'binary':
      return value as Uint8Array;
    default:
      throw new IcebergError('invalid-argument', `Cannot bucket a ${type.type} value`);
  }
}

/** The Appendix B hash of a value (signed 32-bit). */
export function bucketHash(type: AnyPrimitiveType, value: unknown): number {
  return murmur3x86_32(bucketHashBytes(type, value));
}

function truncate(width: number, type: AnyPrimitiveType, value: unknown): PartitionValue {
  switch (type.type) {
    case 'int': {
      const v = value as number;
      return v - (((v % width) + width) % width);
    }
    case 'long':
    case 'decimal': {
      const v = value as bigint;
      const w = BigInt(width);
      return v - (((v % w) + w) % w);
    }
    case 'string': {
      const s = value as string;
      let end = 0;
      let count = 0;
      for (const ch of s) {
        if (count === width) break;
        end += ch.length;
        count++;
      }
      return s.slice(0, end);
    }
    case 'binary':
      return (value as Uint8Array).slice(0, width);
    default:
      throw new IcebergError('invalid-argument', `Cannot truncate a ${type.type} value`);
  }
}

/**
 * Applies a transform to one canonical value. `transform` may be the textual
 * form. Throws `invalid-argument` when the transform does not apply to the type
 * and `unsupported` for unknown transforms (writers must not use them).
 */
export function applyTransform(
  transform: Transform | string,
  type: AnyPrimitiveType,
  value: unknown,
): PartitionValue {
  const t = typeof transform === 'string' ? parseTransform(transform) : transform;
  if (t.kind === 'unknown') {
    throw new IcebergError('unsupported', `Cannot write with unknown transform '${t.text}'`, {
      transform: t.text,
    });
  }
  if (!canTransform(t, type)) {
    throw new IcebergError(
      'invalid-argument',
      `Transform ${formatTransform(t)} does not apply to type ${type.type}`,
    );
  }
  if (value === null || value === undefined || t.kind === 'void') return null;
  switch (t.kind) {
    case 'identity':
      return value as PartitionValue;
    case 'bucket':
      return (bucketHash(type, value) & 0x7fffffff) % t.numBuckets;
    case 'truncate':
      return truncate(t.width, type, value);
    case 'hour':
      return Number(floorDiv(value as bigint, MICROS_PER_HOUR));
    case 'day':
      return toDays(type, value);
    case 'month':
      return yearsMonths(toDays(type, value)).months;
    case 'year':
      return yearsMonths(toDays(type, value)).years;
  }
}
