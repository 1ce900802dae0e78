import { constantTimeEqual } from '@analytics/keys';

/** What a signed access token asserts. */
export interface TokenClaims {
  /** The principal's name. */
  readonly sub: string;
  /** Issued at, epoch seconds. */
  readonly iat: number;
  /** Expires at, epoch seconds. */
  readonly exp: number;
}

const encoder = new TextEncoder();

function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64url(text: string): string {
  const b64 = text.replaceAll('-', '+').replaceAll('_', '/');
  return atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
}

async function hmac(secret: string, data: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return base64url(new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(data))));
}

/** Prefix that tells signed tokens from static ones. */
const PREFIX = 'cat1.';

/**
 * Issues `cat1.<claims>.<HMAC-SHA256>`: a compact, self-verifying bearer token
 * (a JWT would need a library for no gain; nothing but this catalog reads it).
 */
export async function signToken(claims: TokenClaims, secret: string): Promise<string> {
  const body = base64url(encoder.encode(JSON.stringify(claims)));
  return `${PREFIX}${body}.${await hmac(secret, body)}`;
}

/** Why a token was refused. */
export type TokenRejection = 'malformed' | 'bad-signature' | 'expired';

/** Checks signature and expiry against `nowSeconds`; returns the claims or the reason for refusal. */
export async function verifyToken(
  token: string,
  secret: string,
  nowSeconds: number,
): Promise<TokenClaims | TokenRejection> {
  if (!token.startsWith(PREFIX)) return 'malformed';
  const [body, signature, extra] = token.slice(PREFIX.length).split('.');
  if (body === undefined || signature === undefined || extra !== undefined) return 'malformed';
  if (!constantTimeEqual(signature, await hmac(secret, body))) return 'bad-signature';
  let claims: TokenClaims;
  try {
    claims = JSON.parse(fromBase64url(body)) as TokenClaims;
  } catch {
    return 'malformed';
  }
  if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number') return 'malformed';
  return claims.exp > nowSeconds ? claims : 'expired';
}

/** True when the bearer token is one this module issued (rather than a configured static token). */
export function isSignedToken(token: string): boolean {
  return token.startsWith(PREFIX);
}
