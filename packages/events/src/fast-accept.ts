import type { EventValidator } from './event-schemas.ts';

/**
 * A yes-only shortcut in front of a zod schema. zod cannot compile its
 * validators inside workerd (code generation from strings is disallowed
 * there), and its interpreted path costs about 20 µs per event, the largest
 * share of ingest time. This module walks the schema's own definition once
 * and builds plain closures that answer "certainly valid" for the shapes the
 * event schemas use: objects, intersections, strings with length limits and
 * patterns (uuid, ISO date-time, regex), finite numbers, booleans, literals,
 * enums, optionals.
 *
 * It only ever says yes: an event it does not accept, and every schema that
 * uses anything it does not know, goes to zod's own `safeParse`, which stays
 * the authority and writes every error message. A differential test feeds
 * both thousands of generated events and checks that the shortcut never
 * accepts what zod rejects.
 */
export function withFastAccept(schema: EventValidator): EventValidator {
  const accepts = compile(schema);
  if (accepts === undefined) return schema;
  return {
    safeParse(value: unknown) {
      return accepts(value) ? { success: true, data: value } : schema.safeParse(value);
    },
  };
}

/** A check of one value; true only when zod would accept it unchanged. */
type Accept = (value: unknown) => boolean;

/** The parts of a zod v4 schema definition read here. */
interface ZodDef {
  readonly type: string;
  readonly shape?: Readonly<Record<string, unknown>>;
  readonly catchall?: unknown;
  readonly left?: unknown;
  readonly right?: unknown;
  readonly innerType?: unknown;
  readonly values?: readonly unknown[];
  readonly entries?: Readonly<Record<string, unknown>>;
  readonly checks?: readonly unknown[];
  readonly check?: string;
  readonly pattern?: RegExp;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly format?: string;
}

function defOf(schema: unknown): ZodDef | undefined {
  const zod = (schema as { _zod?: { def?: ZodDef } } | null)?._zod;
  return zod?.def;
}

/** Closures for a schema, or undefined when any part of it is beyond this module. */
export function compile(schema: unknown): Accept | undefined {
  const def = defOf(schema);
  if (def === undefined) return undefined;
  switch (def.type) {
    case 'object':
      return compileObject(def);
    case 'intersection': {
      const left = compile(def.left);
      const right = compile(def.right);
      return left && right && ((v) => left(v) && right(v));
    }
    case 'optional': {
      const inner = compile(def.innerType);
      return inner && ((v) => v === undefined || inner(v));
    }
    case 'string':
      return compileString(def);
    case 'number':
      return compileChecks(def, (v) => typeof v === 'number' && Number.isFinite(v));
    case 'boolean':
      return compileChecks(def, (v) => typeof v === 'boolean');
    case 'literal': {
      const values = new Set(def.values);
      return compileChecks(def, (v) => values.has(v));
    }
    case 'enum': {
      const values = new Set(Object.values(def.entries ?? {}));
      return compileChecks(def, (v) => values.has(v));
    }
    case 'unknown':
    case 'any':
      return compileChecks(def, () => true);
    default:
      return undefined;
  }
}

function compileObject(def: ZodDef): Accept | undefined {
  if ((def.checks?.length ?? 0) > 0) return undefined;
  const fields: [string, Accept][] = [];
  for (const [name, schema] of Object.entries(def.shape ?? {})) {
    const accept = compile(schema);
    if (accept === undefined) return undefined;
    fields.push([name, accept]);
  }
  // No catchall strips unknown members (accepted); `unknown` keeps them; anything else
  // (`never` of a strict object, a typed catchall) is left to zod.
  if (def.catchall !== undefined && defOf(def.catchall)?.type !== 'unknown') return undefined;
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    const record = value as Record<string, unknown>;
    for (const [name, accept] of fields) if (!accept(record[name])) return false;
    return true;
  };
}

function compileString(def: ZodDef): Accept | undefined {
  const pattern = def.pattern;
  if (def.format !== undefined && pattern === undefined) return undefined;
  const base: Accept =
    pattern === undefined
      ? (v) => typeof v === 'string'
      : (v) => {
          if (typeof v !== 'string') return false;
          pattern.lastIndex = 0;
          return pattern.test(v);
        };
  return compileChecks(def, base);
}

/** Adds the schema's `checks` (string length limits and patterns) to `base`. */
function compileChecks(def: ZodDef, base: Accept): Accept | undefined {
  const checks: Accept[] = [];
  for (const check of def.checks ?? []) {
    const c = defOf(check);
    if (c === undefined) return undefined;
    if (c.check === 'min_length' && c.minimum !== undefined) {
      const min = c.minimum;
      checks.push((v) => (v as string).length >= min);
    } else if (c.check === 'max_length' && c.maximum !== undefined) {
      const max = c.maximum;
      checks.push((v) => (v as string).length <= max);
    } else if (c.check === 'string_format' && c.pattern !== undefined) {
      const pattern = c.pattern;
      checks.push((v) => {
        pattern.lastIndex = 0;
        return pattern.test(v as string);
      });
    } else return undefined;
  }
  if (checks.length === 0) return base;
  return (v) => base(v) && checks.every((check) => check(v));
}
