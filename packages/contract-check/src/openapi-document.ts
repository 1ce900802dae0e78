import { parse } from 'yaml';

/**
 * The parts of an OpenAPI 3.0/3.1 document the comparison reads. Everything else (descriptions,
 * examples, `x-` extensions, servers, tags) is ignored, so it is typed loosely.
 */
export interface OpenApiDocument {
  readonly openapi?: string;
  readonly paths?: Record<string, PathItem | undefined>;
  readonly components?: Record<string, Record<string, unknown> | undefined>;
  readonly [key: string]: unknown;
}

/** A path item: operations by lower-case method, plus shared parameters. */
export type PathItem = Record<string, unknown> & { readonly parameters?: unknown[] };

/** A JSON Schema / OpenAPI schema object, or a boolean schema. */
export type SchemaLike = Record<string, unknown> | boolean;

/**
 * Parses a contract or served document from YAML or JSON text (JSON is YAML). Works in workerd:
 * load the contract with a Vite `?raw` import and pass the text here.
 */
export function parseOpenApiDocument(text: string): OpenApiDocument {
  const value: unknown = parse(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError('An OpenAPI document must be a YAML or JSON object');
  }
  return value as OpenApiDocument;
}

/** Follows a local `$ref` (`#/components/...`) in `document`; undefined when it does not resolve. */
export function resolvePointer(document: OpenApiDocument, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = document;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Resolves `value` while it is a `{ $ref }` object (parameters, request bodies, responses). */
export function deref(document: OpenApiDocument, value: unknown): Record<string, unknown> | undefined {
  let node = value;
  for (let hops = 0; hops < 20; hops++) {
    if (typeof node !== 'object' || node === null) return undefined;
    const ref = (node as Record<string, unknown>).$ref;
    if (typeof ref !== 'string') return node as Record<string, unknown>;
    node = resolvePointer(document, ref);
  }
  return undefined;
}
