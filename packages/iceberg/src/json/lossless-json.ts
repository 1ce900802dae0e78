/**
 * Lossless JSON for Iceberg metadata and REST bodies (ICEBERG.md §5.9).
 * Snapshot ids are 63-bit longs; plain `JSON.parse` rounds them and
 * `JSON.stringify` throws on bigint. Parsing keeps every integer literal that
 * does not fit a double exactly as a `bigint` (using the reviver's
 * `context.source`, available on Node ≥ 21 and workerd); serializing writes
 * bigints as bare JSON numbers.
 */
import { IcebergError } from '../errors.ts';

/** A parsed JSON value: unsafe integers arrive as `bigint`. */
export type JsonValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | JsonValue[]
  | { [key: string]: JsonValue };

type SourceReviver = (this: unknown, key: string, value: unknown, context?: { source?: string }) => unknown;

const INTEGER_LITERAL = /^-?\d+$/;

const reviveBigInts: SourceReviver = (_key, value, context) => {
  if (typeof value === 'number' && !Number.isSafeInteger(value) && context?.source !== undefined) {
    if (INTEGER_LITERAL.test(context.source)) return BigInt(context.source);
  }
  return value;
};

/** Parses JSON text, keeping integers beyond 2^53 exact as `bigint`. */
export function parseJson(text: string): JsonValue {
  try {
    return JSON.parse(text, reviveBigInts as Parameters<typeof JSON.parse>[1]) as JsonValue;
  } catch (cause) {
    throw new IcebergError('invalid-argument', `Invalid JSON: ${(cause as Error).message}`, {}, { cause });
  }
}

/**
 * Serializes a value to JSON; `bigint`s become bare numbers, `undefined`
 * object members are left out (as `JSON.stringify` does). `indent` pretty-prints.
 */
export function stringifyJson(value: unknown, indent = 0): string {
  const parts: string[] = [];
  write(value, parts, indent, '');
  return parts.join('');
}

function write(value: unknown, out: string[], indent: number, pad: string): void {
  switch (typeof value) {
    case 'bigint':
      out.push(value.toString());
      return;
    case 'number':
      if (!Number.isFinite(value))
        throw new IcebergError('invalid-argument', `Cannot write ${value} as JSON`);
      out.push(JSON.stringify(value));
      return;
    case 'string':
    case 'boolean':
      out.push(JSON.stringify(value));
      return;
    case 'object': {
      if (value === null) {
        out.push('null');
        return;
      }
      const inner = indent > 0 ? pad + ' '.repeat(indent) : '';
      const nl = indent > 0 ? '\n' : '';
      if (Array.isArray(value)) {
        if (value.length === 0) {
          out.push('[]');
          return;
        }
        out.push('[', nl);
        value.forEach((item, i) => {
          if (i > 0) out.push(',', nl);
          out.push(inner);
          write(item === undefined ? null : item, out, indent, inner);
        });
        out.push(nl, pad, ']');
        return;
      }
      const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function');
      if (entries.length === 0) {
        out.push('{}');
        return;
      }
      out.push('{', nl);
      entries.forEach(([k, v], i) => {
        if (i > 0) out.push(',', nl);
        out.push(inner, JSON.stringify(k), indent > 0 ? ': ' : ':');
        write(v, out, indent, inner);
      });
      out.push(nl, pad, '}');
      return;
    }
    default:
      throw new IcebergError('invalid-argument', `Cannot write a ${typeof value} as JSON`);
  }
}
