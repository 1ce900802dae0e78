/**
 * Credentials the REST scenarios use; import-free so Vitest configs can read them.
 */
/** Static tokens the host must configure in CATALOG_TOKENS (see `SCENARIO_TOKENS_JSON`). */
export const SCENARIO_TOKENS = {
  reader: 'reader-token-0123456789',
  writer: 'writer-token-0123456789',
  scoped: 'scoped-token-0123456789',
};

/** The CATALOG_TOKENS value the scenarios expect (admin client comes from CATALOG_CREDENTIAL). */
export const SCENARIO_TOKENS_JSON = JSON.stringify([
  { principal: 'reader', token: SCENARIO_TOKENS.reader, grants: [{ namespace: '*', privilege: 'read' }] },
  { principal: 'writer', token: SCENARIO_TOKENS.writer, grants: [{ namespace: '*', privilege: 'write' }] },
  {
    principal: 'scoped',
    token: SCENARIO_TOKENS.scoped,
    grants: [{ namespace: 'perm', table: 'only', privilege: 'write' }],
  },
]);

/** The admin client the host configures as CATALOG_CREDENTIAL. */
export const SCENARIO_CREDENTIAL = { id: 'analytics', secret: 'analytics-secret' };
