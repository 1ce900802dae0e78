import { z } from 'zod';
import { CatalogError } from '../errors.ts';
import type { Grant, Principal } from './grants.ts';

/**
 * One configured credential (an entry of `CATALOG_TOKENS`): either a static
 * bearer `token`, or an OAuth2 client (`client_id` + `client_secret`) that
 * exchanges its secret for signed, expiring tokens at `/v1/oauth/tokens`.
 * Grants name a namespace as dotted levels (`"web"`, `"web.daily"`) or `"*"`
 * for the whole warehouse, optionally one `table` in it.
 */
const credentialSchema = z
  .object({
    principal: z.string().min(1),
    token: z.string().min(16).optional(),
    client_id: z.string().min(1).optional(),
    client_secret: z.string().min(8).optional(),
    grants: z
      .array(
        z.object({
          namespace: z.string().min(1),
          table: z.string().min(1).optional(),
          privilege: z.enum(['read', 'write', 'admin']),
        }),
      )
      .min(1),
  })
  .strict()
  .refine((c) => c.token !== undefined || (c.client_id !== undefined && c.client_secret !== undefined), {
    message: 'needs "token" or both "client_id" and "client_secret"',
  });

/** The parsed credential configuration the authenticator checks against. */
export interface CredentialRegistry {
  /** Principals by static bearer token. */
  readonly tokens: ReadonlyMap<string, Principal>;
  /** OAuth2 clients by client id. */
  readonly clients: ReadonlyMap<string, { secret: string; principal: Principal }>;
  /** Every principal by name (signed tokens carry only the name; grants are looked up on each request). */
  readonly principals: ReadonlyMap<string, Principal>;
}

/** Admin over the whole warehouse. */
const ALL: Grant = { namespace: [], privilege: 'admin' };

/**
 * Builds the registry from `CATALOG_TOKENS` (a JSON list, see `docs/catalog.md`)
 * and `CATALOG_CREDENTIAL` (`client_id:client_secret`, an admin client; the
 * local default for `npm start`). Throws `invalid-argument` naming the bad entry.
 */
export function parseCredentialConfig(
  tokensJson: string | undefined,
  credential: string | undefined,
): CredentialRegistry {
  const tokens = new Map<string, Principal>();
  const clients = new Map<string, { secret: string; principal: Principal }>();
  const principals = new Map<string, Principal>();
  const add = (principal: Principal, token?: string, clientId?: string, secret?: string) => {
    const known = principals.get(principal.name);
    const merged = known
      ? { name: principal.name, grants: [...known.grants, ...principal.grants] }
      : principal;
    principals.set(principal.name, merged);
    if (token !== undefined) tokens.set(token, merged);
    if (clientId !== undefined && secret !== undefined) clients.set(clientId, { secret, principal: merged });
  };

  if (credential !== undefined && credential !== '') {
    const colon = credential.indexOf(':');
    if (colon <= 0 || colon === credential.length - 1) {
      throw new CatalogError(
        'invalid-argument',
        'CATALOG_CREDENTIAL must look like client_id:client_secret',
        {},
      );
    }
    const clientId = credential.slice(0, colon);
    add({ name: clientId, grants: [ALL] }, undefined, clientId, credential.slice(colon + 1));
  }

  if (tokensJson !== undefined && tokensJson.trim() !== '') {
    let raw: unknown;
    try {
      // Configuration, not a catalog body: it holds no 64-bit numbers.
      raw = JSON.parse(tokensJson);
    } catch (cause) {
      throw new CatalogError('invalid-argument', 'CATALOG_TOKENS is not valid JSON', {}, { cause });
    }
    const parsed = z.array(credentialSchema).safeParse(raw);
    if (!parsed.success) {
      throw new CatalogError(
        'invalid-argument',
        `CATALOG_TOKENS is invalid: ${z.prettifyError(parsed.error)}`,
        {},
      );
    }
    for (const entry of parsed.data) {
      const grants: Grant[] = entry.grants.map((g) => ({
        namespace: g.namespace === '*' ? [] : g.namespace.split('.'),
        ...(g.table !== undefined ? { table: g.table } : {}),
        privilege: g.privilege,
      }));
      add({ name: entry.principal, grants }, entry.token, entry.client_id, entry.client_secret);
    }
  }
  return { tokens, clients, principals };
}
