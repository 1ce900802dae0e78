import { constantTimeEqual } from '@analytics/keys';
import { CatalogError } from '../errors.ts';
import type { CredentialRegistry } from './credentials-config.ts';
import type { Principal } from './grants.ts';
import { isSignedToken, signToken, verifyToken } from './signed-token.ts';

/** What authentication needs: the configured credentials, the signing secret and a clock. */
export interface AuthSettings {
  readonly registry: CredentialRegistry;
  /** HMAC key for issued tokens. */
  readonly tokenSecret: string;
  /** Lifetime of issued tokens, seconds. */
  readonly tokenTtlSeconds: number;
  readonly nowMs: () => number;
}

function unauthorized(message: string): CatalogError {
  return new CatalogError('not-authorized', message, {});
}

/**
 * Resolves `Authorization: Bearer <token>` to a principal: a configured static
 * token, or a token issued by `/v1/oauth/tokens` whose principal still exists
 * (grants are read from the current configuration, so editing it takes effect
 * at once). Throws `not-authorized` otherwise.
 */
export async function authenticate(
  authorization: string | null | undefined,
  auth: AuthSettings,
): Promise<Principal> {
  if (!authorization) throw unauthorized('Authorization header with a bearer token is required');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  const token = match?.[1];
  if (token === undefined) throw unauthorized('Authorization header must be "Bearer <token>"');
  if (isSignedToken(token)) {
    const claims = await verifyToken(token, auth.tokenSecret, Math.floor(auth.nowMs() / 1000));
    if (typeof claims === 'string') throw unauthorized(`Bearer token rejected: ${claims}`);
    const principal = auth.registry.principals.get(claims.sub);
    if (!principal) throw unauthorized(`Bearer token rejected: principal ${claims.sub} no longer exists`);
    return principal;
  }
  for (const [known, principal] of auth.registry.tokens) {
    if (constantTimeEqual(known, token)) return principal;
  }
  throw unauthorized('Bearer token rejected: unknown token');
}

/** The OAuth2 token response (RFC 6749 §5.1 plus the Iceberg `issued_token_type`). */
export interface OAuthTokenResponse {
  readonly access_token: string;
  readonly token_type: 'bearer';
  readonly expires_in: number;
  readonly issued_token_type: 'urn:ietf:params:oauth:token-type:access_token';
}

/** An OAuth2 error (RFC 6749 §5.2); the token endpoint's errors use this shape, not the Iceberg one. */
export interface OAuthError {
  readonly status: 400 | 401;
  readonly body: { error: string; error_description: string };
}

/**
 * The client-credentials grant: checks the client's secret (form fields or
 * HTTP Basic) and issues a signed token for its principal.
 */
export async function issueClientCredentialsToken(
  form: URLSearchParams,
  basicAuthorization: string | null | undefined,
  auth: AuthSettings,
): Promise<OAuthTokenResponse | OAuthError> {
  const grantType = form.get('grant_type');
  if (grantType === TOKEN_EXCHANGE) return exchangeToken(form, auth);
  if (grantType !== 'client_credentials') {
    return {
      status: 400,
      body: {
        error: 'unsupported_grant_type',
        error_description: `grant_type ${JSON.stringify(grantType)} is not supported; use client_credentials`,
      },
    };
  }
  let clientId = form.get('client_id');
  let clientSecret = form.get('client_secret');
  const basic = /^Basic\s+(\S+)$/i.exec(basicAuthorization ?? '')?.[1];
  if (basic !== undefined && clientId === null) {
    try {
      const decoded = atob(basic);
      const colon = decoded.indexOf(':');
      clientId = decodeURIComponent(decoded.slice(0, colon));
      clientSecret = decodeURIComponent(decoded.slice(colon + 1));
    } catch {
      return {
        status: 400,
        body: { error: 'invalid_request', error_description: 'malformed Basic credentials' },
      };
    }
  }
  if (!clientId || !clientSecret) {
    return {
      status: 400,
      body: { error: 'invalid_request', error_description: 'client_id and client_secret are required' },
    };
  }
  const client = auth.registry.clients.get(clientId);
  if (!client || !constantTimeEqual(client.secret, clientSecret)) {
    return {
      status: 401,
      body: { error: 'invalid_client', error_description: 'unknown client or wrong secret' },
    };
  }
  return issue(client.principal.name, auth);
}

const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';

async function issue(principal: string, auth: AuthSettings): Promise<OAuthTokenResponse> {
  const iat = Math.floor(auth.nowMs() / 1000);
  const accessToken = await signToken(
    { sub: principal, iat, exp: iat + auth.tokenTtlSeconds },
    auth.tokenSecret,
  );
  return {
    access_token: accessToken,
    token_type: 'bearer',
    expires_in: auth.tokenTtlSeconds,
    issued_token_type: 'urn:ietf:params:oauth:token-type:access_token',
  };
}

/**
 * Token exchange (RFC 8693), which the Java client uses to refresh a token
 * before it expires: a still-valid token of ours (`subject_token`) buys a
 * fresh one for the same principal.
 */
async function exchangeToken(
  form: URLSearchParams,
  auth: AuthSettings,
): Promise<OAuthTokenResponse | OAuthError> {
  const subject = form.get('subject_token');
  if (!subject) {
    return {
      status: 400,
      body: { error: 'invalid_request', error_description: 'subject_token is required' },
    };
  }
  try {
    const principal = await authenticate(`Bearer ${subject}`, auth);
    return await issue(principal.name, auth);
  } catch (e) {
    return { status: 401, body: { error: 'invalid_client', error_description: (e as Error).message } };
  }
}
