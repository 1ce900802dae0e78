import { GraphQLError, type GraphQLScalarType, Kind, type ValueNode } from 'graphql';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * `DateTime` input: RFC 3339, or a full date meaning midnight UTC. Kept as the
 * validated string so `TimeRange.end` can read a date as the end of that day
 * (see `instantMs`).
 */
function parseDateTime(value: unknown): string {
  if (typeof value === 'string' && (DATE_ONLY.test(value) || RFC3339.test(value))) {
    if (!Number.isNaN(Date.parse(DATE_ONLY.test(value) ? `${value}T00:00:00Z` : value))) return value;
  }
  throw new GraphQLError(
    `DateTime must be RFC 3339 (2024-01-15T12:00:00Z) or a date (2024-01-15); got ${JSON.stringify(value)}.`,
    {
      extensions: { code: 'BAD_USER_INPUT' },
    },
  );
}

/** Milliseconds of a `DateTime` input; a date-only `end` means the end of that day (next midnight). */
export function instantMs(value: string, role: 'start' | 'end' | 'instant' = 'instant'): number {
  if (DATE_ONLY.test(value)) {
    const midnight = Date.parse(`${value}T00:00:00Z`);
    return role === 'end' ? midnight + 86_400_000 : midnight;
  }
  return Date.parse(value);
}

function serializeDateTime(value: unknown): string {
  const d = value instanceof Date ? value : new Date(typeof value === 'number' ? value : String(value));
  if (Number.isNaN(d.getTime())) throw new GraphQLError(`Cannot serialise ${String(value)} as DateTime.`);
  return d.toISOString();
}

function parseBigInt(value: unknown): bigint {
  if (
    (typeof value === 'string' && /^-?\d+$/.test(value)) ||
    (typeof value === 'number' && Number.isInteger(value))
  ) {
    return BigInt(value);
  }
  throw new GraphQLError(`BigInt must be an integer or a string of digits; got ${JSON.stringify(value)}.`, {
    extensions: { code: 'BAD_USER_INPUT' },
  });
}

function literalValue(ast: ValueNode): unknown {
  switch (ast.kind) {
    case Kind.STRING:
      return ast.value;
    case Kind.INT:
      return Number.isSafeInteger(Number(ast.value)) ? Number(ast.value) : ast.value;
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return ast.values.map(literalValue);
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((f) => [f.name.value, literalValue(f.value)]));
    default:
      return undefined;
  }
}

/** Give the SDL's custom scalars (built by `buildSchema` without behaviour) their parse and serialise rules. */
export function installScalars(scalars: {
  DateTime: GraphQLScalarType;
  BigInt: GraphQLScalarType;
  JSON: GraphQLScalarType;
}): void {
  Object.assign(scalars.DateTime, {
    serialize: serializeDateTime,
    parseValue: parseDateTime,
    parseLiteral: (ast: ValueNode) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
  });
  Object.assign(scalars.BigInt, {
    // Always a decimal string on the wire so no client loses precision.
    serialize: (v: unknown) => (typeof v === 'bigint' ? v.toString() : String(parseBigInt(v))),
    parseValue: parseBigInt,
    parseLiteral: (ast: ValueNode) =>
      parseBigInt(ast.kind === Kind.STRING || ast.kind === Kind.INT ? ast.value : undefined),
  });
  Object.assign(scalars.JSON, {
    serialize: (v: unknown) => v,
    parseValue: (v: unknown) => v,
    parseLiteral: literalValue,
  });
}
