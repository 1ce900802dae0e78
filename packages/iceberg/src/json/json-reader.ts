/**
 * Typed field access on parsed JSON objects, so codecs reject malformed input
 * with an `invalid-argument` error naming the field instead of crashing later.
 */
import { IcebergError } from '../errors.ts';
import type { JsonValue } from './lossless-json.ts';

/** A JSON object, as codecs receive it. */
export type JsonObject = { readonly [key: string]: JsonValue };

function fail(what: string, key: string, expected: string, value: unknown): never {
  const shown = typeof value === 'bigint' ? value.toString() : JSON.stringify(value);
  throw new IcebergError('invalid-argument', `Invalid ${what}: '${key}' must be ${expected}, got ${shown}`, {
    field: key,
  });
}

/** The value as an object, or an error naming `what`. */
export function asObject(value: unknown, what: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new IcebergError('invalid-argument', `Invalid ${what}: expected a JSON object`);
  }
  return value as JsonObject;
}

/** The value as an array, or an error naming `what`. */
export function asArray(value: unknown, what: string, key: string): readonly JsonValue[] {
  if (!Array.isArray(value)) fail(what, key, 'an array', value);
  return value;
}

/** Reads typed members of one JSON object; every accessor names the object in its errors. */
export class JsonReader {
  readonly obj: JsonObject;
  readonly what: string;

  constructor(value: unknown, what: string) {
    this.obj = asObject(value, what);
    this.what = what;
  }

  has(key: string): boolean {
    return this.obj[key] !== undefined && this.obj[key] !== null;
  }

  string(key: string): string {
    const v = this.obj[key];
    if (typeof v !== 'string') fail(this.what, key, 'a string', v);
    return v;
  }

  optionalString(key: string): string | undefined {
    return this.has(key) ? this.string(key) : undefined;
  }

  boolean(key: string): boolean {
    const v = this.obj[key];
    if (typeof v !== 'boolean') fail(this.what, key, 'a boolean', v);
    return v;
  }

  optionalBoolean(key: string): boolean | undefined {
    return this.has(key) ? this.boolean(key) : undefined;
  }

  /** A 32-bit-range integer as a number. */
  int(key: string): number {
    const v = this.obj[key];
    if (typeof v !== 'number' || !Number.isInteger(v)) fail(this.what, key, 'an integer', v);
    return v;
  }

  optionalInt(key: string): number | undefined {
    return this.has(key) ? this.int(key) : undefined;
  }

  /** A 64-bit integer, exact, as a bigint. */
  long(key: string): bigint {
    const v = this.obj[key];
    if (typeof v === 'bigint') return v;
    if (typeof v !== 'number' || !Number.isInteger(v)) fail(this.what, key, 'an integer', v);
    return BigInt(v);
  }

  optionalLong(key: string): bigint | undefined {
    return this.has(key) ? this.long(key) : undefined;
  }

  /** A millisecond timestamp (safe in a double) as a number. */
  millis(key: string): number {
    const v = this.obj[key];
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) fail(this.what, key, 'a millisecond timestamp', v);
    return v;
  }

  optionalMillis(key: string): number | undefined {
    return this.has(key) ? this.millis(key) : undefined;
  }

  array(key: string): readonly JsonValue[] {
    return asArray(this.obj[key], this.what, key);
  }

  optionalArray(key: string): readonly JsonValue[] | undefined {
    return this.has(key) ? this.array(key) : undefined;
  }

  /** A JSON object whose values are all strings (properties, summaries). */
  stringMap(key: string): Readonly<Record<string, string>> {
    const o = asObject(this.obj[key], `${this.what} '${key}'`);
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(o)) {
      if (typeof v !== 'string') fail(this.what, `${key}.${k}`, 'a string', v);
      out[k] = v;
    }
    return out;
  }

  optionalStringMap(key: string): Readonly<Record<string, string>> | undefined {
    return this.has(key) ? this.stringMap(key) : undefined;
  }

  raw(key: string): JsonValue | undefined {
    return this.obj[key];
  }
}
