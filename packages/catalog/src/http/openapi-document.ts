/**
 * Corrections to the OpenAPI document chanfana generates from the generated
 * zod schemas, so the served document says what contracts/iceberg-rest-catalog.yaml
 * says (checked by the served-contract test):
 *
 * - int64 fields are `z.coerce.bigint()` in the generated zod (ids stay exact
 *   in TypeScript), which the generator writes as `{type: string, pattern: "^d+$"}`;
 *   on the wire they are JSON integers, so they are written back as
 *   `{type: integer, format: int64}`.
 * - `ScanReport.filter` is `z.unknown()`, which cannot be marked required in
 *   zod (undefined passes); the contract requires it.
 */
export function correctOpenApiDocument(doc: unknown): unknown {
  if (Array.isArray(doc)) return doc.map(correctOpenApiDocument);
  if (typeof doc !== 'object' || doc === null) return doc;
  const obj = doc as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) out[k] = correctOpenApiDocument(v);
  if (
    out.pattern === '^d+$' &&
    (out.type === 'string' || (Array.isArray(out.type) && out.type.includes('string')))
  ) {
    delete out.pattern;
    out.type = Array.isArray(out.type) ? out.type.map((t) => (t === 'string' ? 'integer' : t)) : 'integer';
    out.format = 'int64';
  }
  const props = out.properties as Record<string, { enum?: unknown[] }> | undefined;
  if (props?.['report-type']?.enum?.[0] === 'scan-report' && Array.isArray(out.required)) {
    if (!out.required.includes('filter')) out.required = [...out.required, 'filter'];
  }
  return out;
}
