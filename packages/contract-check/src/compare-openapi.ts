import { compareSchemas } from './compare-schemas.ts';
import { type ContractDifference, difference } from './difference.ts';
import { normaliseSchema } from './normal-schema.ts';
import { deref, type OpenApiDocument } from './openapi-document.ts';

/** Options for {@link compareOpenApi}. */
export interface CompareOpenApiOptions {
  /**
   * Compare only these contract paths (templates as written in the contract, e.g. `/health`);
   * for a service that serves part of a contract. Default: every contract path.
   */
  readonly paths?: readonly string[];
  /** Do not report paths the service serves beyond the contract's (e.g. its own /docs). Default false. */
  readonly allowExtraPaths?: boolean;
  /** Compare response bodies (media types and schemas), not only status codes. Default true. */
  readonly compareResponseBodies?: boolean;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * Compares the OpenAPI document a service serves (e.g. chanfana's `/openapi.json`) with the
 * contract document, and returns every difference that matters on the wire: paths, methods,
 * parameters (name, location, required, type), request body media types and schemas, response
 * status codes and (by default) response body schemas. Harmless differences are normalised away:
 * `$ref` versus inline, ordering, descriptions and examples, the forms of nullable, `x-` fields,
 * path parameter names in templates (they are compared as parameters instead). Returns `[]` when
 * the two agree.
 */
export function compareOpenApi(
  served: OpenApiDocument,
  contract: OpenApiDocument,
  options: CompareOpenApiOptions = {},
): ContractDifference[] {
  const out: ContractDifference[] = [];
  const contractPaths = indexPaths(contract);
  const servedPaths = indexPaths(served);
  const wanted = options.paths ? new Set(options.paths.map(templateKey)) : undefined;

  for (const [key, { template, item }] of contractPaths) {
    if (wanted && !wanted.has(key)) continue;
    const other = servedPaths.get(key);
    if (!other) {
      out.push(difference('missing-path', template, 'path is in the contract but not served'));
      continue;
    }
    comparePathItem(contract, item, served, other.item, template, options, out);
  }
  if (!options.allowExtraPaths && !wanted) {
    for (const [key, { template }] of servedPaths) {
      if (!contractPaths.has(key))
        out.push(difference('extra-path', template, 'path is served but not in the contract'));
    }
  }
  return out;
}

interface IndexedPath {
  readonly template: string;
  readonly item: Record<string, unknown>;
}

/** Path templates keyed with parameter names erased, so `/a/{id}` and `/a/{name}` match. */
function indexPaths(document: OpenApiDocument): Map<string, IndexedPath> {
  const index = new Map<string, IndexedPath>();
  for (const [template, item] of Object.entries(document.paths ?? {})) {
    if (template.startsWith('x-')) continue;
    const resolved = deref(document, item);
    if (resolved) index.set(templateKey(template), { template, item: resolved });
  }
  return index;
}

function templateKey(template: string): string {
  const trimmed = template.length > 1 ? template.replace(/\/+$/, '') : template;
  return trimmed.replace(/\{[^}]*\}/g, '{}');
}

function comparePathItem(
  contractDoc: OpenApiDocument,
  contractItem: Record<string, unknown>,
  servedDoc: OpenApiDocument,
  servedItem: Record<string, unknown>,
  template: string,
  options: CompareOpenApiOptions,
  out: ContractDifference[],
): void {
  for (const method of METHODS) {
    const c = deref(contractDoc, contractItem[method]);
    const s = deref(servedDoc, servedItem[method]);
    const location = `${method.toUpperCase()} ${template}`;
    if (c && !s)
      out.push(difference('missing-operation', location, 'operation is in the contract but not served'));
    if (!c && s)
      out.push(difference('extra-operation', location, 'operation is served but not in the contract'));
    if (!c || !s) continue;
    const sides = {
      contract: { doc: contractDoc, pathItem: contractItem, op: c },
      served: { doc: servedDoc, pathItem: servedItem, op: s },
    };
    compareParameters(sides, location, out);
    compareRequestBody(sides, location, out);
    compareResponses(sides, location, options.compareResponseBodies ?? true, out);
  }
}

interface Side {
  readonly doc: OpenApiDocument;
  readonly pathItem: Record<string, unknown>;
  readonly op: Record<string, unknown>;
}
interface Sides {
  readonly contract: Side;
  readonly served: Side;
}

interface Parameter {
  readonly name: string;
  readonly in: string;
  readonly required: boolean;
  readonly schema: unknown;
}

/** Operation parameters (overriding path-level ones), keyed `in:name`; header names are case-insensitive. */
function parameters(side: Side): Map<string, Parameter> {
  const map = new Map<string, Parameter>();
  const lists = [side.pathItem.parameters, side.op.parameters];
  for (const list of lists) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const p = deref(side.doc, raw);
      if (!p || typeof p.name !== 'string' || typeof p.in !== 'string') continue;
      const name = p.in === 'header' ? p.name.toLowerCase() : p.name;
      map.set(`${p.in}:${name}`, {
        name,
        in: p.in,
        required: p.required === true || p.in === 'path',
        schema: p.schema,
      });
    }
  }
  return map;
}

function compareParameters(sides: Sides, location: string, out: ContractDifference[]): void {
  const contract = parameters(sides.contract);
  const served = parameters(sides.served);
  for (const [key, c] of contract) {
    const s = served.get(key);
    const at = `${location} › ${c.in} parameter \`${c.name}\``;
    if (!s) {
      out.push(difference('missing-parameter', at, 'parameter is in the contract but not served'));
      continue;
    }
    if (c.required !== s.required) {
      out.push(
        difference(
          'parameter-mismatch',
          at,
          `parameter is ${c.required ? 'required' : 'optional'} in the contract but ${s.required ? 'required' : 'optional'} as served`,
        ),
      );
    }
    compareSchemas(
      normaliseSchema(sides.contract.doc, c.schema as never),
      normaliseSchema(sides.served.doc, s.schema as never),
      at,
      out,
    );
  }
  for (const [key, s] of served) {
    if (!contract.has(key)) {
      out.push(
        difference(
          'extra-parameter',
          `${location} › ${s.in} parameter \`${s.name}\``,
          'parameter is served but not in the contract',
        ),
      );
    }
  }
}

/** Media types of a `content` map keyed by their essence (`type/subtype`, lower case, no parameters). */
function content(doc: OpenApiDocument, value: unknown): Map<string, unknown> {
  const map = new Map<string, unknown>();
  const c = deref(doc, value);
  if (!c) return map;
  for (const [mediaType, entry] of Object.entries(c)) {
    const essence = mediaType.split(';')[0]?.trim().toLowerCase() ?? mediaType;
    map.set(essence, deref(doc, entry)?.schema);
  }
  return map;
}

function compareContent(
  contractDoc: OpenApiDocument,
  contractContent: unknown,
  servedDoc: OpenApiDocument,
  servedContent: unknown,
  location: string,
  out: ContractDifference[],
): void {
  const c = content(contractDoc, contractContent);
  const s = content(servedDoc, servedContent);
  for (const [mediaType, schema] of c) {
    const at = `${location} ${mediaType}`;
    if (!s.has(mediaType)) {
      out.push(difference('missing-media-type', at, 'media type is in the contract but not served'));
      continue;
    }
    compareSchemas(
      normaliseSchema(contractDoc, schema as never),
      normaliseSchema(servedDoc, s.get(mediaType) as never),
      at,
      out,
    );
  }
  for (const mediaType of s.keys()) {
    if (!c.has(mediaType)) {
      out.push(
        difference(
          'extra-media-type',
          `${location} ${mediaType}`,
          'media type is served but not in the contract',
        ),
      );
    }
  }
}

function compareRequestBody(sides: Sides, location: string, out: ContractDifference[]): void {
  const c = deref(sides.contract.doc, sides.contract.op.requestBody);
  const s = deref(sides.served.doc, sides.served.op.requestBody);
  const at = `${location} › request body`;
  if (!c && !s) return;
  if (!c || !s) {
    out.push(
      difference(
        'request-body-mismatch',
        at,
        c
          ? 'the contract has a request body but none is served'
          : 'a request body is served but the contract has none',
      ),
    );
    return;
  }
  if ((c.required === true) !== (s.required === true)) {
    out.push(
      difference(
        'request-body-mismatch',
        at,
        `request body is ${c.required === true ? 'required' : 'optional'} in the contract but ${s.required === true ? 'required' : 'optional'} as served`,
      ),
    );
  }
  compareContent(sides.contract.doc, c.content, sides.served.doc, s.content, at, out);
}

function compareResponses(sides: Sides, location: string, bodies: boolean, out: ContractDifference[]): void {
  const c = withoutExtensions(deref(sides.contract.doc, sides.contract.op.responses));
  const s = withoutExtensions(deref(sides.served.doc, sides.served.op.responses));
  for (const status of Object.keys(c)) {
    const at = `${location} › response ${status}`;
    if (!(status in s)) {
      out.push(difference('missing-status', at, 'status code is in the contract but not served'));
      continue;
    }
    if (!bodies) continue;
    const cr = deref(sides.contract.doc, c[status]);
    const sr = deref(sides.served.doc, s[status]);
    compareContent(sides.contract.doc, cr?.content, sides.served.doc, sr?.content, at, out);
  }
  for (const status of Object.keys(s)) {
    if (!(status in c)) {
      out.push(
        difference(
          'extra-status',
          `${location} › response ${status}`,
          'status code is served but not in the contract',
        ),
      );
    }
  }
}

/**
 * A Responses Object keyed by status with its `x-` extension members dropped (they are not status
 * codes) and ranges upper-cased (`5xx` and `5XX` are the same range).
 */
function withoutExtensions(map: Record<string, unknown> | undefined): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(map ?? {})
      .filter(([key]) => !key.startsWith('x-'))
      .map(([key, value]) => [key.toUpperCase(), value]),
  );
}
