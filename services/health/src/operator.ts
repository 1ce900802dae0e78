import type { ErrorKind } from '@analytics/generated/ops/types';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** An error in the ops contract's shape: `{ error: { kind, message } }`. */
export function opsError(
  c: Context,
  status: ContentfulStatusCode,
  kind: ErrorKind,
  message: string,
): Response {
  return c.json({ error: { kind, message } }, status);
}

/** Constant-time comparison of two strings (as UTF-8 bytes). */
export function safeEqual(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

/**
 * Checks `Authorization: Bearer <ANALYTICS_OPERATOR_TOKEN>`; returns the error
 * response to send, or undefined when the caller is the operator. With no
 * token configured every operator call is refused.
 */
export function authorizeOperator(c: Context, expected: string | undefined): Response | undefined {
  const header = c.req.header('authorization');
  if (!header)
    return opsError(c, 401, 'missing_token', 'operator actions need Authorization: Bearer <operator token>');
  const match = /^Bearer\s+(.+)$/i.exec(header);
  if (!match || !expected || !safeEqual(match[1]!.trim(), expected)) {
    return opsError(c, 403, 'invalid_token', 'the operator token is not valid');
  }
  return undefined;
}
