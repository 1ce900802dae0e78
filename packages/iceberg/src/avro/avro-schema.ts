/**
 * Avro schemas as JSON (the `avro.schema` header of a container file) and
 * their compiled form used by the binary encoder and decoder. Iceberg's
 * attributes (`field-id`, `element-id`, `logicalType`) are kept on the JSON
 * and ignored by the codec, as Avro requires of unknown attributes.
 */
import { IcebergError } from '../errors.ts';

/** An Avro schema in its JSON form. */
export type AvroSchemaJson = string | AvroSchemaJson[] | { readonly [key: string]: unknown };

/** A compiled schema node. */
export type AvroNode =
  | { readonly kind: 'null' | 'boolean' | 'int' | 'long' | 'float' | 'double' | 'bytes' | 'string' }
  | { readonly kind: 'fixed'; readonly name: string; readonly size: number }
  | { readonly kind: 'enum'; readonly name: string; readonly symbols: readonly string[] }
  | { readonly kind: 'array'; readonly items: AvroNode }
  | { readonly kind: 'map'; readonly values: AvroNode }
  | { readonly kind: 'union'; readonly branches: readonly AvroNode[] }
  | { readonly kind: 'record'; readonly name: string; readonly fields: readonly AvroFieldNode[] };

/** A compiled record field. */
export interface AvroFieldNode {
  readonly name: string;
  readonly node: AvroNode;
  readonly fieldId?: number;
}

const PRIMITIVE = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);

function bad(message: string): never {
  throw new IcebergError('invalid-argument', `Invalid Avro schema: ${message}`);
}

/** Compiles a JSON schema; named types may be referenced by (full) name after their definition. */
export function compileAvroSchema(json: AvroSchemaJson): AvroNode {
  const named = new Map<string, AvroNode>();
  const compile = (s: AvroSchemaJson, namespace: string | undefined): AvroNode => {
    if (typeof s === 'string') {
      if (PRIMITIVE.has(s)) return { kind: s as 'null' };
      const found = named.get(s) ?? (namespace ? named.get(`${namespace}.${s}`) : undefined);
      if (!found) bad(`unknown type '${s}'`);
      return found;
    }
    if (Array.isArray(s)) return { kind: 'union', branches: s.map((b) => compile(b, namespace)) };
    const type = s.type as AvroSchemaJson;
    const name = typeof s.name === 'string' ? s.name : undefined;
    const ns = typeof s.namespace === 'string' ? s.namespace : namespace;
    const fullName = name === undefined ? undefined : name.includes('.') || !ns ? name : `${ns}.${name}`;
    switch (type) {
      case 'record':
      case 'error': {
        if (!fullName || !Array.isArray(s.fields)) bad('a record needs a name and fields');
        const fields: AvroFieldNode[] = [];
        const node: AvroNode = { kind: 'record', name: fullName, fields };
        named.set(fullName, node);
        if (name && name !== fullName) named.set(name, node);
        for (const f of s.fields as { name: string; type: AvroSchemaJson; 'field-id'?: number }[]) {
          const fieldId = f['field-id'];
          fields.push({
            name: f.name,
            node: compile(f.type, ns),
            ...(fieldId === undefined ? {} : { fieldId }),
          });
        }
        return node;
      }
      case 'fixed': {
        if (!fullName || typeof s.size !== 'number') bad('a fixed needs a name and size');
        const node: AvroNode = { kind: 'fixed', name: fullName, size: s.size };
        named.set(fullName, node);
        return node;
      }
      case 'enum': {
        if (!fullName || !Array.isArray(s.symbols)) bad('an enum needs a name and symbols');
        const node: AvroNode = { kind: 'enum', name: fullName, symbols: s.symbols as string[] };
        named.set(fullName, node);
        return node;
      }
      case 'array':
        return { kind: 'array', items: compile(s.items as AvroSchemaJson, ns) };
      case 'map':
        return { kind: 'map', values: compile(s.values as AvroSchemaJson, ns) };
      default:
        if (typeof type === 'string' || Array.isArray(type) || (typeof type === 'object' && type !== null)) {
          return compile(type, ns);
        }
        return bad(`unsupported type ${JSON.stringify(type)}`);
    }
  };
  return compile(json, undefined);
}
